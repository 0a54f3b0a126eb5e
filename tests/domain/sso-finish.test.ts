// The one path every SSO answer ends in (lib/sso/finish.ts, lib/sso/admit.ts), on PGlite and PostgreSQL:
// a member signs in with an `sso` session and the SSO marker; a newcomer joins just in time with the
// connection's default role within seats; each refusal (outside the verified domains, suspended, JIT off,
// no seat, no address, connection off, a protocol's refusal) changes nothing but Activity; a Test
// connection's answer is kept on the connection; requests are taken once; assertion ids are kept.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, memberships, sessions, users } from '@/db/schema';
import type { SsoRequest } from '@/db/schema';
import { advanceClock, resetClock } from '@/lib/clock';
import { finishSso } from '@/lib/sso/finish';
import {
  issueSsoRequest,
  rememberAssertion,
  SSO_REQUEST_LIFETIME_MS,
  takeSsoRequest,
} from '@/lib/sso/requests';
import type { SsoIdentity } from '@/lib/sso/types';
import { useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner, createUser, membershipOf } from '../support/factories';
import {
  connectionRow,
  insertConnection,
  takenRequest,
  TEST_BROWSER,
  verifiedDomainRow,
} from '../support/sso';
import { setSeatLimit } from '@/lib/organizations';
import { setMemberStatus } from '@/lib/members';

useTestDatabase();

function identity(email: string | null, name: string | null = 'Pat Person'): SsoIdentity {
  return { email, name, subject: email ?? 'someone', attributes: { email: email ? [email] : [] } };
}

async function setUp(overrides: Parameters<typeof insertConnection>[1] = {}) {
  const { organization, owner } = await createOrganizationWithOwner('Acme');
  const domain = await verifiedDomainRow(organization.id);
  const connection = await insertConnection(organization.id, overrides);
  return { organization, owner, domain, connection };
}

async function events(organizationId: string, action: (typeof auditEvents.$inferSelect)['action']) {
  const db = await getDb();
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.action, action)));
}

async function sessionsOf(userId: string) {
  const db = await getDb();
  return db.select().from(sessions).where(eq(sessions.userId, userId));
}

async function accept(
  connectionId: string,
  who: SsoIdentity,
  request?: SsoRequest | null,
  browser: string | null = TEST_BROWSER,
) {
  const connection = await connectionRow(connectionId);
  return finishSso(
    connection,
    {
      ok: true,
      identity: who,
      request:
        request === undefined
          ? await takenRequest(connectionId, { callbackPath: '/admin/acme/users' })
          : request,
    },
    browser,
  );
}

describe('signing in through SSO', () => {
  it('signs a member in: an sso session, the SSO marker, sso.signed_in in Activity, back to where they started', async () => {
    const { organization, domain, connection } = await setUp();
    const pat = await createUser({ email: `pat@${domain}` });
    await addMember(organization.id, 'member', pat);
    const finish = await accept(connection.id, identity(pat.email));
    expect(finish.redirectTo).toBe('/admin/acme/users');
    expect(finish.session?.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [session] = await sessionsOf(pat.userId);
    expect(session).toMatchObject({ sessionToken: finish.session!.sessionToken, method: 'sso' });
    expect((await membershipOf(organization.id, pat.userId))?.ssoSignedInAt).toBeInstanceOf(Date);
    const [signedIn] = await events(organization.id, 'sso.signed_in');
    expect(signedIn).toMatchObject({
      actorEmail: pat.email,
      targetEmail: pat.email,
      details: { connection: 'Okta' },
    });
  });

  it('joins a newcomer at a verified domain just in time, with the default role, creating the account with the provider’s name', async () => {
    const { organization, domain, connection } = await setUp({ defaultRole: 'admin' });
    const email = `new.person@${domain}`;
    const finish = await accept(connection.id, identity(email.toUpperCase(), 'New Person'));
    expect(finish.session).toBeDefined();
    const db = await getDb();
    const [account] = await db.select().from(users).where(eq(users.email, email));
    expect(account).toMatchObject({ name: 'New Person' });
    expect(await membershipOf(organization.id, account.id)).toMatchObject({
      role: 'admin',
      status: 'active',
    });
    expect(await events(organization.id, 'sso.joined')).toHaveLength(1);
  });

  it('refuses an answer that comes back to another browser than the one that started it (login CSRF), or with no SSO cookie', async () => {
    const { organization, domain, connection } = await setUp();
    const pat = await createUser({ email: `pat@${domain}` });
    await addMember(organization.id, 'member', pat);
    for (const browser of ['someone-elses-browser-cookie', null]) {
      const finish = await accept(connection.id, identity(pat.email), undefined, browser);
      expect(finish).toEqual({
        redirectTo: `/login/sso-error?reason=other_browser&connection=${connection.id}`,
      });
    }
    expect(await sessionsOf(pat.userId)).toEqual([]);
    expect((await events(organization.id, 'sso.refused')).map((event) => event.details.reason)).toEqual([
      'other_browser',
      'other_browser',
    ]);
  });

  it('refuses, changing nothing but Activity: outside the verified domains, suspended, JIT off, no seat, no address, the connection off', async () => {
    const cases: [
      string,
      () => Promise<{ connectionId: string; who: SsoIdentity; organizationId: string }>,
    ][] = [
      [
        'outside_domains',
        async () => {
          const { organization, connection } = await setUp();
          return {
            connectionId: connection.id,
            who: identity('pat@elsewhere.test'),
            organizationId: organization.id,
          };
        },
      ],
      [
        'suspended',
        async () => {
          const { organization, owner, domain, connection } = await setUp();
          const pat = await createUser({ email: `pat@${domain}` });
          const membership = await addMember(organization.id, 'member', pat);
          await setMemberStatus(owner, {
            organizationId: organization.id,
            ids: [membership.membershipId],
            status: 'suspended',
          });
          return { connectionId: connection.id, who: identity(pat.email), organizationId: organization.id };
        },
      ],
      [
        'jit_off',
        async () => {
          const { organization, domain, connection } = await setUp({ justInTime: false });
          return {
            connectionId: connection.id,
            who: identity(`pat@${domain}`),
            organizationId: organization.id,
          };
        },
      ],
      [
        'no_seat',
        async () => {
          const { organization, owner, domain, connection } = await setUp();
          await setSeatLimit(owner, { organizationId: organization.id, seatLimit: 1 });
          return {
            connectionId: connection.id,
            who: identity(`pat@${domain}`),
            organizationId: organization.id,
          };
        },
      ],
      [
        'no_email',
        async () => {
          const { organization, connection } = await setUp();
          return { connectionId: connection.id, who: identity(null), organizationId: organization.id };
        },
      ],
      [
        'disabled',
        async () => {
          const { organization, domain, connection } = await setUp({ enabled: false });
          return {
            connectionId: connection.id,
            who: identity(`pat@${domain}`),
            organizationId: organization.id,
          };
        },
      ],
    ];
    for (const [reason, make] of cases) {
      const { connectionId, who, organizationId } = await make();
      const db = await getDb();
      const before = await db
        .select({ id: memberships.id })
        .from(memberships)
        .where(eq(memberships.organizationId, organizationId));
      const finish = await accept(connectionId, who);
      expect(finish.session, reason).toBeUndefined();
      expect(finish.redirectTo, reason).toBe(`/login/sso-error?reason=${reason}&connection=${connectionId}`);
      const after = await db
        .select({ id: memberships.id })
        .from(memberships)
        .where(eq(memberships.organizationId, organizationId));
      expect(after, `${reason}: no membership made`).toEqual(before);
      const [refused] = await events(organizationId, 'sso.refused');
      expect(refused?.details, reason).toMatchObject({ reason, connection: 'Okta' });
      expect(
        await db.select().from(sessions).where(eq(sessions.method, 'sso')),
        `${reason}: no session`,
      ).toEqual([]);
    }
  });

  it('records a protocol’s refusal in Activity with its reason, and caps how many per hour a stranger can write', async () => {
    const { organization, connection } = await setUp();
    for (let n = 0; n < 62; n++) {
      const finish = await finishSso(
        connection,
        {
          ok: false,
          refusal: 'bad_signature',
          detail: 'invalid signature',
          claimedRequestId: null,
        },
        TEST_BROWSER,
      );
      expect(finish.redirectTo).toBe(`/login/sso-error?reason=bad_signature&connection=${connection.id}`);
    }
    expect(await events(organization.id, 'sso.refused')).toHaveLength(60);
  });
});

describe('Test connection', () => {
  it('keeps a passing test on the connection with what the provider sent, and returns the Owner to the SSO page without a session', async () => {
    const { organization, owner, domain, connection } = await setUp({ enabled: false });
    const request = await takenRequest(connection.id, {
      purpose: 'test',
      userId: owner.userId,
      callbackPath: '/admin/acme/sso',
      browser: TEST_BROWSER,
    });
    const finish = await accept(connection.id, identity(`olive@${domain}`, 'Olive'), request);
    expect(finish).toEqual({ redirectTo: '/admin/acme/sso' });
    const tested = await connectionRow(connection.id);
    expect(tested.testPassedAt).toBeInstanceOf(Date);
    expect(tested.lastTest).toMatchObject({ ok: true, email: `olive@${domain}`, name: 'Olive' });
    const [event] = await events(organization.id, 'sso.tested');
    expect(event).toMatchObject({ actorEmail: owner.email, details: { ok: true } });
  });

  it('fails a test whose address is outside the verified domains, and one the protocol refused (the Owner still sees why)', async () => {
    const { owner, connection } = await setUp();
    const outside = await takenRequest(connection.id, {
      purpose: 'test',
      userId: owner.userId,
      callbackPath: '/admin/acme/sso',
    });
    await accept(connection.id, identity('olive@elsewhere.test'), outside);
    expect((await connectionRow(connection.id)).lastTest).toMatchObject({
      ok: false,
      refusal: 'outside_domains',
    });
    expect((await connectionRow(connection.id)).testPassedAt).toBeNull();
    const db = await getDb();
    const id = await issueSsoRequest(db, {
      connectionId: connection.id,
      purpose: 'test',
      userId: owner.userId,
      callbackPath: '/admin/acme/sso',
      browser: TEST_BROWSER,
    });
    const finish = await finishSso(
      connection,
      {
        ok: false,
        refusal: 'wrong_audience',
        detail: 'audience',
        claimedRequestId: id,
      },
      TEST_BROWSER,
    );
    expect(finish).toEqual({ redirectTo: '/admin/acme/sso' });
    expect((await connectionRow(connection.id)).lastTest).toMatchObject({
      ok: false,
      refusal: 'wrong_audience',
    });
  });
});

describe('requests and assertions', () => {
  it('takes a request once, only for its own connection, and not after it lapsed', async () => {
    const { organization, connection } = await setUp();
    const other = await insertConnection(organization.id, { enabled: false, name: 'Other' });
    const db = await getDb();
    const id = await issueSsoRequest(db, {
      connectionId: connection.id,
      purpose: 'sign_in',
      browser: TEST_BROWSER,
    });
    expect(id).toMatch(/^_[0-9a-f]{40}$/);
    expect(await takeSsoRequest(db, other.id, id)).toBeNull();
    const [first, second] = await Promise.all([
      takeSsoRequest(db, connection.id, id),
      takeSsoRequest(db, connection.id, id),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    const lapsed = await issueSsoRequest(db, {
      connectionId: connection.id,
      purpose: 'sign_in',
      browser: TEST_BROWSER,
    });
    advanceClock(SSO_REQUEST_LIFETIME_MS + 1000);
    try {
      expect(await takeSsoRequest(db, connection.id, lapsed)).toBeNull();
    } finally {
      resetClock();
    }
  });

  it('accepts an assertion id once per connection', async () => {
    const { connection } = await setUp();
    const db = await getDb();
    const until = new Date(Date.now() + 60_000);
    expect(await rememberAssertion(db, connection.id, '_a1', until)).toBe(true);
    expect(await rememberAssertion(db, connection.id, '_a1', until)).toBe(false);
  });
});
