// Tables that would only grow: a rate-limit bucket per client per window, Auth.js verification tokens and
// sessions that expired. Pruning keeps them bounded, in bounded work per run.
import { asc, count, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { rateLimitBuckets, sessions, verificationTokens } from '@/db/schema';
import { advanceClock, now } from '@/lib/clock';
import { allowInvitationAttempt } from '@/lib/invitations';
import * as prune from '@/lib/prune';
import { hit } from '@/lib/rate-limit';
import { useTestDatabase } from '../support/db';
import { createUser } from '../support/factories';

useTestDatabase();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const savedEnv = { ...process.env };
afterEach(() => {
  for (const key of ['PRUNE_EXPIRED_EVERY', 'PRUNE_EXPIRED_BATCH']) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

async function bucketRows() {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(rateLimitBuckets);
  return row.n;
}

describe('rate_limit_buckets stays bounded', () => {
  it('3 clients viewing invitation links every minute for 300 simulated minutes leave a few rows, not 900', async () => {
    process.env.PRUNE_EXPIRED_EVERY = '10';
    const clients = ['203.0.113.1', '203.0.113.2', '203.0.113.3'];
    let most = 0;
    for (let minute = 0; minute < 300; minute++) {
      for (const client of clients) expect(await allowInvitationAttempt(client)).toBe(true);
      most = Math.max(most, await bucketRows());
      advanceClock(MINUTE);
    }
    // Pruned every 10 checks (every 3–4 minutes here): at most the live minute plus the few that ended
    // since the last run, for each client.
    expect(most).toBeLessThanOrEqual(3 * (Math.ceil(10 / 3) + 1));
    expect(await bucketRows()).toBeLessThanOrEqual(15);
  });
});

describe('pruneExpired', () => {
  it('deletes finished rate-limit windows (each by its own length), expired verification tokens and expired sessions, and keeps the live ones', async () => {
    const db = await getDb();
    // At noon UTC, so that the day's window is still open two hours later whenever the test runs.
    advanceClock((DAY + 12 * HOUR - (now().getTime() % DAY)) % DAY);
    const at = now();
    await hit(db, 'per-minute', at, MINUTE);
    await hit(db, 'per-hour', at, HOUR);
    await hit(db, 'per-day', at, DAY);
    const person = await createUser();
    await db.insert(sessions).values([
      {
        sessionToken: 'expired-session',
        userId: person.userId,
        expires: new Date(at.getTime() + 30 * MINUTE),
      },
      { sessionToken: 'live-session', userId: person.userId, expires: new Date(at.getTime() + 30 * DAY) },
    ]);
    await db.insert(verificationTokens).values([
      { identifier: person.email, token: 'expired-token', expires: new Date(at.getTime() + 30 * MINUTE) },
      { identifier: person.email, token: 'live-token', expires: new Date(at.getTime() + DAY) },
    ]);

    advanceClock(2 * HOUR);
    expect(await prune.pruneExpired(db, { limit: 100 })).toEqual({
      rateLimitBuckets: 2,
      verificationTokens: 1,
      sessions: 1,
    });

    expect((await db.select().from(rateLimitBuckets)).map((b) => b.key)).toEqual(['per-day']);
    expect((await db.select().from(sessions)).map((s) => s.sessionToken)).toEqual(['live-session']);
    expect((await db.select().from(verificationTokens)).map((t) => t.token)).toEqual(['live-token']);
    expect(await prune.pruneExpired(db, { limit: 100 })).toEqual({
      rateLimitBuckets: 0,
      verificationTokens: 0,
      sessions: 0,
    });
  });

  it('does at most `limit` rows per table per run, oldest first', async () => {
    const db = await getDb();
    for (let minute = 0; minute < 25; minute++) {
      await hit(db, 'client', now(), MINUTE);
      advanceClock(MINUTE);
    }
    const runs = [];
    for (let run = 0; run < 4; run++)
      runs.push((await prune.pruneExpired(db, { limit: 10 })).rateLimitBuckets);
    expect(runs).toEqual([10, 10, 5, 0]);
    expect(await bucketRows()).toBe(0);

    for (let minute = 0; minute < 25; minute++) {
      await hit(db, 'client', now(), MINUTE);
      advanceClock(MINUTE);
    }
    // Compared with the rows themselves, not with computed times: the clock is real time plus an offset,
    // so a loop that runs across a minute boundary skips a window.
    const before = await db.select().from(rateLimitBuckets).orderBy(asc(rateLimitBuckets.windowStart));
    await prune.pruneExpired(db, { limit: 10 });
    const left = await db.select().from(rateLimitBuckets).orderBy(asc(rateLimitBuckets.windowStart));
    expect(left).toHaveLength(15);
    expect(left[0].windowStart.getTime(), 'the ten oldest went first').toBe(before[10].windowStart.getTime());
  });

  it('runs on every PRUNE_EXPIRED_EVERY-th rate-limit check, and a failing run does not fail the check', async () => {
    process.env.PRUNE_EXPIRED_EVERY = '4';
    const db = await getDb();
    await hit(db, 'old', now(), MINUTE);
    advanceClock(2 * MINUTE);
    // Line the process's counter up with a run, whatever earlier tests left it at.
    for (let n = 0; n < 4 && (await bucketRows()) > 0; n++) await allowInvitationAttempt('198.51.100.7');
    expect(await bucketRows()).toBe(1); // only this minute's bucket of the client

    advanceClock(2 * MINUTE);
    for (let n = 0; n < 3; n++) await allowInvitationAttempt('198.51.100.8');
    expect(await bucketRows(), 'no run before the 4th check').toBe(2);
    await allowInvitationAttempt('198.51.100.8');
    expect(await bucketRows(), 'the 4th check pruned the finished window').toBe(1);

    // The database refuses the delete: the check still answers, and the failure is logged.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await db.execute(sql`CREATE FUNCTION refuse_prune() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected: prune refused'; END $$`);
    await db.execute(
      sql`CREATE TRIGGER refuse_prune BEFORE DELETE ON rate_limit_buckets FOR EACH ROW EXECUTE FUNCTION refuse_prune()`,
    );
    try {
      advanceClock(2 * MINUTE);
      const answers = [];
      for (let n = 0; n < 4; n++) answers.push(await allowInvitationAttempt('198.51.100.9'));
      expect(answers).toEqual([true, true, true, true]);
      expect(logged).toHaveBeenCalledWith('[prune] could not delete expired rows', expect.anything());
      expect(await bucketRows()).toBe(2);
    } finally {
      await db.execute(sql`DROP TRIGGER refuse_prune ON rate_limit_buckets`);
      await db.execute(sql`DROP FUNCTION refuse_prune()`);
      logged.mockRestore();
    }
  });
});
