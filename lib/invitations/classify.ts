// Classifying the addresses of a request against the organization: members already, pending invitations
// still in their cooldown (docs/rules.md rule 12), and the rest, to invite anew or to send again (rule 10).
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { invitations, memberships, users } from '@/db/schema';
import { invitationSettings } from '../config';
import { fail } from '../shared/errors';
import { rows, textArray } from '../sql';
import { isUndelivered } from '../email/statuses';
import { cooldownSentence, secondsUntilResend, type InviteResult } from '../shared/invite-outcomes';
import { z } from 'zod';

/** An address to send to: a new invitation, or its pending one sent again. */
export interface Candidate {
  email: string;
  kind: 'new' | 'resend';
  /** The address's declined invitations, which the new one replaces (one row per address in the table). */
  replaces: string[];
  /** Whether sending takes a seat (lib/organizations/seats.ts): a new invitation, or a pending one that had expired. */
  takesSeat: boolean;
}

/**
 * Sorts the valid addresses: members already (nothing to send), pending invitations sent less than the
 * cooldown ago (`rate_limited`), and the candidates, to invite anew or to send again.
 */
export async function classifyAddresses(
  db: Database,
  organizationId: string,
  addresses: readonly string[],
  at: Date,
  options: { resendOnly?: boolean },
): Promise<{ settled: InviteResult[]; candidates: Candidate[] }> {
  const settled: InviteResult[] = [];
  const candidates: Candidate[] = [];
  if (addresses.length === 0) return { settled, candidates };
  const { members, pending, declined } = await readMembersAndPending(db, organizationId, addresses);
  for (const email of addresses) {
    if (members.has(email)) {
      settled.push({ email, outcome: 'already_member', reason: 'Already a member of the organization.' });
      continue;
    }
    const open = pending.get(email);
    // A resend of a row that was revoked or accepted meanwhile must not bring it back as a new one.
    if (options.resendOnly && !open) fail('NOT_FOUND');
    const wait = open ? cooldownLeft(open, at) : 0;
    if (wait > 0) {
      settled.push({
        email,
        outcome: 'rate_limited',
        code: 'RATE_LIMITED',
        retryInSeconds: wait,
        reason: cooldownSentence(wait),
      });
      continue;
    }
    candidates.push({
      email,
      kind: open ? 'resend' : 'new',
      replaces: declined.get(email) ?? [],
      takesSeat: !open || new Date(open.expiresAt).getTime() <= at.getTime(),
    });
  }
  return { settled, candidates };
}

interface PendingInvitation {
  lastSentAt: string | null;
  deliveryStatus: string | null;
  expiresAt: string;
}

/**
 * Seconds until a pending invitation may be sent again, 0 if now. An email that failed, bounced or was
 * reported as spam reached no one: no wait.
 */
function cooldownLeft(open: PendingInvitation, at: Date): number {
  if (isUndelivered(open.deliveryStatus) || !open.lastSentAt) return 0;
  return secondsUntilResend(new Date(open.lastSentAt), at, invitationSettings().resendCooldownMs);
}

/**
 * Which of `addresses` are members of the organization, which have a pending invitation there, and the
 * declined invitations of the others: one statement.
 */
async function readMembersAndPending(db: Database, organizationId: string, addresses: readonly string[]) {
  const found = await rows(
    db,
    sql`SELECT 'member' AS kind, NULL::uuid AS id, u.email, NULL AS last_sent_at, NULL AS delivery_status,
               NULL AS expires_at
          FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id
          WHERE m.organization_id = ${organizationId} AND u.email = ANY(${textArray(addresses)})
        UNION ALL
        SELECT CASE WHEN i.status = 'pending' THEN 'invitation' ELSE 'declined' END, i.id, i.email,
               i.last_sent_at::text, i.delivery_status::text, i.expires_at::text
          FROM ${invitations} i
          WHERE i.organization_id = ${organizationId} AND i.status IN ('pending', 'declined')
            AND i.email = ANY(${textArray(addresses)})`,
    z.object({
      kind: z.enum(['member', 'invitation', 'declined']),
      id: z.string().nullable(),
      email: z.string(),
      last_sent_at: z.string().nullable(),
      delivery_status: z.string().nullable(),
      expires_at: z.string().nullable(),
    }),
  );
  const pending = new Map<string, PendingInvitation>();
  const declined = new Map<string, string[]>();
  for (const row of found) {
    if (row.kind === 'invitation')
      pending.set(row.email, {
        lastSentAt: row.last_sent_at,
        deliveryStatus: row.delivery_status,
        expiresAt: row.expires_at!,
      });
    if (row.kind === 'declined') declined.set(row.email, [...(declined.get(row.email) ?? []), row.id!]);
  }
  const members = new Set(found.filter((row) => row.kind === 'member').map((row) => row.email));
  return { members, pending, declined };
}
