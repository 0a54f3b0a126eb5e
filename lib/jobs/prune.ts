// Deletes rows that nothing reads again: finished rate-limit windows (a row per client per window would
// otherwise pile up for ever), Auth.js verification tokens and sessions past their expiry, and the SSO
// requests past theirs (an expired request cannot be answered, used or not) and accepted assertion ids
// once their assertion can no longer be accepted anyway (see ASSERTION_ID_KEPT_AFTER_EXPIRY_MS). Each
// run does bounded work: at most `limit` rows per table, oldest first, found through the expiry indexes.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '@/db/client';
import { rateLimitBuckets, sessions, ssoAssertions, ssoRequests, verificationTokens } from '@/db/schema';
import { now } from '../clock';
import { column, rows } from '../sql';
import { z } from 'zod';

/**
 * An assertion id is kept this long past the expiry it was stored with: an assertion is still accepted
 * within the clock skew allowed (2 minutes) after its NotOnOrAfter, and its id must outlive that to
 * refuse a replay, even should a caller store the bare NotOnOrAfter.
 */
export const ASSERTION_ID_KEPT_AFTER_EXPIRY_MS = 10 * 60_000;

/**
 * The tables pruned, each with its key (to pick rows by) and its expiry column (indexed), and how long a
 * row is kept past its expiry.
 */
const PRUNED = {
  rateLimitBuckets: {
    table: rateLimitBuckets,
    key: [rateLimitBuckets.key, rateLimitBuckets.windowStart],
    expiry: rateLimitBuckets.expiresAt,
    keptMs: 0,
  },
  verificationTokens: {
    table: verificationTokens,
    key: [verificationTokens.identifier, verificationTokens.token],
    expiry: verificationTokens.expires,
    keptMs: 0,
  },
  sessions: { table: sessions, key: [sessions.sessionToken], expiry: sessions.expires, keptMs: 0 },
  ssoRequests: { table: ssoRequests, key: [ssoRequests.id], expiry: ssoRequests.expiresAt, keptMs: 0 },
  ssoAssertions: {
    table: ssoAssertions,
    key: [ssoAssertions.connectionId, ssoAssertions.assertionId],
    expiry: ssoAssertions.expiresAt,
    keptMs: ASSERTION_ID_KEPT_AFTER_EXPIRY_MS,
  },
} satisfies Record<string, { table: PgTable; key: AnyPgColumn[]; expiry: AnyPgColumn; keptMs: number }>;

export type PruneCounts = Record<keyof typeof PRUNED, number>;

async function deletedCount(db: Database, query: SQL): Promise<number> {
  const [row] = await rows(
    db,
    sql`WITH gone AS (${query} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    z.object({ n: column.count }),
  );
  return row?.n ?? 0;
}

/**
 * Deletes up to `limit` expired rows from each table and says how many went. SKIP LOCKED lets two app
 * servers prune at once without waiting on each other. Call it outside a caller's transaction (it is its
 * own statements): the housekeeping job (lib/jobs/housekeeping.ts) runs it on a schedule.
 */
export async function pruneExpired(
  db: Database,
  options: { limit: number; at?: Date },
): Promise<PruneCounts> {
  const at = (options.at ?? now()).getTime();
  const limit = Math.max(1, Math.floor(options.limit));
  const counts = {} as PruneCounts;
  for (const [name, { table, key, expiry, keptMs }] of Object.entries(PRUNED)) {
    const before = new Date(at - keptMs).toISOString();
    const keys = sql.join(key, sql`, `);
    counts[name as keyof PruneCounts] = await deletedCount(
      db,
      sql`DELETE FROM ${table} WHERE (${keys}) IN (
            SELECT ${keys} FROM ${table} WHERE ${expiry} <= ${before}
            ORDER BY ${expiry} LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
    );
  }
  return counts;
}
