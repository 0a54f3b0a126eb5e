// Tables that would only grow: a rate-limit bucket per client per window, Auth.js verification tokens and
// sessions that expired, SSO requests and accepted assertion ids. Pruning keeps them bounded, in bounded work per run; the housekeeping job runs
// it on a schedule (its queue: tests/domain/jobs.test.ts).
import { asc, count } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { rateLimitBuckets, sessions, ssoAssertions, ssoRequests, verificationTokens } from '@/db/schema';
import { advanceClock, now } from '@/lib/clock';
import { allowInvitationAttempt } from '@/lib/invitations';
import { runHousekeeping } from '@/lib/jobs';
import * as prune from '@/lib/jobs/prune';
import { hit } from '@/lib/rate-limit';
import {
  issueSsoRequest,
  rememberAssertion,
  SSO_REQUEST_LIFETIME_MS,
  takeSsoRequest,
} from '@/lib/sso/requests';
import { useTestDatabase } from '../support/db';
import { createOrganizationWithOwner, createUser } from '../support/factories';
import { insertConnection, TEST_BROWSER } from '../support/sso';

useTestDatabase();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

async function bucketRows() {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(rateLimitBuckets);
  return row.n;
}

describe('rate_limit_buckets stays bounded', () => {
  it('3 clients viewing invitation links every minute for 300 simulated minutes, housekeeping every 10 minutes, leave a few rows, not 900', async () => {
    const clients = ['203.0.113.1', '203.0.113.2', '203.0.113.3'];
    let most = 0;
    for (let minute = 0; minute < 300; minute++) {
      for (const client of clients) expect(await allowInvitationAttempt(client)).toBe(true);
      most = Math.max(most, await bucketRows());
      if (minute % 10 === 9) await runHousekeeping();
      advanceClock(MINUTE);
    }
    // At most the ten minutes since the last run, plus the live one, for each client.
    expect(most).toBeLessThanOrEqual(3 * 11);
    expect(await bucketRows()).toBeLessThanOrEqual(3 * 11);
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
      ssoRequests: 0,
      ssoAssertions: 0,
    });

    expect((await db.select().from(rateLimitBuckets)).map((b) => b.key)).toEqual(['per-day']);
    expect((await db.select().from(sessions)).map((s) => s.sessionToken)).toEqual(['live-session']);
    expect((await db.select().from(verificationTokens)).map((t) => t.token)).toEqual(['live-token']);
    expect(await prune.pruneExpired(db, { limit: 100 })).toEqual({
      rateLimitBuckets: 0,
      verificationTokens: 0,
      sessions: 0,
      ssoRequests: 0,
      ssoAssertions: 0,
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

  it('a housekeeping run goes through a backlog in rounds of PRUNE_EXPIRED_BATCH rows per table', async () => {
    vi.stubEnv('PRUNE_EXPIRED_BATCH', '10');
    const db = await getDb();
    for (let minute = 0; minute < 25; minute++) {
      await hit(db, 'client', now(), MINUTE);
      advanceClock(MINUTE);
    }
    expect(await runHousekeeping()).toEqual({
      rateLimitBuckets: 25,
      verificationTokens: 0,
      sessions: 0,
      ssoRequests: 0,
      ssoAssertions: 0,
    });
    expect(await bucketRows()).toBe(0);
    // A bound on the rounds of one run: the rest waits for the next run.
    for (let minute = 0; minute < 25; minute++) {
      await hit(db, 'client', now(), MINUTE);
      advanceClock(MINUTE);
    }
    expect((await runHousekeeping(2)).rateLimitBuckets).toBe(20);
    expect(await bucketRows()).toBe(5);
  });
});

/** A connection of a new organization, for the SSO requests and assertions to belong to. */
async function connectionId() {
  const { organization } = await createOrganizationWithOwner();
  return (await insertConnection(organization.id)).id;
}

describe('pruning SSO requests and assertion ids', () => {
  it('deletes requests past their lifetime, used or not, and keeps live ones (used or not), which can still be taken', async () => {
    const db = await getDb();
    const connection = await connectionId();
    const issue = () =>
      issueSsoRequest(db, { connectionId: connection, purpose: 'sign_in', browser: TEST_BROWSER });
    const usedExpired = await issue();
    expect(await takeSsoRequest(db, connection, usedExpired)).not.toBeNull();
    await issue();
    advanceClock(SSO_REQUEST_LIFETIME_MS + MINUTE);
    const live = await issue();
    const usedLive = await issue();
    expect(await takeSsoRequest(db, connection, usedLive)).not.toBeNull();

    expect(await prune.pruneExpired(db, { limit: 100 })).toMatchObject({ ssoRequests: 2 });
    const left = await db.select({ id: ssoRequests.id }).from(ssoRequests);
    expect(left.map((r) => r.id).sort()).toEqual([live, usedLive].sort());
    expect(await takeSsoRequest(db, connection, live)).not.toBeNull();
  });

  it('keeps an assertion id past its expiry for longer than the clock skew, so a replay is still refused, then deletes it', async () => {
    const db = await getDb();
    const connection = await connectionId();
    expect(await rememberAssertion(db, connection, '_soon', new Date(now().getTime() + MINUTE))).toBe(true);
    expect(await rememberAssertion(db, connection, '_later', new Date(now().getTime() + HOUR))).toBe(true);

    // Past _soon's expiry by the 2 minutes of skew an assertion may still be accepted within.
    advanceClock(MINUTE + 2 * MINUTE);
    expect(await prune.pruneExpired(db, { limit: 100 })).toMatchObject({ ssoAssertions: 0 });
    expect(await rememberAssertion(db, connection, '_soon', new Date(now().getTime() + MINUTE))).toBe(false);

    advanceClock(prune.ASSERTION_ID_KEPT_AFTER_EXPIRY_MS);
    expect(await prune.pruneExpired(db, { limit: 100 })).toMatchObject({ ssoAssertions: 1 });
    const left = await db.select({ id: ssoAssertions.assertionId }).from(ssoAssertions);
    expect(left.map((r) => r.id)).toEqual(['_later']);
    expect(await rememberAssertion(db, connection, '_later', new Date(now().getTime() + HOUR))).toBe(false);
  });

  it('does at most `limit` requests and assertion ids per run; housekeeping goes through the backlog', async () => {
    const db = await getDb();
    const connection = await connectionId();
    for (let i = 0; i < 25; i++) {
      await issueSsoRequest(db, { connectionId: connection, purpose: 'sign_in', browser: TEST_BROWSER });
      await rememberAssertion(db, connection, `_a${i}`, now());
    }
    advanceClock(SSO_REQUEST_LIFETIME_MS + prune.ASSERTION_ID_KEPT_AFTER_EXPIRY_MS + MINUTE);
    const first = await prune.pruneExpired(db, { limit: 10 });
    expect([first.ssoRequests, first.ssoAssertions]).toEqual([10, 10]);
    vi.stubEnv('PRUNE_EXPIRED_BATCH', '10');
    expect(await runHousekeeping()).toMatchObject({ ssoRequests: 15, ssoAssertions: 15 });
    const [requests] = await db.select({ n: count() }).from(ssoRequests);
    const [assertions] = await db.select({ n: count() }).from(ssoAssertions);
    expect([requests.n, assertions.n]).toEqual([0, 0]);
  });
});
