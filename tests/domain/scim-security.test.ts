// The directory surface as a stranger attacks it (SECURITY.md, issue 12), on PGlite and PostgreSQL:
// bodies that climb to Object.prototype, a directory that reaches for accounts it does not own, tokens
// that outlive their maker, names with control characters, PATCHes that race, and the emails the
// directory causes. Each test failed on the code before its fix.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { emailMessages, memberships, users } from '@/db/schema';
import { directoryActor, type DirectoryActor } from '@/lib/shared/actor';
import { advanceClock } from '@/lib/clock';
import { emailFor } from '@/lib/email/render-queued';
import { changeRoles, detachFromDirectory, removeMembers } from '@/lib/members';
import { policyActorOf } from '@/lib/shared/policy';
import { parseScimBody } from '@/lib/scim/body';
import { readScimUser } from '@/lib/scim/input';
import { patchScimUser } from '@/lib/scim/patch';
import { DomainError } from '@/lib/shared/errors';
import { scimErrorOf } from '@/lib/scim/errors';
import type { ScimError } from '@/lib/scim/protocol';
import { getScimUser, listScimUsers } from '@/lib/scim/read';
import { createScimToken, provisioningOf, setProvisioning } from '@/lib/scim/tokens';
import { authenticateScimToken } from '@/lib/scim/authenticate';
import { createScimUser } from '@/lib/scim/users';
import { usingPostgres, useTestDatabase } from '../support/db';
import { routeScimRequest } from '../support/scim-routes';
import { addInvitation, addMember, createOrganizationWithOwner, createUser } from '../support/factories';

// The worker is not run: the emails the directory causes stay queued, where the tests read them.
const testDb = useTestDatabase({ workJobs: false });

const BASE = 'http://localhost:3000/api/scim/v2';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

async function provisioned(name = 'Acme') {
  const { organization, owner } = await createOrganizationWithOwner(name);
  await setProvisioning(owner, { organizationId: organization.id, enabled: true });
  const { token, view } = await createScimToken(owner, { organizationId: organization.id, name: 'Okta' });
  const directory = await authenticateScimToken(`Bearer ${token}`);
  if ('refused' in directory) throw new Error(`token refused: ${directory.refused}`);
  return { organization, owner, token, tokenId: view.id, actor: directory };
}

function body(email: string, extra: Record<string, unknown> = {}) {
  return { schemas: [USER], userName: email, emails: [{ value: email, primary: true }], ...extra };
}

async function provision(actor: DirectoryActor, organizationId: string, email: string, extra = {}) {
  await addInvitation(organizationId, { email });
  return createScimUser(actor, organizationId, readScimUser(body(email, extra)));
}

async function refusal(promise: Promise<unknown>): Promise<ScimError> {
  const caught = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  // The domain refuses with a DomainError; the HTTP layer answers it as lib/scim/errors.ts says.
  expect(caught, 'expected a refusal').toBeInstanceOf(DomainError);
  return scimErrorOf(caught as DomainError);
}

function prototypeIsClean() {
  const probe = {} as Record<string, unknown>;
  return ['externalId', 'roles', 'active', 'directory', 'kind'].every((key) => probe[key] === undefined);
}

/** Defines `values` on Object.prototype for the length of `body` (as a polluting request would). */
async function withPollutedPrototype(values: Record<string, unknown>, body: () => Promise<void> | void) {
  for (const [key, value] of Object.entries(values))
    Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true });
  try {
    await body();
  } finally {
    for (const key of Object.keys(values)) delete (Object.prototype as Record<string, unknown>)[key];
  }
}

describe('finding 2: nothing in a SCIM body reaches Object.prototype', () => {
  it('a PATCH whose path or value key climbs to __proto__ or constructor.prototype is refused 400 before it is applied, even on an id it may not touch', async () => {
    const { organization, owner, actor } = await provisioned();
    const member = await provision(actor, organization.id, 'ada@example.com');
    const [ownerRow] = await (
      await getDb()
    )
      .select({ id: memberships.id })
      .from(memberships)
      .where(eq(memberships.userId, owner.userId));
    const hostile = [
      [{ op: 'add', path: '__proto__.externalId', value: 'polluted' }],
      [{ op: 'add', value: { '__proto__.roles': [{ value: 'admin' }] } }],
      [{ op: 'replace', path: 'constructor.prototype.active', value: false }],
      [{ op: 'add', path: 'name.__PROTO__.givenName', value: 'x' }],
      JSON.parse('[{"op":"add","value":{"__proto__":{"directory":true}}}]') as unknown[],
    ];
    for (const id of [member.id, ownerRow.id, '00000000-0000-4000-8000-000000000000'])
      for (const operations of hostile) {
        const error = await refusal(patchScimUser(actor, organization.id, id, operations));
        expect([error.status, error.scimType], JSON.stringify(operations)).toEqual([400, 'invalidPath']);
        expect(prototypeIsClean(), JSON.stringify(operations)).toBe(true);
      }
  });

  it('a body that names a prototype anywhere, at any depth, is refused 400 (parseScimBody)', () => {
    for (const text of [
      '{"userName":"a@example.com","__proto__":{"roles":[{"value":"admin"}]}}',
      '{"userName":"a@example.com","name":{"constructor":{"prototype":{"x":1}}}}',
      '{"Operations":[{"op":"add","path":"emails[type eq \\"work\\"].__proto__","value":1}]}',
    ]) {
      expect(() => parseScimBody(text), text).toThrow(DomainError);
    }
    expect(parseScimBody('{"userName":"proto@example.com","displayName":"__proto__"}')).toMatchObject({
      displayName: '__proto__',
    });
  });

  it("a User is read by its own properties: an inherited roles, active or externalId is not the resource's", async () => {
    await withPollutedPrototype(
      { roles: [{ value: 'admin', primary: true }], active: false, externalId: 'inherited' },
      () => {
        expect(readScimUser({ userName: 'new@example.com' })).toMatchObject({
          role: 'member',
          active: true,
          externalId: null,
        });
      },
    );
  });

  it('a person is never the directory, whatever Object.prototype holds: an Owner still detaches a directory member', async () => {
    const { organization, owner, actor } = await provisioned();
    const managed = await provision(actor, organization.id, 'ada@example.com');
    await withPollutedPrototype({ directory: true, kind: 'directory' }, async () => {
      expect(policyActorOf(owner, 'owner').directory).toBe(false);
      await expect(
        detachFromDirectory(owner, { organizationId: organization.id, membershipId: managed.id }),
      ).resolves.toEqual({ detached: 1 });
    });
  });
});

describe("finding 3: the directory adds only the organization's own people", () => {
  it("a stranger's directory cannot pull in someone's account: 403 naming the rule, no membership, the account untouched, nothing about it revealed", async () => {
    const home = await createOrganizationWithOwner('Corp');
    const victim = await createUser({ email: 'victim@corp.example', name: 'Victor Victim' });
    await addMember(home.organization.id, 'member', victim);
    const stranger = await provisioned('Stranger');
    for (const email of ['victim@corp.example', 'nobody-yet@corp.example']) {
      const error = await refusal(
        createScimUser(
          stranger.actor,
          stranger.organization.id,
          readScimUser(body(email, { displayName: 'Chosen By Stranger' })),
        ),
      );
      expect(error.status).toBe(403);
      expect(error.detail).toContain('is neither');
      expect(error.detail).not.toContain('Victor');
    }
    const db = await getDb();
    const strangers = await db
      .select()
      .from(memberships)
      .where(eq(memberships.organizationId, stranger.organization.id));
    expect(strangers.map((row) => row.userId)).toEqual([stranger.owner.userId]);
    const [account] = await db.select().from(users).where(eq(users.email, 'victim@corp.example'));
    expect(account.name).toBe('Victor Victim');
    expect(await db.select().from(users).where(eq(users.email, 'nobody-yet@corp.example'))).toEqual([]);
  });

  it('an address the organization invited is created; a new account gets no name from the directory, only the membership does', async () => {
    const { organization, actor } = await provisioned();
    const created = await provision(actor, organization.id, 'new@example.com', { displayName: 'Ada L.' });
    expect(created.name).toBe('Ada L.');
    const db = await getDb();
    const [account] = await db.select().from(users).where(eq(users.email, 'new@example.com'));
    expect(account.name).toBeNull();
  });

  it("a member the organization has is found and managed, but no answer shows the account's own name", async () => {
    const { organization, actor } = await provisioned();
    const grace = await createUser({ email: 'grace@example.com', name: 'Grace Hopper' });
    const member = await addMember(organization.id, 'member', grace);
    const found = await listScimUsers(organization.id, {
      filter: 'userName eq "grace@example.com"',
      startIndex: 1,
      count: 10,
    });
    expect(found.members.map((m) => [m.id, m.name])).toEqual([[member.membershipId, null]]);
    const patched = await patchScimUser(actor, organization.id, member.membershipId, [
      { op: 'replace', path: 'externalId', value: 'okta-7' },
    ]);
    expect(patched).toMatchObject({ externalId: 'okta-7', name: null, directoryManaged: true });
  });
});

describe('finding 3: the emails the directory causes are limited', () => {
  async function queuedRoleEmails(organizationId: string, recipient: string) {
    const db = await getDb();
    return db
      .select({ payload: emailMessages.payload, status: emailMessages.status })
      .from(emailMessages)
      .where(
        and(
          eq(emailMessages.organizationId, organizationId),
          eq(emailMessages.recipient, recipient),
          eq(emailMessages.kind, 'role_changed'),
        ),
      );
  }

  const flip = (actor: DirectoryActor, organizationId: string, id: string, role: string) =>
    patchScimUser(actor, organizationId, id, [{ op: 'replace', path: 'roles', value: [{ value: role }] }]);

  it('role flips email a person at most once an hour, telling the role they hold now; a flip back to where it started tells nothing', async () => {
    const { organization, actor } = await provisioned();
    const ada = await provision(actor, organization.id, 'ada@example.com');
    for (const role of ['admin', 'member', 'admin', 'member', 'admin'])
      await flip(actor, organization.id, ada.id, role);
    expect(await queuedRoleEmails(organization.id, 'ada@example.com')).toEqual([
      {
        status: 'queued',
        payload: expect.objectContaining({ fromRole: 'member', toRole: 'admin', byDirectory: true }),
      },
    ]);
    await flip(actor, organization.id, ada.id, 'member');
    expect(await queuedRoleEmails(organization.id, 'ada@example.com'), 'back where it started').toEqual([]);

    const db = await getDb();
    await flip(actor, organization.id, ada.id, 'admin');
    await db
      .update(emailMessages)
      .set({ status: 'sent' })
      .where(eq(emailMessages.recipient, 'ada@example.com'));
    await flip(actor, organization.id, ada.id, 'member');
    expect(await queuedRoleEmails(organization.id, 'ada@example.com'), 'one sent this hour').toHaveLength(1);
    advanceClock(61 * 60_000);
    await flip(actor, organization.id, ada.id, 'admin');
    expect(await queuedRoleEmails(organization.id, 'ada@example.com'), 'a new hour').toHaveLength(2);
  });

  it("the directory's emails count against the address's daily cap; the changes themselves still happen", async () => {
    vi.stubEnv('INVITATIONS_PER_ADDRESS_PER_DAY', '2');
    const { organization, actor } = await provisioned();
    const ada = await provision(actor, organization.id, 'ada@example.com');
    for (const role of ['admin', 'member', 'admin']) {
      await flip(actor, organization.id, ada.id, role);
      advanceClock(61 * 60_000);
    }
    expect((await getScimUser(organization.id, ada.id)).role).toBe('admin');
    expect(await queuedRoleEmails(organization.id, 'ada@example.com')).toHaveLength(2);
  });

  it("a console change is emailed as before, and a person's notices are not the directory's to limit", async () => {
    const { organization, owner } = await provisioned();
    const bob = await addMember(organization.id, 'member');
    for (const role of ['admin', 'member'] as const)
      await changeRoles(owner, { organizationId: organization.id, ids: [bob.membershipId], role });
    expect(await queuedRoleEmails(organization.id, bob.email)).toHaveLength(2);
  });
});

describe('finding 9: emails caused by the directory name it properly', () => {
  it('a role change and a removal by the directory read "Your organization\'s identity provider (Okta)", never an empty address', async () => {
    const { organization, actor } = await provisioned();
    const ada = await provision(actor, organization.id, 'ada@example.com');
    await flip(actor, organization.id, ada.id, 'admin');
    await removeMembers(actor, { organizationId: organization.id, ids: [ada.id] });
    const db = await getDb();
    const messages = await db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.recipient, 'ada@example.com'));
    expect(messages.map((m) => m.kind).sort()).toEqual(['removed', 'role_changed']);
    for (const message of messages) {
      const email = await emailFor(message, new Map());
      if (typeof email === 'string') throw new Error(email);
      expect(email.text, message.kind).toContain("Your organization's identity provider (Okta)");
      expect(email.text, message.kind).not.toMatch(/\(\s*\)/);
      expect(email.text, message.kind).toContain('your IT team or an Owner of Acme');
    }
  });

  function flip(actor: DirectoryActor, organizationId: string, id: string, role: string) {
    return patchScimUser(actor, organizationId, id, [
      { op: 'replace', path: 'roles', value: [{ value: role }] },
    ]);
  }
});

describe('finding 4: a token acts only while its maker is an active Owner or Admin', () => {
  it('stops working when its maker is removed, suspended or made a Member; the page marks it, and replacing it gives a working one', async () => {
    for (const fate of ['removed', 'suspended', 'member'] as const) {
      const { organization, owner } = await createOrganizationWithOwner(`Fate ${fate}`);
      const admin = await addMember(organization.id, 'admin');
      await setProvisioning(owner, { organizationId: organization.id, enabled: true });
      const made = await createScimToken(admin, { organizationId: organization.id, name: 'Okta' });
      expect(await authenticateScimToken(`Bearer ${made.token}`)).toMatchObject({ kind: 'directory' });
      const selection = { organizationId: organization.id, ids: [admin.membershipId] };
      const db = await getDb();
      if (fate === 'removed') await removeMembers(owner, selection);
      if (fate === 'suspended')
        await db
          .update(memberships)
          .set({ status: 'suspended' })
          .where(eq(memberships.id, admin.membershipId));
      if (fate === 'member') await changeRoles(owner, { ...selection, role: 'member' });
      expect(await authenticateScimToken(`Bearer ${made.token}`), fate).toEqual({ refused: 'maker_left' });
      const page = await provisioningOf(owner, organization.id);
      expect(
        page.tokens.map((t) => [t.name, t.createdBy, t.makerLeft]),
        fate,
      ).toEqual([['Okta', admin.email, true]]);
      const replaced = await createScimToken(owner, {
        organizationId: organization.id,
        name: 'Okta',
        replaces: made.view.id,
      });
      expect(await authenticateScimToken(`Bearer ${replaced.token}`), fate).toMatchObject({
        kind: 'directory',
      });
      expect(await authenticateScimToken(`Bearer ${made.token}`), fate).toEqual({ refused: 'unknown' });
    }
  });

  it('a removed Admin cannot re-add themselves through their token: the request is 401', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const admin = await addMember(organization.id, 'admin');
    await setProvisioning(owner, { organizationId: organization.id, enabled: true });
    const made = await createScimToken(admin, { organizationId: organization.id, name: 'Mine' });
    await addInvitation(organization.id, { email: admin.email });
    await removeMembers(owner, { organizationId: organization.id, ids: [admin.membershipId] });
    const response = await routeScimRequest(
      new Request(`${BASE}/Users`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${made.token}`, 'Content-Type': 'application/scim+json' },
        body: JSON.stringify(body(admin.email, { roles: [{ value: 'admin' }] })),
      }),
    );
    expect(response.status).toBe(401);
    expect(((await response.json()) as { detail: string }).detail).toContain('no longer an Owner or Admin');
    const db = await getDb();
    const again = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.organizationId, organization.id), eq(memberships.userId, admin.userId)));
    expect(again).toEqual([]);
  });

  it('a request that passed the token check before its maker was demoted changes nothing: the standing is read again under the lock', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const admin = await addMember(organization.id, 'admin');
    await setProvisioning(owner, { organizationId: organization.id, enabled: true });
    const made = await createScimToken(admin, { organizationId: organization.id, name: 'Mine' });
    const actor = directoryActor({
      organizationId: organization.id,
      tokenId: made.view.id,
      tokenName: 'Mine',
    });
    await addInvitation(organization.id, { email: 'late@example.com' });
    await changeRoles(owner, { organizationId: organization.id, ids: [admin.membershipId], role: 'member' });
    await refusal(createScimUser(actor, organization.id, readScimUser(body('late@example.com'))));
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.email, 'late@example.com'))).toEqual([]);
  });
});

describe('finding 7: names from the directory obey the console’s name rules', () => {
  it('control and invisible characters are refused with invalidValue (400), never a 500; a name is kept as sent, folded only for the console', async () => {
    const { organization, token } = await provisioned();
    await addInvitation(organization.id, { email: 'ada@example.com' });
    const post = (payload: unknown) =>
      routeScimRequest(
        new Request(`${BASE}/Users`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
          body: JSON.stringify(payload),
        }),
      );
    for (const hostile of [
      body('ada@example.com', { displayName: 'a\u0000b' }),
      body('ada@example.com', { displayName: 'Acme\u202Egnp.exe' }),
      body('ada@example.com', { name: { givenName: 'Ad\u200Ba' } }),
      body('ada@example.com', { externalId: 'okta\n1' }),
      body('ada@example.com', { displayName: 'Ada \n\t Lovelace' }),
      body('ada@example.com', { title: 'Chief\u0007Engineer' }),
      body('ada@example.com', { phoneNumbers: [{ value: '+1\u200B555' }] }),
      { schemas: [USER], userName: 'ada\u0001@example.com', emails: [{ value: 'ada@example.com' }] },
    ]) {
      const response = await post(hostile);
      expect(response.status, JSON.stringify(hostile)).toBe(400);
      expect(await response.json(), JSON.stringify(hostile)).toMatchObject({ scimType: 'invalidValue' });
    }
    const created = await post(body('ada@example.com', { displayName: 'Ada   Lovelace ' }));
    expect(created.status).toBe(201);
    const user = await created.json();
    expect(user).toMatchObject({ displayName: 'Ada   Lovelace ' });
    const [member] = await (
      await getDb()
    )
      .select({ name: memberships.directoryName })
      .from(memberships)
      .where(eq(memberships.id, user.id));
    expect(member.name, "the console's display is folded").toBe('Ada Lovelace');
  });
});

describe.skipIf(!usingPostgres)(
  'finding 8: a PATCH reads, patches and writes in one transaction (PostgreSQL)',
  () => {
    it('two PATCHes of different attributes at once both hold', async () => {
      const { organization, actor } = await provisioned();
      const ada = await provision(actor, organization.id, 'ada@example.com');
      const { default: postgres } = await import('postgres');
      const holder = postgres(testDb.url!, { max: 2, onnotice: () => {} });
      try {
        let both: Promise<unknown> | undefined;
        // Both PATCHes start while the organization is locked, so each reads the member as it was before
        // the other one: read outside the transaction, the second write would put back what the first changed.
        await holder.begin(async (tx) => {
          await tx`SELECT id FROM organizations WHERE id = ${organization.id} FOR UPDATE`;
          both = Promise.all([
            patchScimUser(actor, organization.id, ada.id, [
              { op: 'replace', path: 'externalId', value: 'okta-1' },
            ]),
            patchScimUser(actor, organization.id, ada.id, [
              { op: 'replace', path: 'displayName', value: 'Ada L.' },
            ]),
          ]);
          for (let i = 0; i < 200; i++) {
            const [waiting] =
              await holder`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
            if (waiting.n >= 2) break;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        });
        await both;
      } finally {
        await holder.end({ timeout: 5 });
      }
      expect(await getScimUser(organization.id, ada.id)).toMatchObject({
        externalId: 'okta-1',
        name: 'Ada L.',
      });
    });
  },
);
