// The emails a directory's change causes, limited (docs/rules.md rule 13; SECURITY.md, issue 12 finding
// 3). An identity provider may flip a person's role back and forth hundreds of times a minute; a person
// must not get an email for each. So, for a change made by the directory:
//   - a role change is emailed at most once per person and organization an hour: a change within the hour
//     of the last one updates that email while it is still unsent (it then tells the role they hold now),
//     and is not emailed otherwise;
//   - every email counts against the address's daily cap (INVITATIONS_PER_ADDRESS_PER_DAY, shared with
//     invitations), past which it is not sent.
// The change itself is never refused for this: only its email is left out. Console changes are not
// limited here (a person acts, and sees what they do).
import 'server-only';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { emailMessages } from '@/db/schema';
import type { Actor } from '../shared/actor';
import { now } from '../clock';
import { invitationSettings } from '../config';
import type { QueuedEmail } from '../email/queue';
import { receivedKey } from '../invitations/caps';
import { hitEach, lockBuckets } from '../rate-limit';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The emails of `actor`'s change: all of a person's; a directory's less those its limits leave out. */
export async function noticesToSend(
  tx: Transaction,
  actor: Actor,
  emails: readonly QueuedEmail[],
): Promise<readonly QueuedEmail[]> {
  return actor.kind === 'directory' && emails.length > 0 ? limitDirectoryNotices(tx, emails, now()) : emails;
}

/** `emails` of a directory's change at `at`, less those its limits leave out (see above). */
async function limitDirectoryNotices(
  tx: Transaction,
  emails: readonly QueuedEmail[],
  at: Date,
): Promise<QueuedEmail[]> {
  const fresh: QueuedEmail[] = [];
  for (const email of emails)
    if (email.kind !== 'role_changed' || !(await coalesced(tx, email, at))) fresh.push(email);
  if (fresh.length === 0) return fresh;
  const keys = fresh.map((email) => receivedKey(email.recipient));
  const received = await lockBuckets(tx, keys, at, DAY);
  const cap = invitationSettings().perAddressPerDay;
  const allowed = fresh.filter((email) => (received.get(receivedKey(email.recipient)) ?? 0) < cap);
  await hitEach(tx, [...new Set(allowed.map((email) => receivedKey(email.recipient)))], at, DAY);
  return allowed;
}

/**
 * Whether the role change `email` is taken care of by the last one to the same person about the same
 * organization within the hour: updated in place while it is unsent (its `toRole` becomes this one's; a
 * change back to the role it started from leaves nothing to tell, and it is dropped), or, once sent,
 * left at that. The row is locked, so the worker claims it either before (then it is sent as it was) or
 * after (then as updated).
 */
async function coalesced(tx: Transaction, email: QueuedEmail, at: Date): Promise<boolean> {
  const [last] = await tx
    .select({
      id: emailMessages.id,
      status: emailMessages.status,
      fromRole: sql<string | null>`${emailMessages.payload} ->> 'fromRole'`,
    })
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.kind, 'role_changed'),
        eq(emailMessages.recipient, email.recipient),
        email.organizationId ? eq(emailMessages.organizationId, email.organizationId) : sql`false`,
        gt(emailMessages.createdAt, new Date(at.getTime() - HOUR)),
      ),
    )
    .orderBy(desc(emailMessages.createdAt))
    .limit(1)
    .for('update');
  if (!last) return false;
  if (last.status !== 'queued') return true;
  if (last.fromRole === email.payload.toRole)
    await tx.delete(emailMessages).where(eq(emailMessages.id, last.id));
  else
    await tx
      .update(emailMessages)
      .set({
        payload: sql`${emailMessages.payload} || jsonb_build_object('toRole', ${email.payload.toRole}::text)`,
        updatedAt: at,
      })
      .where(eq(emailMessages.id, last.id));
  return true;
}
