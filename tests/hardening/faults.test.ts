// Fault suite: the email API failing in every way we could think of, the database connection dropped in
// the middle of a transaction, and a second process opening the embedded database. Each case checks
// what the person is told (through the server actions, as the UI calls them) and that nothing was left
// half-written. (tests/domain/email-failures.test.ts covers the domain side of 500 / hang / refused;
// tests/db/client.test.ts the PGlite lock itself.)
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const { actionMocks: mocks } = await vi.hoisted(() => import('../support/action-mocks'));

import { getDb, openPglite, type DatabaseHandle } from '@/db/client';
import {
  auditEvents,
  emailMessages,
  invitations,
  mailboxMessages,
  memberships,
  organizations,
  sessions,
  users,
} from '@/db/schema';
import {
  acceptInvitationAction,
  acceptInvitationAsNewUserAction,
  declineInvitationAction,
  inviteMembersAction,
  resendInvitationAction,
} from '@/app/actions/invitations';
import { changeRolesAction, leaveOrganizationAction, removeMembersAction } from '@/app/actions/members';
import {
  createOrganizationAction,
  deleteOrganizationAction,
  renameOrganizationAction,
  setMemberNotificationsAction,
  transferOwnershipAction,
} from '@/app/actions/organizations';
import { usingPostgres, useTestDatabase } from '../support/db';
import { eventually } from '../support/eventually';
import {
  addInvitation,
  addMember,
  createOrganizationWithOwner,
  createUser,
  membershipOf,
} from '../support/factories';
import { refusedBaseUrl, useFakeResend, useResendAt } from '../support/fake-resend';
import { reportFigures } from './support/figures';
import { rawRows } from '../support/raw-rows';

const testDb = useTestDatabase();

const figures: [string, string][] = [];
beforeEach(() => {
  // The queue's first retry after about a second, and the request's wait for its emails short.
  vi.stubEnv('EMAIL_RETRY_DELAY_SECONDS', '1');
  vi.stubEnv('EMAIL_WAIT_MS', '1500');
  mocks.actor = null;
  mocks.requestHeaders = { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}` };
  mocks.cookieSet.mockClear();
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(() => {
  if (figures.length > 0)
    reportFigures('faults', `Fault cases (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, [
      ...figures,
      ['fault cases', figures.length],
    ]);
});

/** Everything a failed operation could have half-written, in a stable order. */
async function everything() {
  const db = await getDb();
  const [orgs, members, invites, audit, mail, people, sessionRows] = await Promise.all([
    db.select().from(organizations).orderBy(asc(organizations.id)),
    db.select().from(memberships).orderBy(asc(memberships.id)),
    db.select().from(invitations).orderBy(asc(invitations.id)),
    db.select().from(auditEvents).orderBy(asc(auditEvents.id)),
    db.select({ n: count() }).from(mailboxMessages),
    db.select().from(users).orderBy(asc(users.id)),
    db.select().from(sessions).orderBy(asc(sessions.sessionToken)),
  ]);
  return { orgs, members, invites, audit, mail: mail[0].n, people, sessions: sessionRows };
}

// ---------------------------------------------------------------------------------------------------
// The email API

/** A one-off HTTP server answering every request with `status` and `body` (for faults the shared fake lacks). */
async function startOddApi(status: number, body: string, contentType = 'application/json') {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.statusCode = status;
      res.setHeader('content-type', contentType);
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the email API fails for a while: the invitations are kept, the request says Sending in time, and the queue delivers each once when the API is back', () => {
  const fake = useFakeResend();
  const odd: { close: () => Promise<void> }[] = [];
  afterAll(async () => {
    for (const server of odd) await server.close();
  });

  const cases: { name: string; timeoutMs?: number; setup: () => Promise<string> }[] = [
    { name: 'answers 500', setup: async () => (fake.setMode('error500'), fake.baseUrl) },
    { name: 'never answers (timeout)', setup: async () => (fake.setMode('hang'), fake.baseUrl) },
    {
      name: 'answers after the timeout (slow)',
      timeoutMs: 300,
      setup: async () => (fake.setMode('slow', { slowMs: 1_500 }), fake.baseUrl),
    },
    { name: 'refuses the connection', setup: () => refusedBaseUrl() },
    {
      name: 'answers 429 (its own rate limit)',
      setup: async () => {
        const server = await startOddApi(
          429,
          JSON.stringify({ statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests.' }),
        );
        odd.push(server);
        return server.baseUrl;
      },
    },
    {
      name: 'answers 200 with a body that is not JSON',
      setup: async () => {
        const server = await startOddApi(200, '<html>proxy error</html>', 'text/html');
        odd.push(server);
        return server.baseUrl;
      },
    },
  ];

  it.each(cases)('when the API $name', async ({ name, setup, timeoutMs }) => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    useResendAt(await setup(), { timeoutMs: timeoutMs ?? 500 });
    mocks.actor = owner;
    const started = Date.now();
    const result = await inviteMembersAction({
      organizationId: organization.id,
      emails: ['one@example.com', 'two@example.com'],
      role: 'member',
    });
    const ms = Date.now() - started;

    // What the person sees: the call succeeded, each address says Sending (the queue keeps trying).
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.counts.sending).toBe(2);
    // Bounded: the request answers after EMAIL_WAIT_MS instead of hanging the page.
    expect(ms).toBeLessThan(5_000);

    // Nothing half-written: both invitations are pending and on their way, one audit event each,
    // nothing in the mailbox; the reason the API gave is kept, readable.
    const db = await getDb();
    const written = await db
      .select()
      .from(invitations)
      .where(eq(invitations.organizationId, organization.id))
      .orderBy(asc(invitations.email));
    expect(written.map((i) => i.status)).toEqual(['pending', 'pending']);
    for (const row of written) expect(['sending', 'retrying']).toContain(row.deliveryStatus);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.organizationId, organization.id));
    expect(events.filter((e) => e.action === 'invitation.sent')).toHaveLength(2);
    expect((await db.select({ n: count() }).from(mailboxMessages))[0].n).toBe(0);
    await eventually(async () => {
      const [message] = await db.select().from(emailMessages).orderBy(asc(emailMessages.recipient));
      return message?.status === 'retrying';
    });
    const [message] = await db.select().from(emailMessages).orderBy(asc(emailMessages.recipient));
    expect(message.error, 'a reason the person can read').toMatch(/\w{3,}/);
    expect(message.error).not.toMatch(/\n\s+at |re_test_|\.ts:\d/); // no stack, no key, no source path

    // The API is back: the queue's next try delivers both, once each, with nobody sending again.
    useResendAt(fake.baseUrl);
    fake.setMode('ok');
    fake.reset();
    await eventually(async () => {
      const rows = await db.select().from(invitations).where(eq(invitations.organizationId, organization.id));
      return rows.every((row) => row.deliveryStatus === 'sent');
    });
    expect(
      fake
        .delivered()
        .map((m) => m.to)
        .sort(),
    ).toEqual(['one@example.com', 'two@example.com']);
    expect((await db.select({ n: count() }).from(invitations)).at(0)!.n).toBe(2);
    figures.push([`email API ${name}`, `Sending in ${ms} ms, delivered once by the retry`]);
  });

  it('when the API is slow but within the timeout, the invitations are delivered', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    useResendAt(fake.baseUrl, { timeoutMs: 2_000 });
    fake.setMode('slow', { slowMs: 400 });
    mocks.actor = owner;
    const result = await inviteMembersAction({
      organizationId: organization.id,
      emails: ['slow@example.com'],
      role: 'admin',
    });
    expect(result).toMatchObject({ ok: true, data: { counts: { invited: 1 } } });
    figures.push(['email API slow (400 ms, within the timeout)', 'delivered']);
  });

  it('an answer that comes after the timeout is not sent twice: the retry repeats the same call, which the API recognises', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    useResendAt(fake.baseUrl, { timeoutMs: 200 });
    fake.setMode('slow', { slowMs: 800 });
    mocks.actor = owner;
    const first = await inviteMembersAction({
      organizationId: organization.id,
      emails: ['late@example.com'],
      role: 'member',
    });
    expect(first).toMatchObject({ ok: true, data: { counts: { sending: 1 } } });
    fake.setMode('ok');
    const db = await getDb();
    await eventually(async () => {
      const [row] = await db.select().from(invitations).where(eq(invitations.email, 'late@example.com'));
      return row.deliveryStatus === 'sent';
    });
    // Two calls (the one that timed out, whose answer came late, and the retry), one email.
    expect(fake.requests.length).toBeGreaterThanOrEqual(2);
    expect(new Set(fake.requests.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(fake.delivered()).toHaveLength(1);
    figures.push(['email API answers after the timeout, then the retry', 'one email (same idempotency key)']);
  });
});

// ---------------------------------------------------------------------------------------------------
// The database connection dropped in the middle of a transaction (PostgreSQL)

/**
 * Holds `audit_events` in EXCLUSIVE mode from a second connection (reads still work, writes wait),
 * starts `call`, waits until the app's transaction is stuck on that lock (every write path writes its
 * audit events last, after its other writes), terminates that backend with pg_terminate_backend, then
 * lets go. Returns the call's result.
 */
async function dropConnectionMidTransaction<T>(
  call: () => Promise<T>,
): Promise<{ result: T; terminated: number }> {
  const { default: postgres } = await import('postgres');
  const admin = postgres(testDb.url!, { max: 2, onnotice: () => {} });
  const locker = await admin.reserve();
  try {
    await locker`BEGIN`;
    await locker`LOCK TABLE audit_events IN EXCLUSIVE MODE`;
    const pending = call();
    let victim: number | undefined;
    for (let attempt = 0; attempt < 400 && victim === undefined; attempt++) {
      const waiting = await admin<{ pid: number }[]>`
        SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`;
      victim = waiting[0]?.pid;
      if (victim === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (victim === undefined) throw new Error('the call never reached a write of audit_events');
    await admin`SELECT pg_terminate_backend(${victim})`;
    await locker`ROLLBACK`;
    return { result: await pending, terminated: victim };
  } finally {
    locker.release();
    await admin.end({ timeout: 5 });
  }
}

type ActionCall = () => Promise<{ ok: boolean }>;

describe.skipIf(!usingPostgres)(
  'the database connection is dropped mid-transaction: INTERNAL, nothing written, the next call works',
  () => {
    const cases: { name: string; prepare: () => Promise<ActionCall> }[] = [
      {
        name: 'inviteMembersAction (after the invitations and the rate-limit counter were written)',
        prepare: async () => {
          const { organization, owner } = await createOrganizationWithOwner();
          mocks.actor = owner;
          return () =>
            inviteMembersAction({
              organizationId: organization.id,
              emails: ['a@example.com', 'b@example.com'],
              role: 'admin',
            });
        },
      },
      {
        name: 'resendInvitationAction',
        prepare: async () => {
          const { organization, owner } = await createOrganizationWithOwner();
          const invitation = await addInvitation(organization.id, { invitedById: owner.userId });
          mocks.actor = owner;
          return () =>
            resendInvitationAction({ organizationId: organization.id, invitationId: invitation.id });
        },
      },
      {
        name: 'changeRolesAction (bulk)',
        prepare: async () => {
          const { organization, owner } = await createOrganizationWithOwner();
          const a = await addMember(organization.id, 'member');
          const invitation = await addInvitation(organization.id);
          mocks.actor = owner;
          return () =>
            changeRolesAction({
              organizationId: organization.id,
              ids: [a.membershipId, invitation.id],
              role: 'admin',
            });
        },
      },
      {
        name: 'removeMembersAction (bulk)',
        prepare: async () => {
          const { organization, owner } = await createOrganizationWithOwner();
          const a = await addMember(organization.id, 'admin');
          const invitation = await addInvitation(organization.id);
          mocks.actor = owner;
          return () =>
            removeMembersAction({ organizationId: organization.id, ids: [a.membershipId, invitation.id] });
        },
      },
      {
        name: 'leaveOrganizationAction',
        prepare: async () => {
          const { organization } = await createOrganizationWithOwner();
          mocks.actor = await addMember(organization.id, 'admin');
          return () => leaveOrganizationAction({ organizationId: organization.id });
        },
      },
      {
        name: 'acceptInvitationAction (after the membership was inserted)',
        prepare: async () => {
          const { organization } = await createOrganizationWithOwner();
          const invitee = await createUser({ email: 'invitee@example.com' });
          const invitation = await addInvitation(organization.id, { email: invitee.email, role: 'admin' });
          mocks.actor = invitee;
          return () => acceptInvitationAction({ token: invitation.token });
        },
      },
      {
        name: 'acceptInvitationAsNewUserAction (after the account, session and membership were inserted)',
        prepare: async () => {
          const { organization } = await createOrganizationWithOwner();
          const invitation = await addInvitation(organization.id, { email: 'brand-new@example.com' });
          return async () => {
            const result = await acceptInvitationAsNewUserAction({
              token: invitation.token,
              name: 'Brand New',
            });
            if (!result.ok)
              expect(mocks.cookieSet, 'no session cookie for a failed accept').not.toHaveBeenCalled();
            return result;
          };
        },
      },
      {
        name: 'declineInvitationAction',
        prepare: async () => {
          const { organization } = await createOrganizationWithOwner();
          const invitation = await addInvitation(organization.id);
          return () => declineInvitationAction({ token: invitation.token });
        },
      },
      {
        name: 'createOrganizationAction',
        prepare: async () => {
          mocks.actor = await createUser();
          return () => createOrganizationAction({ name: 'Brand new org' });
        },
      },
      {
        name: 'renameOrganizationAction',
        prepare: async () => {
          const { organization, owner } = await createOrganizationWithOwner();
          mocks.actor = owner;
          return () => renameOrganizationAction({ organizationId: organization.id, name: 'Renamed' });
        },
      },
      {
        name: 'setMemberNotificationsAction',
        prepare: async () => {
          const { organization, owner } = await createOrganizationWithOwner();
          mocks.actor = owner;
          return () => setMemberNotificationsAction({ organizationId: organization.id, enabled: false });
        },
      },
      {
        name: 'transferOwnershipAction',
        prepare: async () => {
          const { organization, owner } = await createOrganizationWithOwner();
          const heir = await addMember(organization.id, 'admin');
          mocks.actor = owner;
          return () => transferOwnershipAction({ organizationId: organization.id, toUserId: heir.userId });
        },
      },
      {
        name: 'deleteOrganizationAction (in the cascade, after the memberships were deleted)',
        prepare: async () => {
          const { organization, owner } = await createOrganizationWithOwner('Doomed');
          await addMember(organization.id, 'member');
          mocks.actor = owner;
          return () => deleteOrganizationAction({ organizationId: organization.id, confirmName: 'Doomed' });
        },
      },
    ];

    it.each(cases)('$name', async ({ name, prepare }) => {
      vi.stubEnv('EMAIL_TRANSPORT', 'mailbox');
      const call = await prepare();
      const before = await everything();
      const { result, terminated } = await dropConnectionMidTransaction(call);

      // The person is told that nothing was changed, and the data below shows it is so.
      expect(result, `terminated backend ${terminated}`).toEqual({
        ok: false,
        error: { code: 'INTERNAL', message: expect.stringContaining('Nothing was changed') },
      });
      expect(console.error).toHaveBeenCalledWith('[action] unexpected error', expect.anything());
      expect(await everything(), 'nothing half-written').toEqual(before);

      // The pool replaced the dead connection: the same call now goes through.
      mocks.cookieSet.mockClear();
      const retry = await call();
      expect(retry).toMatchObject({ ok: true });
      figures.push([`connection dropped: ${name.split(' ')[0]}`, 'INTERNAL, nothing written, retry ok']);
    });

    it('the driver survives a transaction whose backend is terminated: no uncaught error, no hang, its one connection serves the next queries (scripts/patch-postgres.mjs)', async () => {
      for (const dir of ['src', 'cjs/src']) {
        const source = fs.readFileSync(path.join('node_modules', 'postgres', dir, 'connection.js'), 'utf8');
        expect(
          source,
          `postgres/${dir}/connection.js is repaired (npm ci runs the postinstall script)`,
        ).toContain('aihub-patch:execute');
      }
      const { default: postgres } = await import('postgres');
      // One connection, so that a connection left broken would show at once.
      const pool = postgres(testDb.url!, { max: 1, onnotice: () => {} });
      const killer = postgres(testDb.url!, { max: 1, onnotice: () => {} });
      const uncaught: unknown[] = [];
      const onUncaught = (error: unknown) => uncaught.push(error);
      process.on('uncaughtException', onUncaught);
      const settle = (promise: Promise<unknown>) =>
        Promise.race([
          promise.then(
            () => 'ok',
            (error: { code?: string }) => error.code ?? 'error',
          ),
          new Promise<string>((resolve) => setTimeout(() => resolve('hung'), 3_000)),
        ]);
      const outcomes: string[] = [];
      try {
        for (let round = 0; round < 3; round++) {
          outcomes.push(
            await settle(
              pool.begin(async (tx) => {
                const [{ pid }] = await tx<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
                const sleeping = tx`SELECT pg_sleep(0.3)`.execute();
                await killer`SELECT pg_terminate_backend(${pid})`;
                await sleeping;
              }),
            ),
          );
          outcomes.push(await settle(pool`SELECT 1`.execute()), await settle(pool`SELECT 1`.execute()));
        }
      } finally {
        process.off('uncaughtException', onUncaught);
        await pool.end({ timeout: 1 });
        await killer.end({ timeout: 1 });
      }
      expect(uncaught).toEqual([]);
      expect(outcomes).toEqual([
        'CONNECTION_CLOSED',
        'ok',
        'ok',
        'CONNECTION_CLOSED',
        'ok',
        'ok',
        'CONNECTION_CLOSED',
        'ok',
        'ok',
      ]);
      figures.push([
        'driver: 3 transactions terminated on a one-connection pool',
        'rejected, no crash, no hang, next ok',
      ]);
    });

    it('a transaction whose connection drops while it holds the organization lock releases it: the next change goes through at once', async () => {
      const { organization, owner } = await createOrganizationWithOwner();
      const member = await addMember(organization.id, 'member');
      mocks.actor = owner;
      await dropConnectionMidTransaction(() =>
        changeRolesAction({ organizationId: organization.id, ids: [member.membershipId], role: 'admin' }),
      );
      const started = Date.now();
      expect(
        await changeRolesAction({
          organizationId: organization.id,
          ids: [member.membershipId],
          role: 'admin',
        }),
      ).toMatchObject({ ok: true });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect((await membershipOf(organization.id, member.userId)).role).toBe('admin');
      figures.push([
        'connection dropped while holding the organization lock',
        'lock released, next change at once',
      ]);
    });
  },
);

// ---------------------------------------------------------------------------------------------------
// A second process opening the embedded database

function runNode(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: process.cwd(), timeout: 60_000, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (error as { code?: number | string }).code : 0;
        resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
      },
    );
  });
}

describe('a second process opens the embedded database folder', () => {
  let dir: string;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aihub-fault-')), 'pglite');
    handle = await openPglite(dir);
    await handle.db.execute(sql`INSERT INTO organizations (name, slug) VALUES ('Kept', 'kept')`);
  });
  afterAll(async () => {
    await handle?.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('`npm run db:seed` on the folder stops with a message naming the folder and the way out, and writes nothing', async () => {
    const seed = await runNode(['--import', 'tsx', path.join('scripts', 'seed.ts')], {
      PGLITE_DIR: dir,
      DATABASE_URL: '',
    });
    expect(seed.code).toBe(1);
    expect(seed.stderr).toContain(
      `The embedded database in ${dir} is already open in another process (pid ${process.pid})`,
    );
    expect(seed.stderr).toContain('DATABASE_URL');
    const found = await rawRows<{ slug: string }>(
      handle.db,
      sql`SELECT slug FROM organizations ORDER BY slug`,
    );
    expect(found.map((r) => r.slug)).toEqual(['kept']);
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    figures.push(['second process opens the embedded database', 'refused with a message, data intact']);
  });

  it('`npm run db:migrate` on the folder is refused the same way', async () => {
    const migrate = await runNode(['--import', 'tsx', path.join('db', 'migrate.ts')], {
      PGLITE_DIR: dir,
      DATABASE_URL: '',
    });
    expect(migrate.code).not.toBe(0);
    expect(migrate.stderr).toContain('is already open in another process');
    expect(migrate.stdout).not.toContain('Migrations applied');
    const found = await rawRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM organizations`);
    expect(found[0].n).toBe(1);
  });
});
