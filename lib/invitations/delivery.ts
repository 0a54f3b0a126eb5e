// Delivery of invitation emails (docs/email-delivery.md): queued in the invitations' own transaction,
// sent by the email worker (lib/email/worker.ts); the request that invited waits a short while for the
// results, so that the confirmation modal can say what happened to each address.
import 'server-only';
import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { getDb, type Transaction } from '@/db/client';
import { emailMessages } from '@/db/schema';
import { emailWaitMs } from '../config';
import { enqueueEmails } from '../email/queue';
import { seal } from '../sealed';
import { isUndelivered } from '../email/statuses';
import { nextRecordingOr, nudgeEmailWorker } from '../email/nudge';
import type { InviteResult } from '../shared/invite-outcomes';
import { rows } from '../sql';
import { senderLocale } from '../email/locale';
import type { PersonActor } from '../shared/actor';
import { z } from 'zod';
import { deliveryStatusValues, type InvitationRole, type MemberRole } from '@/db/values';

/** An invitation just written, with the secret of its link (known only until it is queued, sealed). */
export interface OutgoingInvitation {
  email: string;
  invitationId: string;
  sendCount: number;
  token: string;
  tokenHash: string;
}

/** What the email says besides the link, the same for every address of a request. */
export interface InvitationEmailFacts {
  /** The inviter: their name, their address and the language of their request (the email's if the invitee chose none). */
  inviter: PersonActor;
  organizationName: string;
  role: InvitationRole | MemberRole;
  expiresAt: Date;
}

/** Where an address's email is when the request answers: out, refused for good, or still on its way. */
export type DeliveryOutcome = { state: 'sent' } | { state: 'failed'; error: string } | { state: 'sending' };

/** Queues one email per invitation inside `tx` (`queue`: emailQueue()); returns the messages' ids, in order. */
export function invitationEmails(
  tx: Transaction,
  queue: PgBoss,
  organizationId: string,
  outgoing: readonly OutgoingInvitation[],
  facts: InvitationEmailFacts,
): Promise<string[]> {
  // The role and the expiry as data: the worker writes them in the invitee's language (lib/email/render-queued.ts).
  const expiresAt = facts.expiresAt.toISOString();
  const inviter = facts.inviter;
  return enqueueEmails(
    tx,
    queue,
    outgoing.map((item) => ({
      kind: 'invitation' as const,
      recipient: item.email,
      organizationId,
      invitationId: item.invitationId,
      payload: {
        token: seal(item.token, 'email payload'),
        inviterName: inviter.name?.trim() || inviter.email,
        inviterEmail: inviter.email,
        organizationName: facts.organizationName,
        role: facts.role,
        expiresAt,
        ...senderLocale(inviter),
      },
    })),
  );
}

const IN_FLIGHT = new Set(['queued', 'sending', 'retrying']);
const LOOK_MS = 250;

/**
 * After the commit: wakes this process's email worker, then reads the messages until none is in flight
 * or EMAIL_WAIT_MS (5 s) has passed, and says where each address's email is. It reads again as soon as
 * this process's worker has recorded results, or every LOOK_MS when another process works the queue.
 * Never throws: the invitations are committed, and what could not be read is still on its way (the list
 * shows the rest).
 */
export async function awaitDelivery(
  outgoing: readonly OutgoingInvitation[],
  messageIds: readonly string[],
): Promise<Map<string, DeliveryOutcome>> {
  const outcomes = new Map<string, DeliveryOutcome>(
    outgoing.map((item) => [item.email, { state: 'sending' }]),
  );
  if (messageIds.length === 0) return outcomes;
  nudgeEmailWorker();
  const deadline = Date.now() + emailWaitMs();
  try {
    const db = await getDb();
    for (;;) {
      // Listened for before the read, so that results recorded during it are not missed.
      const next = nextRecordingOr(Math.max(0, Math.min(LOOK_MS, deadline - Date.now())));
      const found = await rows(
        db,
        sql`SELECT id, status, error FROM ${emailMessages}
            WHERE id = ANY(${`{${messageIds.join(',')}}`}::uuid[])`,
        z.object({ id: z.string(), status: z.enum(deliveryStatusValues), error: z.string().nullable() }),
      );
      const byId = new Map(found.map((row) => [row.id, row]));
      const settled = found.every((row) => !IN_FLIGHT.has(row.status));
      if (settled || Date.now() >= deadline) {
        outgoing.forEach((item, index) => {
          const row = byId.get(messageIds[index]);
          if (!row || IN_FLIGHT.has(row.status)) return;
          outcomes.set(
            item.email,
            isUndelivered(row.status)
              ? { state: 'failed', error: row.error ?? 'The email service did not accept it.' }
              : { state: 'sent' },
          );
        });
        return outcomes;
      }
      await next;
    }
  } catch (error) {
    console.error('[invitations] could not read the delivery results; they show in the list', error);
    return outcomes;
  }
}

/** What each written invitation's address reads when the request answers. */
export function deliveryResults(
  written: readonly (OutgoingInvitation & { kind: 'new' | 'resend' })[],
  delivered: Map<string, DeliveryOutcome>,
): InviteResult[] {
  return written.map(({ email, invitationId, kind }) => {
    const outcome = delivered.get(email)!;
    if (outcome.state === 'failed')
      return { email, invitationId, outcome: 'not_delivered', reason: outcome.error };
    if (outcome.state === 'sending') return { email, invitationId, outcome: 'sending' };
    return { email, invitationId, outcome: kind === 'new' ? 'invited' : 'resent' };
  });
}
