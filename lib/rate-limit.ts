// Fixed-window counters in the database, so that a limit holds across every app server.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { rateLimitBuckets } from '@/db/schema';
import { column, excluded, rows, textArray } from './sql';
import { z } from 'zod';

export function windowStart(at: Date, windowMs: number): Date {
  return new Date(Math.floor(at.getTime() / windowMs) * windowMs);
}

/** How many hits `key` has taken in the window that contains `at`. */
export async function usedInWindow(db: Database, key: string, at: Date, windowMs: number): Promise<number> {
  const [bucket] = await db
    .select({ count: rateLimitBuckets.count })
    .from(rateLimitBuckets)
    .where(and(eq(rateLimitBuckets.key, key), eq(rateLimitBuckets.windowStart, windowStart(at, windowMs))));
  return bucket?.count ?? 0;
}

/** Adds `amount` hits to `key` and returns the window's new total (one atomic statement). */
export async function hit(
  db: Database,
  key: string,
  at: Date,
  windowMs: number,
  amount = 1,
): Promise<number> {
  const start = windowStart(at, windowMs);
  const [bucket] = await db
    .insert(rateLimitBuckets)
    .values({ key, windowStart: start, count: amount, expiresAt: new Date(start.getTime() + windowMs) })
    .onConflictDoUpdate({
      target: [rateLimitBuckets.key, rateLimitBuckets.windowStart],
      set: { count: sql`${rateLimitBuckets.count} + ${excluded(rateLimitBuckets.count)}` },
    })
    .returning({ count: rateLimitBuckets.count });
  return bucket.count;
}

/**
 * Locks the buckets of `keys` in the window that contains `at` for the rest of the caller's
 * transaction (creating missing ones at 0) and returns each one's count. For a limit shared by
 * transactions that hold no common lock (one account inviting in two organizations at once, two
 * organizations inviting one address): read it here, then add the hits with hit()/hitEach() in the same
 * transaction. The row lock makes a second transaction wait here until the first commits, and it then
 * reads the committed count, so the limit is exact across connections and app servers. Keys are locked
 * in sorted order, so two transactions locking overlapping keys cannot deadlock on them.
 */
export async function lockBuckets(
  tx: Transaction,
  keys: readonly string[],
  at: Date,
  windowMs: number,
): Promise<Map<string, number>> {
  return addToEach(tx, keys, at, windowMs, 0);
}

/** Adds one hit to each of `keys` (distinct) in the window that contains `at`, in one statement. */
export async function hitEach(
  db: Database,
  keys: readonly string[],
  at: Date,
  windowMs: number,
): Promise<void> {
  await addToEach(db, keys, at, windowMs, 1);
}

/**
 * Adds `amount` (0 only locks) to the bucket of each distinct key, creating missing ones, in sorted key
 * order and in one statement whatever their number; returns each bucket's new count. Set-based, so raw
 * SQL: the keys come as one array, and WITH ORDINALITY keeps their order for the row locks.
 */
async function addToEach(
  db: Database,
  keys: readonly string[],
  at: Date,
  windowMs: number,
  amount: 0 | 1,
): Promise<Map<string, number>> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return new Map();
  const start = windowStart(at, windowMs);
  const found = await rows(
    db,
    sql`INSERT INTO ${rateLimitBuckets} (key, window_start, count, expires_at)
        SELECT k, ${start.toISOString()}::timestamptz, ${amount}::int, ${new Date(start.getTime() + windowMs).toISOString()}::timestamptz
        FROM unnest(${textArray(sorted)}) WITH ORDINALITY AS t(k, n) ORDER BY n
        ON CONFLICT (key, window_start) DO UPDATE SET count = ${rateLimitBuckets}.count + excluded.count
        RETURNING key, count`,
    z.object({ key: z.string(), count: column.count }),
  );
  return new Map(found.map((row) => [row.key, row.count]));
}

/**
 * Counts one attempt and says whether it is within `limit` per window. For checks made outside a
 * transaction (each request's own). Finished windows are deleted by the housekeeping job
 * (lib/jobs/housekeeping.ts), so that a bucket per client per window does not pile up for ever.
 */
export async function allow(
  db: Database,
  key: string,
  limit: number,
  at: Date,
  windowMs: number,
): Promise<boolean> {
  return (await hit(db, key, at, windowMs)) <= limit;
}
