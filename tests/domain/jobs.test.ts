// The job queue (pg-boss on the app's own database) and the housekeeping it runs on a schedule, on PGlite
// and on PostgreSQL; and `npm run worker`, the queue worked in a process of its own.
import { spawn } from 'node:child_process';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PgBoss } from 'pg-boss';
import { getDb } from '@/db/client';
import { rateLimitBuckets, sessions } from '@/db/schema';
import { advanceClock, now } from '@/lib/clock';
import { getBoss, startJobsInServer, stopBoss } from '@/lib/jobs';
import { startBoss } from '@/lib/jobs/boss';
import { HOUSEKEEPING_QUEUE, scheduleHousekeeping, workHousekeeping } from '@/lib/jobs/housekeeping';
import { hit } from '@/lib/rate-limit';
import { useTestDatabase, usingPostgres } from '../support/db';
import { createUser } from '../support/factories';

const testDb = useTestDatabase({ workJobs: false });
const MINUTE = 60_000;

async function bucketRows() {
  const [row] = await (await getDb()).select({ n: count() }).from(rateLimitBuckets);
  return row.n;
}

/** The job's final state; a worker process may take a while to start on a busy machine. */
async function settled(boss: PgBoss, id: string) {
  for (let attempt = 0; attempt < 400; attempt++) {
    const job = await boss.getJobById(HOUSEKEEPING_QUEUE, id);
    if (job && ['completed', 'failed', 'cancelled'].includes(job.state)) return job.state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`housekeeping job ${id} did not finish`);
}

describe('the housekeeping job', () => {
  let boss: PgBoss;
  beforeAll(async () => {
    boss = await startBoss(testDb.handle);
    await scheduleHousekeeping(boss);
  });
  afterAll(async () => {
    // The queue's connection on PGlite is the test database's own: stop without closing it.
    await boss?.stop({ graceful: false, close: !('pglite' in testDb.handle.queue) });
  });

  it('is scheduled every 10 minutes (UTC) by default, once for every server that starts it', async () => {
    await scheduleHousekeeping(boss);
    const schedules = await boss.getSchedules(HOUSEKEEPING_QUEUE);
    expect(schedules.map((s) => [s.cron, s.timezone])).toEqual([['*/10 * * * *', 'UTC']]);
  });

  it('with EMAIL_WORKER=off a web server adds jobs to the queue but leaves them to a worker', async () => {
    vi.stubEnv('EMAIL_WORKER', 'off');
    try {
      startJobsInServer();
      const server = await getBoss();
      const id = await server.send(HOUSEKEEPING_QUEUE);
      // Longer than a worker's polling interval (2 s).
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect((await server.getJobById(HOUSEKEEPING_QUEUE, id!))?.state).toBe('created');
      await server.deleteJob(HOUSEKEEPING_QUEUE, id!);
    } finally {
      await stopBoss();
    }
  });

  it('worked by the queue, deletes expired rate-limit windows and sessions and keeps live ones', async () => {
    const db = await getDb();
    await hit(db, 'old-window', now(), MINUTE);
    const person = await createUser();
    await db.insert(sessions).values([
      { sessionToken: 'expired', userId: person.userId, expires: new Date(now().getTime() + MINUTE) },
      { sessionToken: 'live', userId: person.userId, expires: new Date(now().getTime() + 60 * MINUTE) },
    ]);
    advanceClock(5 * MINUTE);
    // A window that ends well after the run: the current minute's could end while the job is queued.
    await hit(db, 'live-window', new Date(now().getTime() + 10 * MINUTE), MINUTE);

    await workHousekeeping(boss);
    const id = await boss.send(HOUSEKEEPING_QUEUE);
    expect(id).toBeTruthy();
    expect(await settled(boss, id!)).toBe('completed');
    expect(await bucketRows()).toBe(1);
    expect((await db.select().from(sessions)).map((s) => s.sessionToken)).toEqual(['live']);
  });
});

/** `npm run worker`'s own command (package.json), without npm in between, so that signals reach it. */
function runWorker(env: Record<string, string>) {
  const args = ['--import', 'tsx', '--import', './scripts/outside-next.mjs', 'scripts/worker.ts'];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('npm run worker', () => {
  it('refuses to start on the embedded database, and says why', async () => {
    const worker = runWorker({ DATABASE_URL: '' });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/needs DATABASE_URL/);
  });

  it.skipIf(!usingPostgres)(
    'works the queue in a process of its own, and stops cleanly on SIGTERM',
    async () => {
      const db = await getDb();
      await hit(db, 'old-window', new Date(Date.now() - 10 * MINUTE), MINUTE);
      const boss = await startBoss(testDb.handle);
      try {
        await scheduleHousekeeping(boss);
        const id = await boss.send(HOUSEKEEPING_QUEUE);
        const worker = runWorker({ DATABASE_URL: testDb.url! });
        try {
          expect(await settled(boss, id!)).toBe('completed');
          expect(await bucketRows()).toBe(0);
          expect(worker.output()).toMatch(/working the job queue/);
        } finally {
          worker.child.kill('SIGTERM');
        }
        expect(await worker.exited).toBe(0);
      } finally {
        await boss.stop({ graceful: false, close: true });
      }
    },
    60_000,
  );
});
