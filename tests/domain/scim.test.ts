// Provisioning over SCIM (lib/scim, docs/rules.md rule 13), on PGlite and PostgreSQL: tokens (shown
// once, hashed, at most two, every refused state), and the directory acting as an Admin through the
// console's own rules: creating, finding, suspending, reactivating, replacing and removing members, never
// an Owner, never past the seats, each change audited as "Directory (<token name>)".
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, invitations, memberships, scimTokens, users } from '@/db/schema';
import { eventActor } from '@/lib/shared/activity-sentences';
import { directoryActor, type Actor, type DirectoryActor } from '@/lib/shared/actor';
import { advanceClock } from '@/lib/clock';
import { changeRoles, detachFromDirectory, removeMembers, setMemberStatus } from '@/lib/members';
import { setSeatLimit } from '@/lib/organizations';
import { createScimToken, deleteScimToken, setProvisioning } from '@/lib/scim/tokens';
import { authenticateScimToken } from '@/lib/scim/authenticate';
import { createScimUser, deleteScimUser, updateScimUser } from '@/lib/scim/users';
import { patchScimUser } from '@/lib/scim/patch';
import { withUserNameUnique } from '@/lib/scim/user-name';
import { getScimUser, listScimUsers } from '@/lib/scim/read';
import { readScimUser, type ScimUserInput } from '@/lib/scim/input';
import { DomainError } from '@/lib/shared/errors';
import { scimErrorOf } from '@/lib/scim/errors';
import { toScimUser } from '@/lib/scim/protocol';
import { hashToken } from '@/lib/auth/secret-token';
import { useTestDatabase } from '../support/db';
import {
  addInvitation,
  addMember,
  createOrganizationWithOwner,
  createUser,
  membershipOf,
} from '../support/factories';
import { expectDomainError } from '../support/state';
import { english } from '../support/english';

useTestDatabase();

const BASE = 'http://localhost:3000/api/scim/v2';

/** An organization with provisioning on and one token; the directory as an actor. */
async function provisioned(name = 'Acme') {
  const { organization, owner } = await createOrganizationWithOwner(name);
  await setProvisioning(owner, { organizationId: organization.id, enabled: true });
  const { token, view } = await createScimToken(owner, { organizationId: organization.id, name: 'Okta' });
  const directory = await authenticateScimToken(`Bearer ${token}`);
  if ('refused' in directory) throw new Error(`token refused: ${directory.refused}`);
  return { organization, owner, token, tokenId: view.id, directory, actor: directoryActor(directory) };
}

/**
 * Creates a User as the directory may (docs/rules.md rule 13): the organization has invited the address,
 * so the directory may add that person.
 */
async function provision(actor: DirectoryActor, organizationId: string, input: ScimUserInput) {
  await addInvitation(organizationId, { email: input.email });
  return createScimUser(actor, organizationId, input);
}

function userBody(email: string, extra: Record<string, unknown> = {}) {
  return readScimUser({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: email,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ value: email, type: 'work', primary: true }],
    active: true,
    ...extra,
  });
}

async function expectScimError(promise: Promise<unknown>, status: number, scimType?: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  // The domain refuses with a DomainError; the HTTP layer answers it as lib/scim/errors.ts says.
  expect(error, `expected a ${status}`).toBeInstanceOf(DomainError);
  const answer = scimErrorOf(error as DomainError);
  expect(answer.status).toBe(status);
  if (scimType) expect(answer.scimType).toBe(scimType);
  return answer;
}

describe('provisioning tokens', () => {
  it('a new token is shown once in full and kept only as its hash', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const first = await createScimToken(owner, { organizationId: organization.id, name: 'Okta' });
    expect(first.token).toMatch(/^aihub_scim_[A-Za-z0-9_-]{43}$/);
    const db = await getDb();
    const stored = await db.select().from(scimTokens).where(eq(scimTokens.organizationId, organization.id));
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).toBe(hashToken(first.token));
    expect(JSON.stringify(stored)).not.toContain(first.token.slice(11));
  });

  it('a request without a token, with a malformed one or an unknown one is refused as missing, malformed, unknown', async () => {
    expect(await authenticateScimToken(null)).toEqual({ refused: 'missing' });
    expect(await authenticateScimToken('Bearer abc')).toEqual({ refused: 'malformed' });
    expect(await authenticateScimToken(`Bearer aihub_scim_${'x'.repeat(43)}`)).toEqual({
      refused: 'unknown',
    });
  });

  it('a token is refused as disabled while provisioning is off, and acts for its organization once it is on', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const { token } = await createScimToken(owner, { organizationId: organization.id, name: 'Okta' });
    expect(await authenticateScimToken(`Bearer ${token}`)).toEqual({ refused: 'disabled' });
    await setProvisioning(owner, { organizationId: organization.id, enabled: true });
    expect(await authenticateScimToken(`Bearer ${token}`)).toMatchObject({
      organizationId: organization.id,
      tokenName: 'Okta',
    });
  });

  it('an organization holds at most two tokens: a third is SCIM_TOKEN_LIMIT', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    await createScimToken(owner, { organizationId: organization.id, name: 'Okta' });
    await createScimToken(owner, { organizationId: organization.id, name: 'Entra' });
    await expectDomainError(
      createScimToken(owner, { organizationId: organization.id, name: 'Third' }),
      'SCIM_TOKEN_LIMIT',
    );
  });

  it('a deleted token is refused as unknown', async () => {
    const { organization, owner, token, tokenId } = await provisioned();
    await deleteScimToken(owner, { organizationId: organization.id, tokenId });
    expect(await authenticateScimToken(`Bearer ${token}`)).toEqual({ refused: 'unknown' });
  });

  it('a token is refused as expired a year after it was made', async () => {
    const { token } = await provisioned();
    advanceClock(366 * 24 * 3_600_000);
    expect(await authenticateScimToken(`Bearer ${token}`)).toEqual({ refused: 'expired' });
  });

  it('a Member may not make a token: FORBIDDEN', async () => {
    const { organization } = await createOrganizationWithOwner('Acme');
    const member = await addMember(organization.id, 'member');
    await expectDomainError(
      createScimToken(member, { organizationId: organization.id, name: 'x' }),
      'FORBIDDEN',
    );
  });

  it('a Member may not turn provisioning on: FORBIDDEN', async () => {
    const { organization } = await createOrganizationWithOwner('Acme');
    const member = await addMember(organization.id, 'member');
    await expectDomainError(
      setProvisioning(member, { organizationId: organization.id, enabled: true }),
      'FORBIDDEN',
    );
  });

  it('an Admin may make a token', async () => {
    const { organization } = await createOrganizationWithOwner('Acme');
    const admin = await addMember(organization.id, 'admin');
    const made = await createScimToken(admin, { organizationId: organization.id, name: 'Okta' });
    expect(made.view).toMatchObject({ name: 'Okta' });
  });
});

describe('the directory creates and finds members', () => {
  it('creates an invited address as a new account: an active Member, managed by the directory', async () => {
    const { organization, actor } = await provisioned();
    const created = await provision(actor, organization.id, userBody('Ada@Example.com'));
    expect(created).toMatchObject({
      email: 'ada@example.com',
      userName: 'Ada@Example.com',
      role: 'member',
      active: true,
      directoryManaged: true,
    });
    expect(toScimUser(created, BASE).userName, 'the userName is returned as sent').toBe('Ada@Example.com');
  });

  it.each([
    'userName eq "ADA@example.com"',
    'externalId eq "okta-1"',
    'emails.value eq "ada@example.com"',
    'emails[value eq "ada@example.com"]',
    'userName eq "ada@example.com" and active eq true',
  ])('finds the member with the filter %s', async (filter) => {
    const { organization, actor } = await provisioned();
    const created = await provision(
      actor,
      organization.id,
      userBody('ada@example.com', { externalId: 'okta-1' }),
    );
    const { total, members } = await listScimUsers(organization.id, { filter, startIndex: 1, count: 10 });
    expect([total, members.map((member) => member.id)]).toEqual([1, [created.id]]);
  });

  it('matches externalId exactly: another case finds nobody', async () => {
    const { organization, actor } = await provisioned();
    await provision(actor, organization.id, userBody('ada@example.com', { externalId: 'okta-1' }));
    const found = await listScimUsers(organization.id, {
      filter: 'externalId eq "OKTA-1"',
      startIndex: 1,
      count: 10,
    });
    expect(found.total).toBe(0);
  });

  it('answers a member as a SCIM User resource with its name, emails and location', async () => {
    const { organization, actor } = await provisioned();
    const created = await provision(
      actor,
      organization.id,
      userBody('ada@example.com', { externalId: 'okta-1' }),
    );
    expect(toScimUser(created, BASE)).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: created.id,
      externalId: 'okta-1',
      userName: 'ada@example.com',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      active: true,
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      meta: { resourceType: 'User', location: `${BASE}/Users/${created.id}` },
    });
  });

  it('refuses a second User with the same userName: 409 uniqueness', async () => {
    const { organization, actor } = await provisioned();
    await provision(actor, organization.id, userBody('ada@example.com'));
    await expectScimError(
      createScimUser(actor, organization.id, userBody('ada@example.com')),
      409,
      'uniqueness',
    );
  });

  it('refuses a userName another member has in another case, for another address: 409, on create and on replace', async () => {
    const { organization, actor } = await provisioned();
    await provision(actor, organization.id, userBody('Ada.Lovelace@example.com'));
    const grace = userBody('ADA.LOVELACE@EXAMPLE.COM', {
      emails: [{ value: 'grace@example.com', primary: true }],
    });
    await expectScimError(provision(actor, organization.id, grace), 409, 'uniqueness');
    // Grace's invitation is still open: the refused creation changed nothing.
    const other = await createScimUser(actor, organization.id, userBody('grace@example.com'));
    await expectScimError(
      updateScimUser(actor, organization.id, other.id, { ...grace, userName: 'ada.lovelace@EXAMPLE.com' }),
      409,
      'uniqueness',
    );
    const renamed = await updateScimUser(actor, organization.id, other.id, {
      ...userBody('grace@example.com'),
      userName: 'Grace@Example.com',
    });
    expect(renamed.userName, 'her own userName in another case is hers to keep').toBe('Grace@Example.com');
  });

  it('a write past the check that breaks the lower(userName) index is answered 409 uniqueness, not 500', async () => {
    const { organization, actor } = await provisioned();
    await provision(actor, organization.id, userBody('Ada@Example.com'));
    const grace = await provision(actor, organization.id, userBody('grace@example.com'));
    const db = await getDb();
    await expectScimError(
      withUserNameUnique(
        () => 'ADA@EXAMPLE.COM',
        () =>
          db.update(memberships).set({ scimUserName: 'ADA@EXAMPLE.COM' }).where(eq(memberships.id, grace.id)),
      ),
      409,
      'uniqueness',
    );
    expect((await getScimUser(organization.id, grace.id)).userName).toBe('grace@example.com');
  });

  it.each(['password eq "x"', 'userName eq', 'userName eq "a" or', 'userName zz "a"'])(
    'refuses the filter %s: 400 invalidFilter',
    async (filter) => {
      const { organization } = await provisioned();
      await expectScimError(
        listScimUsers(organization.id, { filter, startIndex: 1, count: 10 }),
        400,
        'invalidFilter',
      );
    },
  );

  it("another organization's directory neither reads nor deletes the member: 404", async () => {
    const { organization, actor } = await provisioned();
    const created = await provision(actor, organization.id, userBody('ada@example.com'));
    const other = await provisioned('Other');
    await expectScimError(getScimUser(other.organization.id, created.id), 404);
    await expectScimError(deleteScimUser(other.actor, other.organization.id, created.id), 404);
    expect((await getScimUser(organization.id, created.id)).id).toBe(created.id);
  });

  it('an existing account is attached, not duplicated; the directory names the membership, the account keeps its own name', async () => {
    const { organization, actor } = await provisioned();
    const existing: Actor = await createUser({ email: 'grace@example.com', name: 'Grace Hopper' });
    const created = await provision(actor, organization.id, userBody('grace@example.com'));
    const db = await getDb();
    const [row] = await db.select().from(memberships).where(eq(memberships.id, created.id));
    expect(row.userId).toBe(existing.userId);
    expect(created.name).toBe('Ada Lovelace');
    const [account] = await db.select({ name: users.name }).from(users).where(eq(users.id, existing.userId));
    expect(account.name).toBe('Grace Hopper');
  });

  it('creating an invited address closes that invitation as accepted', async () => {
    const { organization, owner, actor } = await provisioned();
    const invited = await addInvitation(organization.id, {
      email: 'ada@example.com',
      invitedById: owner.userId,
    });
    await createScimUser(actor, organization.id, userBody('ada@example.com'));
    const db = await getDb();
    const [invitation] = await db.select().from(invitations).where(eq(invitations.id, invited.id));
    expect(invitation.status).toBe('accepted');
  });
});

describe('the directory changes members', () => {
  it('Okta: PATCH active false suspends the member, active true reactivates them', async () => {
    const { organization, actor } = await provisioned();
    const created = await provision(actor, organization.id, userBody('ada@example.com'));
    const off = await patchScimUser(actor, organization.id, created.id, [
      { op: 'replace', value: { active: false } },
    ]);
    expect(off.active).toBe(false);
    const on = await patchScimUser(actor, organization.id, created.id, [
      { op: 'replace', path: 'active', value: true },
    ]);
    expect(on.active).toBe(true);
  });

  it('Entra: "Replace" with "False" and "True" as strings suspends and reactivates the same way', async () => {
    const { organization, actor } = await provisioned();
    const created = await provision(actor, organization.id, userBody('ada@example.com'));
    const off = await patchScimUser(actor, organization.id, created.id, [
      { op: 'Replace', path: 'active', value: 'False' },
    ]);
    expect(off.active).toBe(false);
    const on = await patchScimUser(actor, organization.id, created.id, [
      { op: 'Replace', path: 'active', value: 'True' },
    ]);
    expect(on.active).toBe(true);
  });

  it('one PATCH changes status, name, role and externalId together', async () => {
    const { organization, actor } = await provisioned();
    const created = await provision(actor, organization.id, userBody('ada@example.com', { active: false }));
    const named = await patchScimUser(actor, organization.id, created.id, [
      { op: 'Replace', path: 'active', value: 'True' },
      { op: 'replace', path: 'name.familyName', value: 'King' },
      { op: 'add', path: 'roles', value: [{ value: 'admin', primary: true }] },
      { op: 'replace', path: 'externalId', value: 'entra-9' },
    ]);
    expect(named).toMatchObject({ active: true, name: 'Ada King', role: 'admin', externalId: 'entra-9' });
  });

  it('each change is audited with the directory as its actor, "Directory (<token name>)"', async () => {
    const { organization, actor } = await provisioned();
    const created = await provision(actor, organization.id, userBody('ada@example.com'));
    await patchScimUser(actor, organization.id, created.id, [
      { op: 'replace', path: 'active', value: false },
    ]);
    await patchScimUser(actor, organization.id, created.id, [{ op: 'replace', path: 'active', value: true }]);
    await patchScimUser(actor, organization.id, created.id, [
      { op: 'add', path: 'roles', value: [{ value: 'admin', primary: true }] },
    ]);
    const db = await getDb();
    const events = await db
      .select({
        action: auditEvents.action,
        details: auditEvents.details,
        actorEmail: auditEvents.actorEmail,
      })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, organization.id), eq(auditEvents.targetId, created.id)));
    expect(events.map((event) => event.action).sort()).toEqual([
      'member.provisioned',
      'member.reactivated',
      'member.role_changed',
      'member.suspended',
    ]);
    for (const event of events)
      expect(eventActor({ ...event, actorName: null, targetEmail: null }, english)?.label, event.action).toBe(
        'Directory (Okta)',
      );
  });

  it('PUT replaces role, status and name in one call', async () => {
    const { organization, actor } = await provisioned();
    const created = await provision(actor, organization.id, userBody('ada@example.com'));
    const replaced = await updateScimUser(
      actor,
      organization.id,
      created.id,
      userBody('ada@example.com', {
        active: false,
        roles: [{ value: 'admin', primary: true }],
        displayName: 'Ada L.',
      }),
    );
    expect(replaced).toMatchObject({ active: false, role: 'admin', name: 'Ada L.' });
  });

  it('PUT may not change the address: 400 mutability, the member unchanged', async () => {
    const { organization, actor } = await provisioned();
    const created = await provision(actor, organization.id, userBody('ada@example.com'));
    await expectScimError(
      updateScimUser(actor, organization.id, created.id, userBody('other@example.com')),
      400,
      'mutability',
    );
    expect((await getScimUser(organization.id, created.id)).email).toBe('ada@example.com');
  });

  it('DELETE removes the membership but keeps the account', async () => {
    const { organization, actor } = await provisioned();
    const created = await provision(actor, organization.id, userBody('ada@example.com'));
    await deleteScimUser(actor, organization.id, created.id);
    await expectScimError(getScimUser(organization.id, created.id), 404);
    const db = await getDb();
    expect(await db.select().from(memberships).where(eq(memberships.id, created.id))).toEqual([]);
    const accounts = await db.select({ id: users.id }).from(users).where(eq(users.email, 'ada@example.com'));
    expect(accounts).toHaveLength(1);
  });
});

describe("the directory within the console's rules", () => {
  it('never suspends or deletes an Owner: 403', async () => {
    const { organization, owner, actor } = await provisioned();
    const ownerId = (await membershipOf(organization.id, owner.userId)).id;
    await expectScimError(
      patchScimUser(actor, organization.id, ownerId, [{ op: 'replace', path: 'active', value: false }]),
      403,
    );
    await expectScimError(deleteScimUser(actor, organization.id, ownerId), 403);
    expect(await membershipOf(organization.id, owner.userId)).toMatchObject({
      status: 'active',
      role: 'owner',
    });
  });

  it('never creates an Owner: 403', async () => {
    const { organization, actor } = await provisioned();
    await expectScimError(
      createScimUser(actor, organization.id, userBody('boss@example.com', { roles: ['owner'] })),
      403,
    );
  });

  it('a suspended member takes no seat, and is not reactivated past the seat limit: 403 naming the seats', async () => {
    const { organization, owner, actor } = await provisioned();
    await setSeatLimit(owner, { organizationId: organization.id, seatLimit: 2 });
    // An open invitation holds its seat: the member the directory makes of it takes that seat over.
    await provision(actor, organization.id, userBody('one@example.com'));
    const suspended = await provision(
      actor,
      organization.id,
      userBody('three@example.com', { active: false }),
    );
    expect(suspended.active, 'a suspended member takes no seat').toBe(false);
    const noSeat = await expectScimError(
      patchScimUser(actor, organization.id, suspended.id, [{ op: 'replace', path: 'active', value: true }]),
      403,
    );
    expect(noSeat.detail).toContain('would use 3 of 2 seats');
  });

  it('the console may not change, suspend or remove a directory member: DIRECTORY_MANAGED', async () => {
    const { organization, owner, actor } = await provisioned();
    const created = await provision(actor, organization.id, userBody('grace@example.com'));
    const admin = await addMember(organization.id, 'admin');
    const selection = { organizationId: organization.id, ids: [created.id] };
    await expectDomainError(changeRoles(owner, { ...selection, role: 'admin' }), 'DIRECTORY_MANAGED');
    await expectDomainError(
      setMemberStatus(admin, { ...selection, status: 'suspended' }),
      'DIRECTORY_MANAGED',
    );
    await expectDomainError(removeMembers(admin, selection), 'DIRECTORY_MANAGED');
  });

  it('only an Owner may detach a member from the directory (an Admin gets OWNER_REQUIRED); then the console may change them', async () => {
    const { organization, owner, actor } = await provisioned();
    const created = await provision(actor, organization.id, userBody('grace@example.com'));
    const admin = await addMember(organization.id, 'admin');
    await expectDomainError(
      detachFromDirectory(admin, { organizationId: organization.id, membershipId: created.id }),
      'OWNER_REQUIRED',
    );
    await detachFromDirectory(owner, { organizationId: organization.id, membershipId: created.id });
    const selection = { organizationId: organization.id, ids: [created.id] };
    expect((await changeRoles(owner, { ...selection, role: 'admin' })).changed).toBe(1);
  });
});
