// Housekeeping: deletes what nothing reads again (finished rate-limit windows, expired sign-in tokens,
// sessions, SSO requests and assertion ids; lib/jobs/prune.ts) on a pg-boss schedule. pg-boss creates one
// job per slot of the schedule, however many servers and workers run, and one of them works it. Finished
// jobs themselves are removed by pg-boss's own maintenance (each queue's deleteAfterSeconds).
import 'server-only';
import type { PgBoss } from 'pg-boss';
import { getDb } from '@/db/client';
import { housekeepingSettings } from '../config';
import { pruneExpired, type PruneCounts } from './prune';
import { HOUSEKEEPING_QUEUE } from './queues';

export { HOUSEKEEPING_QUEUE };

/** The schedule (HOUSEKEEPING_SCHEDULE, a cron expression, UTC). Idempotent. */
export async function scheduleHousekeeping(boss: PgBoss): Promise<void> {
  // Slots missed while nothing ran (a deploy, a stopped server) give one run when something starts again.
  await boss.schedule(HOUSEKEEPING_QUEUE, housekeepingSettings().schedule, null, {
    tz: 'UTC',
    missed: 'once',
  });
}

/**
 * One run: deletes expired rows in rounds of PRUNE_EXPIRED_BATCH per table until a round finds fewer
 * than that (a backlog goes in one run, each round short), at least one and at most `maxRounds` rounds.
 */
export async function runHousekeeping(maxRounds = 100): Promise<PruneCounts> {
  const db = await getDb();
  const { batch } = housekeepingSettings();
  let counts = await pruneExpired(db, { limit: batch });
  const total = { ...counts };
  for (let round = 1; round < maxRounds && Math.max(...Object.values(counts)) >= batch; round++) {
    counts = await pruneExpired(db, { limit: batch });
    for (const table of Object.keys(total) as (keyof PruneCounts)[]) total[table] += counts[table];
  }
  return total;
}

/** Works the housekeeping queue in this process. */
export async function workHousekeeping(boss: PgBoss): Promise<void> {
  await boss.work(HOUSEKEEPING_QUEUE, async () => {
    await runHousekeeping();
  });
}
