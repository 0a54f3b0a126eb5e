// Deletes rows that nothing reads again: finished rate-limit windows (a row per client per window would
// otherwise pile up for ever), Auth.js verification tokens and sessions past their expiry, and the SSO
// requests past theirs (an expired request cannot be answered, used or not) and accepted assertion ids
// once their assertion can no longer be accepted anyway (see ASSERTION_ID_KEPT_AFTER_EXPIRY_MS). Each
// run does bounded work: at most `limit` rows per table, oldest first, found through the expiry indexes.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { rateLimitBuckets, sessions, ssoAssertions, ssoRequests, verificationTokens } from '@/db/schema';
import { now } from '../clock';
import { column, rows } from '../sql';
import { z } from 'zod';

/**
 * An assertion id is kept this long past its assertion's NotOnOrAfter: an assertion is still accepted
 * within the clock skew allowed (2 minutes) after it, and its id must outlive that to refuse a replay.
 */
export const ASSERTION_ID_KEPT_AFTER_EXPIRY_MS = 10 * 60_000;

export interface PruneCounts {
  rateLimitBuckets: number;
  verificationTokens: number;
  sessions: number;
  ssoRequests: number;
  ssoAssertions: number;
}

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
  const moment = options.at ?? now();
  const at = moment.toISOString();
  const assertionsBefore = new Date(moment.getTime() - ASSERTION_ID_KEPT_AFTER_EXPIRY_MS).toISOString();
  const limit = Math.max(1, Math.floor(options.limit));
  const buckets = await deletedCount(
    db,
    sql`DELETE FROM ${rateLimitBuckets} WHERE (key, window_start) IN (
          SELECT key, window_start FROM ${rateLimitBuckets} WHERE expires_at <= ${at}
          ORDER BY expires_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
  );
  const tokens = await deletedCount(
    db,
    sql`DELETE FROM ${verificationTokens} WHERE (identifier, token) IN (
          SELECT identifier, token FROM ${verificationTokens} WHERE expires <= ${at}
          ORDER BY expires LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
  );
  const expiredSessions = await deletedCount(
    db,
    sql`DELETE FROM ${sessions} WHERE session_token IN (
          SELECT session_token FROM ${sessions} WHERE expires <= ${at}
          ORDER BY expires LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
  );
  const requests = await deletedCount(
    db,
    sql`DELETE FROM ${ssoRequests} WHERE id IN (
          SELECT id FROM ${ssoRequests} WHERE expires_at <= ${at}
          ORDER BY expires_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
  );
  const assertions = await deletedCount(
    db,
    sql`DELETE FROM ${ssoAssertions} WHERE (connection_id, assertion_id) IN (
          SELECT connection_id, assertion_id FROM ${ssoAssertions} WHERE expires_at <= ${assertionsBefore}
          ORDER BY expires_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
  );
  return {
    rateLimitBuckets: buckets,
    verificationTokens: tokens,
    sessions: expiredSessions,
    ssoRequests: requests,
    ssoAssertions: assertions,
  };
}
