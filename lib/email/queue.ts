// Emails about a change, queued in the change's own transaction (docs/email-delivery.md): a row per
// message in `email_messages` and a pg-boss job per 100 of them, so that a commit always has its emails
// and a rollback never does. The worker (lib/email/worker.ts) sends them.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { fromDrizzle, type DrizzleTransactionLike, type PgBoss } from 'pg-boss';
import type { Transaction } from '@/db/client';
import { emailMessages } from '@/db/schema';
import { getBoss } from '../jobs/boss';
import { EMAIL_QUEUE } from '../jobs/queues';
import { jsonb } from '../sql';
import { MAX_BATCH } from './index';

export type EmailKind = (typeof emailMessages.$inferInsert)['kind'];

export interface QueuedEmail {
  kind: EmailKind;
  recipient: string;
  organizationId: string | null;
  invitationId?: string;
  /** What the template needs besides the recipient (never a rendered body; secrets sealed: ./sealed.ts). */
  payload: Record<string, unknown>;
}

/** The job a worker takes: the messages it sends, at most MAX_BATCH. */
export interface EmailJob {
  messageIds: string[];
}

/** The job queue emails are queued on, taken before the transaction that queues them. */
export type EmailQueue = PgBoss;

/**
 * This process's queue, ready to take jobs. Call it before opening the transaction that queues emails:
 * starting the queue reads the database, which on PGlite (one connection) waits for an open transaction.
 */
export function emailQueue(): Promise<PgBoss> {
  return getBoss();
}

/**
 * Writes the messages and their jobs inside `tx` (two statements whatever their number), and returns the
 * messages' ids in order. `queue` comes from emailQueue(), taken before the transaction.
 */
export async function enqueueEmails(
  tx: Transaction,
  queue: PgBoss,
  emails: readonly QueuedEmail[],
): Promise<string[]> {
  if (emails.length === 0) return [];
  const written = await tx
    .insert(emailMessages)
    .values(
      emails.map((email, position) => ({
        kind: email.kind,
        position,
        recipient: email.recipient,
        organizationId: email.organizationId,
        invitationId: email.invitationId ?? null,
        payload: email.payload,
      })),
    )
    .returning({ id: emailMessages.id });
  const ids = written.map((row) => row.id);
  await queueJobs(tx, queue, ids);
  return ids;
}

/**
 * The messages as one INSERT (ids chosen here), for a change to write as part of its own statement (a
 * data-modifying WITH clause: `WITH ..., e AS (${insert})`); then queueJobs(tx, queue, ids) gives them
 * their jobs. So a bulk change's emails cost it one statement more, whatever their number. Null when
 * there is nothing to send.
 */
export function emailsInsert(emails: readonly QueuedEmail[]): { ids: string[]; insert: SQL } | null {
  if (emails.length === 0) return null;
  const records = emails.map((email, position) => ({
    id: randomUUID(),
    kind: email.kind,
    position,
    recipient: email.recipient,
    organization_id: email.organizationId,
    invitation_id: email.invitationId ?? null,
    payload: email.payload,
  }));
  return {
    ids: records.map((record) => record.id),
    insert: sql`INSERT INTO ${emailMessages} (id, kind, position, recipient, organization_id, invitation_id, payload)
      SELECT r.id, r.kind::email_kind, r.position, r.recipient, r.organization_id, r.invitation_id, r.payload
      FROM jsonb_to_recordset(${jsonb(records)})
        AS r(id uuid, kind text, position int, recipient text, organization_id uuid, invitation_id uuid, payload jsonb)
      RETURNING id`,
  };
}

/** The pg-boss jobs of messages already written in `tx`: one per MAX_BATCH, in one statement. */
export async function queueJobs(tx: Transaction, queue: PgBoss, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const jobs: { data: EmailJob }[] = [];
  for (let start = 0; start < ids.length; start += MAX_BATCH)
    jobs.push({ data: { messageIds: ids.slice(start, start + MAX_BATCH) } });
  // The app's Transaction type is driver-neutral (its execute() result is unknown); both drivers' results
  // are shapes pg-boss's adapter reads (an array of rows, or { rows }).
  await queue.insert(EMAIL_QUEUE, jobs, { db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql) });
}
