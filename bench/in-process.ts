// Bulk operations and invitations, timed in this process through lib/: bulk role changes and removals
// beside one bare UPDATE of the same rows, and an invitation of many addresses against a fake email API;
// each operation's statements counted once through the proxy.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openPostgres, setDatabaseHandle, type Database, type DatabaseHandle } from '@/db/client';
import { inviteMembers } from '@/lib/invitations';
import { getBoss, startJobs, stopBoss } from '@/lib/jobs';
import { changeRoles, removeMembers } from '@/lib/members';
import { uuidArray } from '@/lib/sql';
import { startFakeResend, type FakeResend } from '../tests/support/fake-resend-server';
import { config, CouldNotRun, median } from './config';
import type { SeededOrg } from './database';
import { counted, type ProxyClient } from './measure';
import type { ProxyCounts } from './pg-proxy';
import { rawRows } from '../tests/support/raw-rows';

interface QueryCounter {
  count: number;
  texts: string[];
}

async function openCounting(url: string): Promise<{ handle: DatabaseHandle; counter: QueryCounter }> {
  const counter: QueryCounter = { count: 0, texts: [] };
  const handle = await openPostgres(url, {
    max: 1,
    onQuery: (text) => {
      counter.count++;
      counter.texts.push(text.replace(/\s+/g, ' ').trim().slice(0, 200));
    },
  });
  return { handle, counter };
}

async function memberIds(db: Database, org: SeededOrg, count: number, skip: number): Promise<string[]> {
  const found = await rawRows<{ id: string }>(
    db,
    sql`SELECT id FROM memberships WHERE organization_id = ${org.id} AND role = 'member'
        ORDER BY created_at, id LIMIT ${count} OFFSET ${skip}`,
  );
  if (found.length < count)
    throw new CouldNotRun(`Only ${found.length} Members left in ${org.label} for a bulk of ${count}`);
  return found.map((row) => row.id);
}

export async function timed<T>(action: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await action();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

/** The yardstick: one UPDATE of the same rows, no access check, no audit, no transaction of its own. */
const bareUpdate = (db: Database, ids: string[], role: 'admin' | 'member') =>
  db.execute(sql`UPDATE memberships SET role = ${role}::member_role WHERE id = ANY(${uuidArray(ids)})`);

interface CountedCall {
  /** Statements at the PostgreSQL wire, BEGIN/COMMIT included. */
  wireStatements: number;
  transactions: number;
  /** Statements drizzle's logger saw (it does not see BEGIN/COMMIT). */
  drizzleStatements: number;
  log: ProxyCounts['log'];
}

export async function countCall(
  proxyUrl: string,
  proxy: ProxyClient,
  action: () => Promise<unknown>,
): Promise<CountedCall> {
  const { handle, counter } = await openCounting(proxyUrl);
  setDatabaseHandle(handle);
  try {
    // Open the connection (and let postgres.js do its first-connection work) before counting.
    await handle.db.execute(sql`SELECT 1`);
    counter.count = 0;
    counter.texts = [];
    const { counts } = await counted(proxy, action);
    return {
      wireStatements: counts.statements,
      transactions: counts.begins,
      drizzleStatements: counter.count,
      log: counts.log,
    };
  } finally {
    setDatabaseHandle(undefined);
    await handle.close();
  }
}

export async function measureBulk(benchUrl: string, proxyUrl: string, proxy: ProxyClient, org: SeededOrg) {
  const size = config.bulkSize;
  const direct = await openPostgres(benchUrl, { max: 1 });
  const db = direct.db;
  // The changes queue emails to the people they change (lib/members/notifications.ts): start the queue
  // on the direct connection first, so that its start is neither timed nor counted.
  setDatabaseHandle(direct);
  await getBoss();
  setDatabaseHandle(undefined);
  try {
    // Role change: the same rows go Member → Admin → Member …; the bare UPDATE makes the same change
    // first (and is undone, untimed) so both write every row.
    const changeIds = await memberIds(db, org, size, 0);
    const changeCount = await countCall(proxyUrl, proxy, () =>
      changeRoles(org.owner, { organizationId: org.id, ids: changeIds, role: 'admin' }),
    );
    await bareUpdate(db, changeIds, 'member');
    setDatabaseHandle(direct);
    const change = { domainMs: [] as number[], bareMs: [] as number[] };
    let current: 'admin' | 'member' = 'member';
    for (let repeat = 0; repeat < config.bulkRepeats; repeat++) {
      const target: 'admin' | 'member' = current === 'member' ? 'admin' : 'member';
      change.bareMs.push((await timed(() => bareUpdate(db, changeIds, target))).ms);
      await bareUpdate(db, changeIds, current);
      const result = await timed(() =>
        changeRoles(org.owner, { organizationId: org.id, ids: changeIds, role: target }),
      );
      if (result.value.changed !== size)
        throw new CouldNotRun(`changeRoles changed ${result.value.changed} of ${size} rows`);
      change.domainMs.push(result.ms);
      current = target;
    }
    setDatabaseHandle(undefined);

    // Removal: a fresh set of Members each time, never the rows of the role change.
    const skip = size;
    const removeCountIds = await memberIds(db, org, size, skip);
    const removeCount = await countCall(proxyUrl, proxy, () =>
      removeMembers(org.owner, { organizationId: org.id, ids: removeCountIds }),
    );
    setDatabaseHandle(direct);
    const removal = { domainMs: [] as number[], bareMs: [] as number[] };
    for (let repeat = 0; repeat < config.bulkRepeats; repeat++) {
      const ids = await memberIds(db, org, size, skip);
      removal.bareMs.push((await timed(() => bareUpdate(db, ids, 'admin'))).ms);
      await bareUpdate(db, ids, 'member');
      const result = await timed(() => removeMembers(org.owner, { organizationId: org.id, ids }));
      if (result.value.removedMembers !== size)
        throw new CouldNotRun(`removeMembers removed ${result.value.removedMembers} of ${size}`);
      removal.domainMs.push(result.ms);
    }
    setDatabaseHandle(undefined);
    // Nobody works the queue here: the emails queued are dropped, so that no later worker sends them.
    await stopBoss();
    await db.execute(
      sql`DELETE FROM email_messages WHERE organization_id = ${org.id} AND kind <> 'invitation'`,
    );
    return {
      size,
      change: {
        counted: changeCount,
        ...change,
        domainMedianMs: median(change.domainMs),
        bareMedianMs: median(change.bareMs),
      },
      removal: {
        counted: removeCount,
        ...removal,
        domainMedianMs: median(removal.domainMs),
        bareMedianMs: median(removal.bareMs),
      },
    };
  } finally {
    setDatabaseHandle(undefined);
    await direct.close();
  }
}

/** Waits until `count` emails of the organization have been sent (at most `limitMs`). */
export async function allSent(db: Database, organizationId: string, count: number, limitMs = 60_000) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const [row] = await rawRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM email_messages WHERE organization_id = ${organizationId} AND status = 'sent'`,
    );
    if (Number(row.n) >= count) return;
    if (Date.now() > deadline) throw new CouldNotRun(`The email worker sent ${row.n} of ${count} emails`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What the email API was asked so far: batch and single sends, and the messages in them. */
export function emailApiCalls(api: FakeResend) {
  const posts = (path: string) =>
    api.requests.filter((request) => request.method === 'POST' && request.path === path).length;
  return { batch: posts('/emails/batch'), single: posts('/emails'), messages: api.emails().length };
}

const EMAIL_API_ENV = [
  'RESEND_API_KEY',
  'RESEND_BASE_URL',
  'EMAIL_TRANSPORT',
  'APP_URL',
  'AUTH_SECRET',
  'EMAIL_WAIT_MS',
];

/** Points this process's email module at `api`; returns what puts the environment back. */
export function useFakeEmailApi(api: FakeResend, org: SeededOrg): () => void {
  const saved = Object.fromEntries(EMAIL_API_ENV.map((key) => [key, process.env[key]]));
  // A key of its own: lib/email keeps one Resend client per key, made with the RESEND_BASE_URL of then.
  process.env.RESEND_API_KEY = `re_bench_${org.label.toLowerCase()}_${randomBytes(4).toString('hex')}`;
  process.env.RESEND_BASE_URL = api.baseUrl;
  process.env.EMAIL_TRANSPORT = 'resend';
  process.env.APP_URL = 'http://127.0.0.1:3000';
  // Queued invitation emails seal their link under a key from AUTH_SECRET (lib/sealed.ts).
  process.env.AUTH_SECRET ||= randomBytes(32).toString('base64url');
  return () => {
    for (const key of EMAIL_API_ENV) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  };
}

export async function measureInvite(benchUrl: string, proxyUrl: string, proxy: ProxyClient, org: SeededOrg) {
  const api = await startFakeResend();
  const restoreEnv = useFakeEmailApi(api, org);
  let batch = 0;
  const addresses = () => {
    batch++;
    return Array.from(
      { length: config.inviteSize },
      (_, index) => `bench.invite.${batch}.${index + 1}@${org.domain}`,
    );
  };
  const check = (summary: Awaited<ReturnType<typeof inviteMembers>>, outcome: 'invited' | 'sending') => {
    if (summary.counts[outcome] !== config.inviteSize) {
      const reasons = [...new Set(summary.results.map((result) => result.reason).filter(Boolean))];
      throw new CouldNotRun(
        `inviteMembers at ${org.label}: ${JSON.stringify(summary.counts)} ${reasons.join('; ')}`,
      );
    }
  };
  try {
    // The request alone, counted: its transaction (the invitations, their audit events and their queued
    // emails) and one look at the emails, which no worker has taken yet (EMAIL_WAIT_MS=0).
    const emails = addresses();
    process.env.EMAIL_WAIT_MS = '0';
    const countedCall = await countCall(proxyUrl, proxy, async () =>
      check(await inviteMembers(org.owner, { organizationId: org.id, emails, role: 'member' }), 'sending'),
    );
    delete process.env.EMAIL_WAIT_MS;
    // Then the worker, in this process as in a web server, sends them: the API calls it took.
    const direct = await openPostgres(benchUrl, { max: 2 });
    setDatabaseHandle(direct);
    await startJobs({ work: true });
    await allSent(direct.db, org.id, config.inviteSize);
    const calls = emailApiCalls(api);
    const times: number[] = [];
    try {
      for (let repeat = 0; repeat < config.inviteRepeats; repeat++) {
        const more = addresses();
        times.push(
          (
            await timed(async () =>
              check(
                await inviteMembers(org.owner, { organizationId: org.id, emails: more, role: 'member' }),
                'invited',
              ),
            )
          ).ms,
        );
      }
    } finally {
      setDatabaseHandle(undefined);
      await direct.close();
    }
    return {
      addresses: config.inviteSize,
      counted: countedCall,
      emailApi: calls,
      ms: times,
      medianMs: median(times),
    };
  } finally {
    restoreEnv();
    await stopBoss();
    await api.close();
  }
}
