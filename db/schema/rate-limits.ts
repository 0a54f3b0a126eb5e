// Rate limits: fixed-window counters in the database, shared by every app server (lib/rate-limit.ts).
import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Fixed-window counters, shared by every app server because they live in the database. A row is one
 * key's window; `expires_at` (the window's end) says when nothing reads it any more, so that pruning
 * (lib/jobs/prune.ts) can find finished windows through its index whatever their length.
 */
export const rateLimitBuckets = pgTable(
  'rate_limit_buckets',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.windowStart] }),
    index('rate_limit_buckets_expires_at_idx').on(t.expiresAt),
  ],
);
