// Fixed-window counters in the database, so that a limit holds across every app server.
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { rateLimitBuckets } from '@/db/schema';
import { pruneNowAndThen } from './prune';
import { rows } from './sql';

export function windowStart(at: Date, windowMs: number): Date {
  return new Date(Math.floor(at.getTime() / windowMs) * windowMs);
}

/** How many hits `key` has taken in the window that contains `at`. */
export async function usedInWindow(db: Executor, key: string, at: Date, windowMs: number): Promise<number> {
  const found = await rows<{ count: number }>(
    db,
    sql`SELECT count FROM ${rateLimitBuckets} WHERE key = ${key} AND window_start = ${windowStart(at, windowMs).toISOString()}`,
  );
  return found[0]?.count ?? 0;
}

/** Adds `amount` hits to `key` and returns the window's new total (one atomic statement). */
export async function hit(db: Executor, key: string, at: Date, windowMs: number, amount = 1): Promise<number> {
  const start = windowStart(at, windowMs);
  const found = await rows<{ count: number }>(
    db,
    sql`INSERT INTO ${rateLimitBuckets} (key, window_start, count, expires_at)
        VALUES (${key}, ${start.toISOString()}, ${amount}, ${new Date(start.getTime() + windowMs).toISOString()})
        ON CONFLICT (key, window_start) DO UPDATE SET count = ${rateLimitBuckets}.count + excluded.count
        RETURNING count`,
  );
  return found[0]!.count;
}

/**
 * Counts one attempt and says whether it is within `limit` per window. For checks made outside a
 * transaction (each request's own); every so often it also prunes finished windows, so that a bucket
 * per client per window does not pile up for ever.
 */
export async function allow(db: Executor, key: string, limit: number, at: Date, windowMs: number): Promise<boolean> {
  const allowed = (await hit(db, key, at, windowMs)) <= limit;
  await pruneNowAndThen(db);
  return allowed;
}
