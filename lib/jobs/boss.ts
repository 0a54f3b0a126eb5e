// The job queue: pg-boss on the app's own database (its tables live in the `pgboss` schema, which it
// creates and migrates when it starts). One instance per process, started on first use. On the embedded
// database it shares the app's PGlite instance (one connection, one process); on PostgreSQL it keeps a
// small pool of its own (pg-boss's migrations run several statements at once, which postgres.js's pool
// refuses).
import 'server-only';
import { PgBoss, fromPglite, type ConstructorOptions } from 'pg-boss';
import { getDatabaseHandle, type DatabaseHandle } from '@/db/client';
import { JOBS_APPLICATION_NAME } from './application-name';
import { createQueues } from './queues';

/** How pg-boss reaches the database behind `handle`. */
export function bossOptions(handle: DatabaseHandle): ConstructorOptions {
  if ('pglite' in handle.queue) return { db: fromPglite(handle.queue.pglite), backend: 'pglite' };
  return { connectionString: handle.queue.url, max: 3, application_name: JOBS_APPLICATION_NAME };
}

/**
 * A started pg-boss on `handle`'s database with every queue of the app (./queues.ts); its errors are
 * logged, never thrown at a caller.
 */
export async function startBoss(handle: DatabaseHandle): Promise<PgBoss> {
  const boss = new PgBoss(bossOptions(handle));
  boss.on('error', (error) => console.error('[jobs]', error));
  await boss.start();
  await createQueues(boss);
  return boss;
}

// Kept on globalThis, like the database handle, so that Next's dev server, which re-evaluates modules on
// every edit, does not start a second instance.
const globalForJobs = globalThis as unknown as {
  __aiHubBoss?: Promise<PgBoss>;
  __aiHubBossStarted?: (boss: PgBoss) => Promise<void>;
};

/**
 * What to do once this process's queue has started (lib/jobs/index.ts: work the queues): set before the
 * first getBoss() by a process that works its own jobs.
 */
export function onBossStarted(then: ((boss: PgBoss) => Promise<void>) | undefined): void {
  globalForJobs.__aiHubBossStarted = then;
}

/** This process's queue, started on first use on the app's database. */
export function getBoss(): Promise<PgBoss> {
  if (!globalForJobs.__aiHubBoss) {
    globalForJobs.__aiHubBoss = getDatabaseHandle()
      .then(startBoss)
      .then(async (boss) => {
        await globalForJobs.__aiHubBossStarted?.(boss);
        return boss;
      })
      .catch((error) => {
        globalForJobs.__aiHubBoss = undefined;
        throw error;
      });
  }
  return globalForJobs.__aiHubBoss;
}

/** Stops this process's queue, letting running jobs finish for up to `timeoutMs`. */
export async function stopBoss(timeoutMs = 10_000): Promise<void> {
  const started = globalForJobs.__aiHubBoss;
  globalForJobs.__aiHubBoss = undefined;
  if (!started) return;
  const boss = await started.catch(() => null);
  await boss?.stop({ graceful: true, timeout: timeoutMs, close: true });
}
