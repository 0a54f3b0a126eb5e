// The email queue across processes, on PostgreSQL: a process that committed invitations and was killed
// before sending them loses none (a fresh worker delivers each once), and two worker processes on one
// database share 500 jobs so that every message goes out once. Messages are counted at a fake Resend
// that, like Resend, answers a repeated idempotency key without sending again.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PgBoss } from 'pg-boss';
import { getDb } from '@/db/client';
import { emailMessages } from '@/db/schema';
import { enqueueEmails } from '@/lib/email/queue';
import { seal } from '@/lib/sealed';
import { startBoss } from '@/lib/jobs/boss';
import { useTestDatabase, usingPostgres } from '../support/db';
import { createOrganizationWithOwner } from '../support/factories';
import { useFakeResend, useResendAt } from '../support/fake-resend';
import { rawRows } from '../support/raw-rows';

const testDb = useTestDatabase({ workJobs: false });
const fake = useFakeResend();
beforeEach(() => {
  useResendAt(fake.baseUrl);
});

const node = ['--import', 'tsx', '--import', './scripts/outside-next.mjs'];

/** The environment of a child process: this file's database, and the fake Resend. */
function childEnv() {
  return { ...process.env, DATABASE_URL: testDb.url!, NEXT_TELEMETRY_DISABLED: '1' };
}

/** `npm run worker`'s command (package.json), as a process of its own. */
function startWorker() {
  const child = spawn(process.execPath, [...node, 'scripts/worker.ts'], {
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function sentCount() {
  const [row] = await (
    await getDb()
  )
    .select({ n: count() })
    .from(emailMessages)
    .where(eq(emailMessages.status, 'sent'));
  return row.n;
}

async function untilSent(expected: number, ms = 60_000) {
  const deadline = Date.now() + ms;
  while ((await sentCount()) < expected) {
    if (Date.now() > deadline) throw new Error(`only ${await sentCount()} of ${expected} sent`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(!usingPostgres)('the email queue across processes (PostgreSQL)', () => {
  it('a process killed right after committing 20 invitations loses none: a fresh worker process delivers each once', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const emails = Array.from({ length: 20 }, (_, i) => `crash${i}@example.com`);
    const printed = await new Promise<string>((resolve) => {
      execFile(
        process.execPath,
        [
          ...node,
          'tests/hardening/email-queue/invite-and-die.ts',
          JSON.stringify({ organizationId: organization.id, owner, emails }),
        ],
        { env: childEnv(), timeout: 60_000 },
        (_error, stdout) => resolve(stdout),
      );
    });
    // It committed (its answer says every address is on its way), then died: nothing was sent.
    expect(JSON.parse(printed.trim())).toMatchObject({ sending: 20 });
    expect(fake.requests).toHaveLength(0);
    expect(await sentCount()).toBe(0);

    const worker = startWorker();
    try {
      await untilSent(20);
    } finally {
      expect(await worker.stop()).toBe(0);
    }
    const delivered = fake.delivered().map((m) => m.to as string);
    expect(delivered.sort()).toEqual([...emails].sort());
  }, 120_000);

  it('two worker processes, 500 jobs: every message is sent once, in batches', async () => {
    const boss: PgBoss = await startBoss(testDb.handle);
    try {
      const db = await getDb();
      // 500 jobs of one message each, as 500 separate requests would queue them.
      for (let i = 0; i < 500; i++) {
        await db.transaction(async (tx) => {
          await enqueueEmails(tx, boss, [
            {
              kind: 'invitation',
              recipient: `worker${i}@example.com`,
              organizationId: null,
              payload: {
                token: seal(randomBytes(32).toString('base64url'), 'email payload'),
                inviterName: 'Olivia Owner',
                inviterEmail: 'olivia@example.com',
                organizationName: 'Acme',
                roleLabel: 'Member',
                expiresAt: 'December 9, 2026',
              },
            },
          ]);
        });
      }
      const [jobs] = await rawRows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'email'`,
      );
      expect(Number(jobs?.n ?? 0)).toBeGreaterThanOrEqual(500);
    } finally {
      await boss.stop({ graceful: false, close: true });
    }

    const workers = [startWorker(), startWorker()];
    try {
      await untilSent(500);
    } finally {
      for (const worker of workers) expect(await worker.stop()).toBe(0);
    }
    const delivered = fake.delivered().map((m) => m.to as string);
    expect(delivered).toHaveLength(500);
    expect(new Set(delivered).size).toBe(500);
    // Batched: far fewer calls than messages (each fetch of up to 100 jobs is one or a few calls).
    expect(fake.requests.length).toBeLessThan(100);
  }, 180_000);
});
