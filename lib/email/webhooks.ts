// Resend's delivery webhooks (docs/email-delivery.md): each signed event (svix; RESEND_WEBHOOK_SECRET)
// is applied once, by its svix id, to the message Resend names (its `email_id`, stored as the message's
// provider_id when sent), and copied to the invitation the message is about. Statuses only move forward
// (sent → delayed → delivered → bounced or complained), whatever order the events arrive in. No body is
// stored: the event's id, type and message id, and a bounce's reason.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { Webhook } from 'svix';
import { getDb } from '@/db/client';
import { emailEvents, emailMessages, invitations } from '@/db/schema';
import { MAX_DELIVERY_ERROR } from '../shared/limits';
import { z } from 'zod';
import { rows } from '../sql';

/** The events recorded, and the status each gives its message. */
const STATUS_OF: Record<string, 'delayed' | 'delivered' | 'bounced' | 'complained'> = {
  'email.delivery_delayed': 'delayed',
  'email.delivered': 'delivered',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
};

/** How far along a status is: an event never moves a message back (nor one not yet sent: 99). */
const rankOf = (status: SQL) => sql`CASE ${status} WHEN 'sent' THEN 1 WHEN 'delayed' THEN 2
  WHEN 'delivered' THEN 3 WHEN 'bounced' THEN 4 WHEN 'complained' THEN 4 ELSE 99 END`;

/** A request that is not a genuine, fresh Resend event: `status` is what to answer (401, or 400). */
export class WebhookRefused extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 = 401,
  ) {
    super(message);
  }
}

export interface ResendEvent {
  type: string;
  data?: { email_id?: string; bounce?: { message?: string; type?: string; subType?: string } };
}

/**
 * The event in `payload`, if its svix signature is valid for `secret` and its timestamp recent (svix's
 * tolerance: 5 minutes); else throws WebhookRefused.
 */
export function verifyResendEvent(
  payload: string,
  headers: { id: string | null; timestamp: string | null; signature: string | null },
  secret: string,
): ResendEvent {
  if (!headers.id || !headers.timestamp || !headers.signature) throw new WebhookRefused('unsigned');
  try {
    new Webhook(secret).verify(payload, {
      'svix-id': headers.id,
      'svix-timestamp': headers.timestamp,
      'svix-signature': headers.signature,
    });
  } catch {
    throw new WebhookRefused('bad signature or stale timestamp');
  }
  let event: ResendEvent | null = null;
  try {
    event = JSON.parse(payload) as ResendEvent;
  } catch {
    // signed, yet not JSON: refused below
  }
  if (!event || typeof event.type !== 'string') throw new WebhookRefused('not an event', 400);
  return event;
}

/**
 * Applies a verified event once (keyed by its svix id), in one statement: the event is remembered, and a
 * delivery event moves its message (and the invitation whose newest message it is) forward. Returns
 * whether anything was new: false for a replayed id.
 */
export async function applyResendEvent(eventId: string, event: ResendEvent): Promise<boolean> {
  const db = await getDb();
  const status = STATUS_OF[event.type] ?? null;
  const providerId = event.data?.email_id ?? null;
  const bounce = event.data?.bounce;
  const reason =
    status === 'bounced'
      ? (bounce?.message || [bounce?.type, bounce?.subType].filter(Boolean).join(', ') || 'Bounced').slice(
          0,
          MAX_DELIVERY_ERROR,
        )
      : status === 'complained'
        ? 'The recipient marked it as spam.'
        : null;
  const [row] = await rows(
    db,
    sql`WITH fresh AS (
          INSERT INTO ${emailEvents} (id, type, provider_id) VALUES (${eventId}, ${event.type}, ${providerId})
          ON CONFLICT (id) DO NOTHING RETURNING id),
        moved AS (
          UPDATE ${emailMessages} SET status = ${status}::delivery_status,
                 error = COALESCE(${reason}, error), updated_at = now()
          WHERE ${status}::text IS NOT NULL AND provider_id = ${providerId} AND EXISTS (SELECT 1 FROM fresh)
            AND ${rankOf(sql`${status}::text`)} > ${rankOf(sql`status::text`)}
          RETURNING id, invitation_id, status, error),
        copied AS (
          UPDATE ${invitations} AS i SET delivery_status = m.status, delivery_error = m.error
          FROM moved m
          WHERE i.id = m.invitation_id
            AND m.id = (SELECT e.id FROM ${emailMessages} e WHERE e.invitation_id = i.id
                        ORDER BY e.created_at DESC, e.id DESC LIMIT 1)
          RETURNING i.id)
        SELECT EXISTS (SELECT 1 FROM fresh) AS fresh`,
    z.object({ fresh: z.boolean() }),
  );
  return row?.fresh ?? false;
}
