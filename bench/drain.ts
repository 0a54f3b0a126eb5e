// Draining the email queue (issue 9): `drainSize` invitation emails already queued, sent by one worker in
// this process against the fake email API, beside a bare loop that sends as many messages, rendered
// beforehand, in batch calls to the same API one after the other: the floor the worker's pace is judged
// against.
import { sql } from 'drizzle-orm';
import { openPostgres, setDatabaseHandle } from '@/db/client';
import { renderInvitationEmail } from '@/emails/render';
import { MAX_BATCH, sendEmails, type EmailMessage } from '@/lib/email';
import { emailQueue, enqueueEmails, type QueuedEmail } from '@/lib/email/queue';
import { seal } from '@/lib/sealed';
import { invitationUrl } from '@/lib/invitations/link';
import { startJobs, stopBoss } from '@/lib/jobs';
import { newToken } from '@/lib/auth/secret-token';
import { startFakeResend } from '../tests/support/fake-resend-server';
import { config, CouldNotRun } from './config';
import type { SeededOrg } from './database';
import { allSent, emailApiCalls, useFakeEmailApi } from './in-process';
import { rawRows } from '../tests/support/raw-rows';

const facts = {
  inviterName: 'Bench Owner',
  inviterEmail: 'owner@bench.test',
  organizationName: 'Bench',
  roleLabel: 'Member',
  expiresAt: 'December 9, 2026',
};

export async function measureDrain(benchUrl: string, org: SeededOrg) {
  const size = config.drainSize;
  const api = await startFakeResend();
  const restoreEnv = useFakeEmailApi(api, org);
  const direct = await openPostgres(benchUrl, { max: 4 });
  setDatabaseHandle(direct);
  try {
    // The bare loop: one message per address, rendered once beforehand, MAX_BATCH per call.
    const rendered = await renderInvitationEmail({ ...facts, acceptUrl: invitationUrl(newToken().token) });
    const bare: EmailMessage[] = Array.from({ length: size }, (_, index) => ({
      to: `drain.bare.${index}@${org.domain}`,
      ...rendered,
      idempotencyKey: `bare/${index}`,
    }));
    const bareStarted = performance.now();
    for (let start = 0; start < size; start += MAX_BATCH) {
      const results = await sendEmails(bare.slice(start, start + MAX_BATCH));
      if (!results.every((result) => result.ok))
        throw new CouldNotRun('the fake email API refused the bare loop');
    }
    const bareMs = performance.now() - bareStarted;
    const bareCalls = emailApiCalls(api).batch;
    api.reset();

    // The queue: every message queued in one transaction while no worker runs, then one worker, timed
    // from its start until the last message is recorded as sent.
    const queue = await emailQueue();
    const emails: QueuedEmail[] = Array.from({ length: size }, (_, index) => ({
      kind: 'invitation',
      recipient: `drain.${index}@${org.domain}`,
      organizationId: org.id,
      payload: { ...facts, token: seal(newToken().token, 'email payload') },
    }));
    const [before] = await rawRows<{ n: number }>(
      direct.db,
      sql`SELECT count(*)::int AS n FROM email_messages WHERE organization_id = ${org.id} AND status = 'sent'`,
    );
    await direct.db.transaction((tx) => enqueueEmails(tx, queue, emails));
    const started = performance.now();
    await startJobs({ work: true });
    await allSent(direct.db, org.id, Number(before.n) + size, 10 * 60_000);
    const workerMs = performance.now() - started;
    const calls = emailApiCalls(api);
    if (calls.messages !== size)
      throw new CouldNotRun(`the worker sent ${calls.messages} messages for ${size}`);
    return {
      size,
      bare: { ms: bareMs, calls: bareCalls, perSecond: (size / bareMs) * 1000 },
      worker: { ms: workerMs, calls: calls.batch + calls.single, perSecond: (size / workerMs) * 1000 },
    };
  } finally {
    restoreEnv();
    await stopBoss();
    setDatabaseHandle(undefined);
    await direct.close();
    await api.close();
  }
}
