// Concurrency suite (PostgreSQL only: PGlite runs one statement at a time, so nothing races there).
//
// 1. One process: 24 concurrent clients run 1,000 random operations (invite, resend, accept, decline,
//    change roles, remove, leave, transfer; single and bulk) against one organization through the
//    domain functions, while a monitor reads every invariant from one snapshot, over and over.
// 2. The same split across two Node processes (two "app servers") on the same database, with the
//    organization's hourly invitation cap and the per-client link limit set low so that both hit them.
//
// Invariants (tests/hardening/concurrency/model.ts): never zero Owners; no duplicate membership; at
// most one pending invitation per address; no member with a pending invitation; every accepted
// invitation has its acceptance; each person's membership agrees with the audit log; and, at the end,
// exactly one audit event per changed row of every successful operation and none for refused ones.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb, openPostgres, type Database } from '@/db/client';
import { DomainError } from '@/lib/shared/errors';
import { acceptInvitation, resendInvitation } from '@/lib/invitations';
import { usingPostgres, useTestDatabase } from '../support/db';
import {
  addInvitation,
  addMember,
  createOrganizationWithOwner,
  createUser,
  membershipOf,
} from '../support/factories';
import {
  INVARIANTS,
  checkInvariants,
  mergeStats,
  runOperations,
  startMonitor,
  statsRows,
  violations,
  type Stats,
} from './concurrency/model';
import { reportFigures } from './support/figures';
import { rawRows } from '../support/raw-rows';

const testDb = useTestDatabase({ max: 30 });

beforeEach(() => {
  vi.stubEnv('EMAIL_TRANSPORT', 'mailbox');
  vi.stubEnv('RESEND_API_KEY', undefined);
  vi.stubEnv('INVITATION_RESEND_COOLDOWN_SECONDS', '1');
  // The run resends to a pool of 60 addresses hundreds of times: the daily caps per account and per
  // address (tests/domain/abuse-limits.test.ts) would turn it into a test of those instead.
  vi.stubEnv('INVITATIONS_PER_ACCOUNT_PER_DAY', '1000000');
  vi.stubEnv('INVITATIONS_PER_ADDRESS_PER_DAY', '1000000');
});

const seed = Number(process.env.HARDENING_SEED) || Math.floor(Math.random() * 1_000_000);

/**
 * One organization with 3 Owners, 5 Admins and 12 Members; a pool of 60 addresses to draw from: the 20
 * members, 20 people with an account who are not members, and 20 addresses with no account yet.
 */
async function createWorld() {
  const { organization, owner } = await createOrganizationWithOwner('Load');
  const initialMemberIds = [owner.userId];
  const pool = [owner.email];
  const roles = [...Array(2).fill('owner'), ...Array(5).fill('admin'), ...Array(12).fill('member')] as (
    'owner' | 'admin' | 'member'
  )[];
  for (const [n, role] of roles.entries()) {
    const person = await addMember(
      organization.id,
      role,
      await createUser({ email: `member-${n}@load.test`, name: `Member ${n}` }),
    );
    initialMemberIds.push(person.userId);
    pool.push(person.email);
  }
  for (let n = 0; n < 20; n++)
    pool.push((await createUser({ email: `outsider-${n}@load.test`, name: `Outsider ${n}` })).email);
  for (let n = 0; n < 20; n++) pool.push(`newcomer-${n}@load.test`);
  return { organizationId: organization.id, initialMemberIds, pool };
}

async function auditTotals(db: Database, organizationId: string) {
  const [row] = await rawRows<{ all: number; sends: number }>(
    db,
    sql`SELECT count(*)::int AS "all",
               count(*) FILTER (WHERE action IN ('invitation.sent', 'invitation.resent'))::int AS sends
        FROM audit_events WHERE organization_id = ${organizationId} AND action <> 'organization.created'`,
  );
  return row;
}

async function invitationMail(db: Database) {
  const [row] = await rawRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM mailbox_messages WHERE tags->>'kind' = 'invitation'`,
  );
  return row.n;
}

function expectActivity(stats: Stats) {
  // Guards against a vacuous run: every kind of change went through at least once.
  for (const kind of [
    'invite',
    'invite-bulk',
    'accept',
    'change-role',
    'change-role-bulk',
    'remove',
    'remove-bulk',
    'leave',
  ]) {
    expect(stats.byKind[kind]?.ok ?? 0, `successful ${kind} operations`).toBeGreaterThan(0);
  }
}

describe.skipIf(!usingPostgres)('concurrency on PostgreSQL', () => {
  it('24 clients, 1,000 random operations on one organization: the invariants hold throughout and at the end', async () => {
    vi.stubEnv('INVITATIONS_PER_ORGANIZATION_PER_HOUR', '100000');
    const world = await createWorld();
    const db = await getDb();
    const monitorHandle = await openPostgres(testDb.url!, { max: 1 });
    const started = Date.now();
    const monitor = startMonitor(monitorHandle.db, world.organizationId, world.initialMemberIds);
    let stats: Stats;
    let watched: { snapshots: number; violations: string[] };
    try {
      stats = await runOperations({
        db,
        organizationId: world.organizationId,
        pool: world.pool,
        clients: 24,
        operations: 1000,
        seed,
      });
    } finally {
      watched = await monitor.stop();
      await monitorHandle.close();
    }
    const ms = Date.now() - started;

    const final = await checkInvariants(db, world.organizationId, world.initialMemberIds);
    const audit = await auditTotals(db, world.organizationId);
    const mail = await invitationMail(db);
    reportFigures('concurrency-one-process', `Concurrency, one process: 24 clients, seed ${seed}, ${ms} ms`, [
      ...statsRows(stats),
      ['audit events written', audit.all],
      ['invariant snapshots during the run', watched.snapshots],
      ['invariant checks (snapshots x invariants, + final)', (watched.snapshots + 1) * INVARIANTS.length],
      ['violations', watched.violations.length + violations(final).length],
      ['Owners at the end', final.owners],
    ]);

    expect(stats.unexpected, 'errors that are not domain refusals').toEqual([]);
    expect(stats.operations).toBe(1000);
    expect(watched.violations, `seed ${seed}`).toEqual([]);
    expect(violations(final), `seed ${seed}`).toEqual([]);
    expect(watched.snapshots).toBeGreaterThan(20);
    expect(audit.all, 'one audit event per changed row of each successful operation, none for refusals').toBe(
      stats.expectedAudit,
    );
    expect(audit.sends).toBe(stats.sends);
    expect(mail, 'one email per send').toBe(stats.sends);
    expectActivity(stats);
    expect(ms).toBeLessThan(60_000);
  }, 120_000);

  it('the same 1,000 operations split across two Node processes: invariants, the hourly invite cap and the link limit hold across both', async () => {
    const CAP = 40;
    const LINK_LIMIT = 25;
    const world = await createWorld();
    const db = await getDb();
    const hour = 3_600_000;
    // Both workers run their domain clock from one instant just after an hour boundary: the hourly and
    // per-minute windows are the same for both and cannot roll over during the run.
    const clockStartMs = (Math.floor(Date.now() / hour) + 1) * hour + 1_000;
    const linkClientKey = `203.0.113.${Math.floor(Math.random() * 250)}`;

    const monitorHandle = await openPostgres(testDb.url!, { max: 1 });
    const started = Date.now();
    const monitor = startMonitor(monitorHandle.db, world.organizationId, world.initialMemberIds);
    let results: { pid: number; ms: number; stats: Stats; linkAllowed: number }[];
    let watched: { snapshots: number; violations: string[] };
    try {
      results = await Promise.all(
        [0, 1].map((n) =>
          runWorker({
            organizationId: world.organizationId,
            pool: world.pool,
            clients: 12,
            operations: 500,
            seed: seed + 1000 * (n + 1),
            linkAttempts: 40,
            linkClientKey,
            clockStartMs,
            env: {
              INVITATIONS_PER_ORGANIZATION_PER_HOUR: String(CAP),
              INVITATION_LOOKUPS_PER_MINUTE: String(LINK_LIMIT),
            },
          }),
        ),
      );
    } finally {
      watched = await monitor.stop();
      await monitorHandle.close();
    }
    const ms = Date.now() - started;
    const stats = mergeStats(results.map((r) => r.stats));

    const final = await checkInvariants(db, world.organizationId, world.initialMemberIds);
    const audit = await auditTotals(db, world.organizationId);
    const mail = await invitationMail(db);
    const [bucket] = await rawRows<{ count: number }>(
      db,
      sql`SELECT coalesce(sum(count), 0)::int AS count FROM rate_limit_buckets WHERE key = ${`invitations:${world.organizationId}`}`,
    );
    const linkAllowed = results.reduce((sum, r) => sum + r.linkAllowed, 0);
    const capRefusals = results.map((r) => r.stats.inviteOutcomes.rate_limited ?? 0);

    reportFigures(
      'concurrency-two-processes',
      `Concurrency, two Node processes x 12 clients, seed ${seed}, ${ms} ms`,
      [
        ...results.map((r, n): [string, string] => [
          `process ${n + 1} (pid ${r.pid}): operations, ms`,
          `${r.stats.operations}, ${r.ms}`,
        ]),
        ...statsRows(stats),
        ['audit events written', audit.all],
        [`invitations sent (hourly cap ${CAP})`, audit.sends],
        ['rate-limited addresses, process 1 / 2', capRefusals.join(' / ')],
        [`link attempts allowed of 2 x 40 (limit ${LINK_LIMIT}/min)`, linkAllowed],
        ['invariant snapshots during the run', watched.snapshots],
        ['invariant checks (snapshots x invariants, + final)', (watched.snapshots + 1) * INVARIANTS.length],
        ['violations', watched.violations.length + violations(final).length],
      ],
    );

    expect(stats.unexpected, 'errors that are not domain refusals').toEqual([]);
    expect(stats.operations).toBe(1000);
    expect(watched.violations, `seed ${seed}`).toEqual([]);
    expect(violations(final), `seed ${seed}`).toEqual([]);
    expect(audit.all).toBe(stats.expectedAudit);
    expectActivity(stats);

    // The cap is counted in the database under the organization's lock: both servers together sent
    // exactly the cap (they asked for far more), and both were refused past it.
    expect(audit.sends).toBe(stats.sends);
    expect(audit.sends).toBe(CAP);
    expect(bucket.count).toBe(CAP);
    expect(mail).toBe(CAP);
    for (const refused of capRefusals) expect(refused).toBeGreaterThan(0);

    // The per-client link limit is one counter in the database, shared by both servers.
    expect(linkAllowed).toBe(LINK_LIMIT);
    expect(ms).toBeLessThan(60_000);
  }, 120_000);
});

function runWorker(input: {
  organizationId: string;
  pool: string[];
  clients: number;
  operations: number;
  seed: number;
  linkAttempts: number;
  linkClientKey: string;
  clockStartMs: number;
  env: Record<string, string>;
}): Promise<{ pid: number; ms: number; stats: Stats; linkAllowed: number }> {
  const { env, ...workerInput } = input;
  const script = path.join('tests', 'hardening', 'concurrency', 'worker.ts');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--import', './scripts/outside-next.mjs', script],
      {
        cwd: process.cwd(),
        timeout: 90_000,
        maxBuffer: 16 * 1024 * 1024,
        env: {
          ...process.env,
          ...env,
          DATABASE_URL: testDb.url!,
          EMAIL_TRANSPORT: 'mailbox',
          RESEND_API_KEY: '',
          INVITATION_RESEND_COOLDOWN_SECONDS: '1',
          WORKER_INPUT: JSON.stringify(workerInput),
        },
      },
      (error, stdout, stderr) => {
        const line = stdout
          .split('\n')
          .reverse()
          .find((l) => l.startsWith('{'));
        if (error || !line) {
          reject(
            new Error(
              `worker failed: ${error?.message ?? 'no result'}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
            ),
          );
          return;
        }
        resolve(JSON.parse(line));
      },
    );
  });
}

/**
 * Holds the organization's row lock from a second connection, starts `call` (which then waits for the
 * lock), runs `meanwhile` inside the holding transaction, commits, and returns how `call` ended.
 */
async function whileHoldingOrganization(
  organizationId: string,
  call: () => Promise<unknown>,
  meanwhile: (tx: import('postgres').TransactionSql) => Promise<unknown>,
) {
  const { default: postgres } = await import('postgres');
  const holder = postgres(testDb.url!, { max: 2, onnotice: () => {} });
  try {
    let outcome: Promise<string> | undefined;
    await holder.begin(async (tx) => {
      await tx`SELECT id FROM organizations WHERE id = ${organizationId} FOR UPDATE`;
      outcome = call().then(
        () => 'ok',
        (error: unknown) => (error instanceof DomainError ? error.code : `unexpected: ${String(error)}`),
      );
      // Let the call reach the lock and wait there.
      for (let i = 0; i < 100; i++) {
        const [waiting] =
          await holder`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        if (waiting.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await meanwhile(tx);
    });
    return await outcome!;
  } finally {
    await holder.end({ timeout: 5 });
  }
}

describe.skipIf(!usingPostgres)('targeted races (PostgreSQL)', () => {
  it('an invitation revoked while someone accepts it: the accept is refused, no membership, no deadlock', async () => {
    const { organization } = await createOrganizationWithOwner('Race');
    const invitee = await createUser({ email: 'racer@example.com' });
    const invitation = await addInvitation(organization.id, { email: invitee.email });
    const outcome = await whileHoldingOrganization(
      organization.id,
      () => acceptInvitation(invitee, { token: invitation.token }),
      (tx) => tx`UPDATE invitations SET status = 'revoked' WHERE id = ${invitation.id}`,
    );
    expect(outcome).toBe('INVITATION_INVALID');
    expect(await membershipOf(organization.id, invitee.userId)).toBeNull();
  });

  it('an invitation revoked while an admin resends it: NOT_FOUND, and it does not come back as a new one', async () => {
    vi.stubEnv('INVITATION_RESEND_COOLDOWN_SECONDS', '0');
    const { organization, owner } = await createOrganizationWithOwner('Race');
    const invitation = await addInvitation(organization.id, { email: 'revoked@example.com' });
    const outcome = await whileHoldingOrganization(
      organization.id,
      () => resendInvitation(owner, { organizationId: organization.id, invitationId: invitation.id }),
      (tx) => tx`UPDATE invitations SET status = 'revoked' WHERE id = ${invitation.id}`,
    );
    expect(outcome).toBe('NOT_FOUND');
    const db = await getDb();
    const [pending] = await rawRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM invitations WHERE status = 'pending'`,
    );
    expect(pending.n).toBe(0);
  });
});
