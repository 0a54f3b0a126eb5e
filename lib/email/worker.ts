// The email worker (docs/email-delivery.md): takes up to 100 jobs of queue `email` at a time, writes down
// which messages go in which API call (batch_key) before sending anything, sends each batch as one call
// whose idempotency key comes from its messages, and records every message's result. A retried job, in
// this process or another, repeats exactly the same call, which the API recognises: a message is sent
// once even when an answer was lost.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Job, PgBoss } from 'pg-boss';
import { getDb } from '@/db/client';
import { emailMessages, invitations } from '@/db/schema';
import { emailKindValues } from '@/db/values';
import { MAX_BATCH, sendEmails, type DeliveryResult, type EmailMessage } from '.';
import type { EmailJob } from './queue';
import { MAX_DELIVERY_ERROR } from '../shared/limits';
import { column, jsonb, rows } from '../sql';
import { emailResultsRecorded, setEmailNudge } from './nudge';
import { emailRetrySettings } from '../config';
import { emailFor, type Templates } from './render-queued';
import { accountChoicesOf, type AccountChoices } from './locale';
import { EMAIL_GAVE_UP_QUEUE, EMAIL_QUEUE } from '../jobs/queues';

/** Works queue `email` in this process; a request that queued emails wakes it (./email-nudge.ts). */
export async function workEmail(boss: PgBoss): Promise<void> {
  const workerId = await boss.work<EmailJob>(
    EMAIL_QUEUE,
    { batchSize: MAX_BATCH, pollingIntervalSeconds: 1 },
    sendJobs,
  );
  setEmailNudge(() => boss.notifyWorker(workerId));
  await boss.work<EmailJob>(EMAIL_GAVE_UP_QUEUE, { batchSize: MAX_BATCH }, giveUp);
}

/**
 * The jobs pg-boss gave up on (./queues.ts: their tries ran out before their messages' did, say because
 * the process working them died each time): whatever of their messages is still unsent fails, so that no
 * row says Sending for ever and the list offers Resend.
 */
export async function giveUp(jobs: Job<EmailJob>[]): Promise<void> {
  const ids = jobs.flatMap((job) => job.data.messageIds);
  await recordResults(
    ids.map((id) => ({ id, status: 'failed', error: GAVE_UP, provider_id: null, tried: 0 })),
  );
  console.warn(`[email] gave up on ${ids.length} email(s) after their tries ran out`);
}

const GAVE_UP = 'It could not be sent after several tries. Send it again.';

/** A message claimed for sending, as the claiming statement returns it. */
const messageRow = z.object({
  id: z.string(),
  kind: z.enum(emailKindValues),
  recipient: z.string(),
  payload: column.json(z.record(z.string(), z.unknown())),
  invitation_id: z.string().nullable(),
  batch_key: z.string(),
  attempts: column.count,
});
type MessageRow = z.output<typeof messageRow>;

/** A batch the API could not take now: the jobs are thrown back to pg-boss, which tries again later. */
class TryAgainLater extends Error {}

/**
 * One pg-boss fetch: the messages of `jobs` still to send, in batches written down before the first
 * call, each sent and recorded. Throws TryAgainLater when a batch met a temporary failure and has tries
 * left, so that pg-boss retries the jobs with backoff (a batch that went out is then found sent and
 * skipped).
 */
export async function sendJobs(jobs: Job<EmailJob>[]): Promise<void> {
  try {
    const batches = await claimBatches(jobs.flatMap((job) => job.data.messageIds));
    // The calls go one after the other (the API limits requests per second). While one is out, the next
    // batch is prepared and the last one's results are written; a template is rendered once per fetch.
    const templates: Templates = new Map();
    const recordings: Promise<string | null>[] = [];
    let next = batches.length > 0 ? prepareBatch(batches[0], templates) : null;
    for (let index = 0; next; index++) {
      const batch = await next;
      const sending = sendEmails(batch.emails);
      next = index + 1 < batches.length ? prepareBatch(batches[index + 1], templates) : null;
      const { results, temporary } = resultsOf(batch, await sending);
      const recorded = recordResults(results).then(() => temporary);
      // Awaited below with the others; until then a failure must not count as unhandled.
      recorded.catch(() => {});
      recordings.push(recorded);
    }
    const temporary = (await Promise.all(recordings)).find((reason) => reason !== null);
    if (temporary) throw new TryAgainLater(temporary);
  } catch (error) {
    if (error instanceof TryAgainLater)
      console.warn(`[email] the email API failed (${error.message}); trying again later`);
    else
      console.error('[email] emails could not be sent or their results recorded; trying again later', error);
    throw error;
  }
}

/**
 * Gives every unsent message of `ids` that has no batch yet a batch key (MAX_BATCH messages per key) and
 * returns every unsent message of those keys, grouped by key: a key once written is the call that sends
 * its messages, whichever jobs are retried together later.
 */
async function claimBatches(ids: readonly string[]): Promise<MessageRow[][]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  const unsent = sql`status IN ('queued', 'sending', 'retrying')`;
  const found = await rows(
    db,
    sql`SELECT id, batch_key FROM ${emailMessages} WHERE id = ANY(${`{${ids.join(',')}}`}::uuid[]) AND ${unsent}
        ORDER BY created_at, position, id`,
    z.object({ id: z.string(), batch_key: z.string().nullable() }),
  );
  const fresh = found.filter((row) => !row.batch_key).map((row) => row.id);
  const keys = new Set(found.flatMap((row) => (row.batch_key ? [row.batch_key] : [])));
  const assigned: { id: string; key: string }[] = [];
  for (let start = 0; start < fresh.length; start += MAX_BATCH) {
    const key = randomUUID();
    keys.add(key);
    for (const id of fresh.slice(start, start + MAX_BATCH)) assigned.push({ id, key });
  }
  if (keys.size === 0) return [];
  // The messages keyed now come back from the UPDATE itself (an outer query of the same statement still
  // sees them unkeyed); those keyed by an earlier try are read as they are.
  const earlier = [...keys].filter((key) => !assigned.some((row) => row.key === key));
  const columns = sql`id, kind, recipient, payload, invitation_id, batch_key, attempts, created_at, position`;
  const messages = await rows(
    db,
    sql`WITH assigned AS (
          UPDATE ${emailMessages} AS m SET batch_key = a.key, status = 'sending', updated_at = now()
          FROM jsonb_to_recordset(${jsonb(assigned)}) AS a(id uuid, key uuid)
          WHERE m.id = a.id AND m.batch_key IS NULL
          RETURNING m.id, m.kind, m.recipient, m.payload, m.invitation_id, m.batch_key, m.attempts, m.created_at, m.position)
        SELECT ${columns} FROM assigned
        UNION ALL
        SELECT ${columns} FROM ${emailMessages}
        WHERE batch_key = ANY(${`{${earlier.join(',')}}`}::uuid[]) AND ${unsent}
        ORDER BY batch_key, created_at, position, id`,
    messageRow,
  );
  const byKey = new Map<string, MessageRow[]>();
  for (const message of messages) {
    const list = byKey.get(message.batch_key) ?? [];
    list.push(message);
    byKey.set(message.batch_key, list);
  }
  return [...byKey.values()];
}

/** A batch ready to send: its messages, and for each its email or the reason it cannot be sent. */
interface PreparedBatch {
  messages: MessageRow[];
  prepared: (EmailMessage | string)[];
  /** The emails of the messages that can be sent, in order. */
  emails: EmailMessage[];
}

/** Renders a batch's emails (never rejects: a message that cannot be rendered gets its reason). */
async function prepareBatch(messages: MessageRow[], templates: Templates): Promise<PreparedBatch> {
  const choices = await languagesOf(messages);
  const prepared = await Promise.all(messages.map((message) => emailFor(message, templates, choices)));
  const emails = prepared.filter((email): email is EmailMessage => typeof email !== 'string');
  return { messages, prepared, emails };
}

/**
 * The account languages of a batch's addresses, in one read. Should it fail, the emails are still sent,
 * in the language their facts keep (else English): a wrong language is better than no sign-in link.
 */
async function languagesOf(messages: readonly MessageRow[]): Promise<AccountChoices> {
  try {
    return await accountChoicesOf(messages);
  } catch (error) {
    console.error("[email] could not read the recipients' languages; sending in the senders'", error);
    return new Map();
  }
}

/**
 * Each message's result to record, from what the API answered for the batch's emails (`sent`, in
 * order), and the reason when the batch met a temporary failure and has tries left (its messages then
 * read `retrying`), else null.
 */
function resultsOf(
  { messages, prepared }: PreparedBatch,
  sent: DeliveryResult[],
): { results: MessageResult[]; temporary: string | null } {
  const results = new Map<string, DeliveryResult>();
  const sendable = messages.filter((_, index) => typeof prepared[index] !== 'string');
  sendable.forEach((message, index) => results.set(message.id, sent[index]));
  messages.forEach((message, index) => {
    const reason = prepared[index];
    if (typeof reason === 'string') results.set(message.id, { ok: false, error: reason, retryable: false });
  });

  const { retryLimit } = emailRetrySettings();
  const triesLeft = (message: MessageRow) => message.attempts + 1 <= retryLimit;
  let temporary: string | null = null;
  const updates = messages.map((message): MessageResult => {
    const result = results.get(message.id)!;
    if (result.ok) return { id: message.id, status: 'sent', error: null, provider_id: result.id, tried: 1 };
    const retrying = result.retryable && triesLeft(message);
    if (retrying) temporary = result.error;
    return {
      id: message.id,
      status: retrying ? 'retrying' : 'failed',
      error: result.error.slice(0, MAX_DELIVERY_ERROR),
      provider_id: null,
      tried: 1,
    };
  });
  return { results: updates, temporary };
}

/** A message's result: `tried` is 1 when it comes from a call to the API, else 0. */
interface MessageResult {
  id: string;
  status: string;
  error: string | null;
  provider_id: string | null;
  tried: number;
}

/**
 * Each unsent message's result, and its invitation's copy of it (what the user list shows, from the
 * newest message of the row), in one statement. A sent invitation's link secret is erased from the
 * message. A message already sent or failed is left as it is.
 */
async function recordResults(updates: MessageResult[]): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    WITH recorded AS (
      UPDATE ${emailMessages} AS m
      SET status = u.status::delivery_status, error = u.error, provider_id = u.provider_id,
          attempts = m.attempts + u.tried, updated_at = now(),
          sent_at = CASE WHEN u.status = 'sent' THEN now() ELSE m.sent_at END,
          payload = CASE WHEN u.status = 'sent' THEN m.payload - 'token' ELSE m.payload END
      FROM jsonb_to_recordset(${jsonb(updates)}) AS u(id uuid, status text, error text, provider_id text, tried int)
      WHERE m.id = u.id AND m.status IN ('queued', 'sending', 'retrying')
      RETURNING m.id, m.invitation_id, m.status, m.error)
    UPDATE ${invitations} AS i SET delivery_status = r.status, delivery_error = r.error
    FROM recorded r
    WHERE i.id = r.invitation_id
      -- A resend queued a newer message for the row: its result is the one the list shows.
      AND r.id = (SELECT e.id FROM ${emailMessages} e WHERE e.invitation_id = i.id
                  ORDER BY e.created_at DESC, e.id DESC LIMIT 1)`);
  emailResultsRecorded();
}
