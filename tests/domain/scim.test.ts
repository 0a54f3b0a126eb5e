// Provisioning over SCIM (lib/scim, docs/rules.md rule 13), on PGlite and PostgreSQL: tokens (shown
// once, hashed, at most two, every refused state), and the directory acting as an Admin through the
// console's own rules: creating, finding, suspending, reactivating, replacing and removing members, never
// an Owner, never past the seats, each change audited as "Directory (<token name>)".
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, invitations, memberships, scimTokens, users } from '@/db/schema';
import { eventActor } from '@/lib/shared/activity-sentences';
import { directoryActor, person, type Actor, type DirectoryActor } from '@/lib/shared/actor';
import { advanceClock } from '@/lib/clock';
import { changeRoles, detachFromDirectory, removeMembers, setMemberStatus } from '@/lib/members';
import { setSeatLimit } from '@/lib/organizations';
import { createScimToken, deleteScimToken, setProvisioning } from '@/lib/scim/tokens';
import { authenticateScimToken } from '@/lib/scim/authenticate';
import { createScimUser, deleteScimUser, updateScimUser } from '@/lib/scim/users';
import { patchScimUser } from '@/lib/scim/patch';
import { getScimUser, listScimUsers } from '@/lib/scim/read';
import { readScimUser, type ScimUserInput } from '@/lib/scim/input';
import { DomainError } from '@/lib/shared/errors';
import { scimErrorOf } from '@/lib/scim/errors';
import { toScimUser } from '@/lib/scim/protocol';
import { hashToken } from '@/lib/auth/secret-token';
import { useTestDatabase } from '../support/db';
import { addInvitation, addMember, createOrganizationWithOwner, createUser } from '../support/factories';
import { expectDomainError } from '../support/state';

useTestDatabase();

const BASE = 'http://localhost:3000/api/scim/v2';

/** The Owner of `organizationId` as an actor. */
async function ownerOf(organizationId: string): Promise<Actor | null> {
  const db = await getDb();
  const [row] = await db
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, 'owner')));
  return row ? person(row) : null;
}

/** An organization with provisioning on and one token; the directory as an actor. */
async function provisioned(name = 'Acme') {
  const { organization, owner } = await createOrganizationWithOwner(name);
  await setProvisioning(owner, { organizationId: organization.id, enabled: true });
  const { token } = await createScimToken(owner, { organizationId: organization.id, name: 'Okta' });
  const directory = await authenticateScimToken(`Bearer ${token}`);
  if ('refused' in directory) throw new Error(`token refused: ${directory.refused}`);
  return { organization, owner, token, directory, actor: directoryActor(directory) };
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
  it('is shown once and kept as a hash; at most two; every refused state is told apart', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const first = await createScimToken(owner, { organizationId: organization.id, name: 'Okta' });
    expect(first.token).toMatch(/^aihub_scim_[A-Za-z0-9_-]{43}$/);
    const db = await getDb();
    const stored = await db.select().from(scimTokens).where(eq(scimTokens.organizationId, organization.id));
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).toBe(hashToken(first.token));
    expect(JSON.stringify(stored)).not.toContain(first.token.slice(11));

    expect(await authenticateScimToken(null)).toEqual({ refused: 'missing' });
    expect(await authenticateScimToken('Bearer abc')).toEqual({ refused: 'malformed' });
    expect(await authenticateScimToken(`Bearer aihub_scim_${'x'.repeat(43)}`)).toEqual({
      refused: 'unknown',
    });
    expect(await authenticateScimToken(`Bearer ${first.token}`), 'provisioning is off').toEqual({
      refused: 'disabled',
    });
    await setProvisioning(owner, { organizationId: organization.id, enabled: true });
    expect(await authenticateScimToken(`Bearer ${first.token}`)).toMatchObject({
      organizationId: organization.id,
      tokenName: 'Okta',
    });

    await createScimToken(owner, { organizationId: organization.id, name: 'Entra' });
    await expectDomainError(
      createScimToken(owner, { organizationId: organization.id, name: 'Third' }),
      'SCIM_TOKEN_LIMIT',
    );
    await deleteScimToken(owner, { organizationId: organization.id, tokenId: first.view.id });
    expect(await authenticateScimToken(`Bearer ${first.token}`)).toEqual({ refused: 'unknown' });

    const later = await createScimToken(owner, { organizationId: organization.id, name: 'Later' });
    advanceClock(366 * 24 * 3_600_000);
    expect(await authenticateScimToken(`Bearer ${later.token}`)).toEqual({ refused: 'expired' });
  });

  it('is for Owners and Admins only', async () => {
    const { organization } = await createOrganizationWithOwner('Acme');
    const member = await addMember(organization.id, 'member');
    await expectDomainError(
      createScimToken(member, { organizationId: organization.id, name: 'x' }),
      'FORBIDDEN',
    );
    await expectDomainError(
      setProvisioning(member, { organizationId: organization.id, enabled: true }),
      'FORBIDDEN',
    );
  });
});

describe('the directory as an Admin', () => {
  it('creates a member (a new account), finds it by userName in any case, by externalId and by email', async () => {
    const { organization, actor, directory } = await provisioned();
    const created = await provision(
      actor,
      organization.id,
      userBody('Ada@Example.com', { externalId: 'okta-1' }),
    );
    expect(created).toMatchObject({
      email: 'ada@example.com',
      role: 'member',
      active: true,
      directoryManaged: true,
    });
    for (const filter of [
      'userName eq "ADA@example.com"',
      'externalId eq "okta-1"',
      'emails.value eq "ada@example.com"',
      'emails[value eq "ada@example.com"]',
      'userName eq "ada@example.com" and active eq true',
    ]) {
      const { total, members } = await listScimUsers(directory.organizationId, {
        filter,
        startIndex: 1,
        count: 10,
      });
      expect([total, members.map((member) => member.id)], filter).toEqual([1, [created.id]]);
    }
    expect(
      (await listScimUsers(organization.id, { filter: 'externalId eq "OKTA-1"', startIndex: 1, count: 10 }))
        .total,
    ).toBe(0);
    const user = toScimUser(created, BASE);
    expect(user).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: created.id,
      externalId: 'okta-1',
      userName: 'ada@example.com',
      name: { formatted: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace' },
      active: true,
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      meta: { resourceType: 'User', location: `${BASE}/Users/${created.id}` },
    });
  });

  it('refuses duplicates (409 uniqueness), bad filters (400 invalidFilter) and another organization’s ids (404)', async () => {
    const { organization, actor } = await provisioned();
    const created = await provision(actor, organization.id, userBody('ada@example.com'));
    await expectScimError(
      createScimUser(actor, organization.id, userBody('ada@example.com')),
      409,
      'uniqueness',
    );
    for (const filter of [
      'userName co "ada"',
      'title eq "x"',
      'userName eq',
      'userName eq "a" or userName eq "b"',
    ])
      await expectScimError(
        listScimUsers(organization.id, { filter, startIndex: 1, count: 10 }),
        400,
        'invalidFilter',
      );
    const other = await provisioned('Other');
    await expectScimError(getScimUser(other.organization.id, created.id), 404);
    await expectScimError(deleteScimUser(other.actor, other.organization.id, created.id), 404);
  });

  it('Okta: PATCH active false suspends, true reactivates; Entra: "Replace" and "False" as strings do the same', async () => {
    const { organization, actor } = await provisioned();
    const created = await provision(actor, organization.id, userBody('ada@example.com'));
    const okta = await patchScimUser(actor, organization.id, created.id, [
      { op: 'replace', value: { active: false } },
    ]);
    expect(okta.active).toBe(false);
    const back = await patchScimUser(actor, organization.id, created.id, [
      { op: 'replace', path: 'active', value: true },
    ]);
    expect(back.active).toBe(true);
    const entra = await patchScimUser(actor, organization.id, created.id, [
      { op: 'Replace', path: 'active', value: 'False' },
    ]);
    expect(entra.active).toBe(false);
    const named = await patchScimUser(actor, organization.id, created.id, [
      { op: 'Replace', path: 'active', value: 'True' },
      { op: 'replace', path: 'name.familyName', value: 'King' },
      { op: 'add', path: 'roles', value: [{ value: 'admin', primary: true }] },
      { op: 'replace', path: 'externalId', value: 'entra-9' },
    ]);
    expect(named).toMatchObject({ active: true, name: 'Ada King', role: 'admin', externalId: 'entra-9' });
    const db = await getDb();
    const events = await db
      .select({
        action: auditEvents.action,
        details: auditEvents.details,
        actorEmail: auditEvents.actorEmail,
      })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, organization.id), eq(auditEvents.targetId, created.id)));
    expect(events.map((event) => event.action)).toEqual(
      expect.arrayContaining([
        'member.provisioned',
        'member.suspended',
        'member.reactivated',
        'member.role_changed',
      ]),
    );
    for (const event of events)
      expect(eventActor({ ...event, action: event.action, actorName: null, targetEmail: null })?.label).toBe(
        'Directory (Okta)',
      );
  });

  it('PUT replaces role, status and attributes in one transaction, but not the address (400 mutability)', async () => {
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
    await expectScimError(
      updateScimUser(actor, organization.id, created.id, userBody('other@example.com')),
      400,
      'mutability',
    );
  });

  it('never touches an Owner, never removes the last active one, and stays within the seats', async () => {
    const { organization, owner, actor } = await provisioned();
    const ownerRow = await getDb().then((db) =>
      db
        .select()
        .from(memberships)
        .where(and(eq(memberships.organizationId, organization.id), eq(memberships.userId, owner.userId))),
    );
    const ownerId = ownerRow[0].id;
    await expectScimError(
      patchScimUser(actor, organization.id, ownerId, [{ op: 'replace', path: 'active', value: false }]),
      403,
    );
    await expectScimError(deleteScimUser(actor, organization.id, ownerId), 403);
    await expectScimError(
      createScimUser(actor, organization.id, userBody('boss@example.com', { roles: ['owner'] })),
      403,
    );

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

  it('DELETE removes the membership, not the account; an invitation to an address it creates is closed', async () => {
    const { organization, owner, actor } = await provisioned();
    const invited = await addInvitation(organization.id, {
      email: 'ada@example.com',
      invitedById: owner.userId,
    });
    const created = await createScimUser(actor, organization.id, userBody('ada@example.com'));
    const db = await getDb();
    const [invitation] = await db.select().from(invitations).where(eq(invitations.id, invited.id));
    expect(invitation.status).toBe('accepted');
    await deleteScimUser(actor, organization.id, created.id);
    await expectScimError(getScimUser(organization.id, created.id), 404);
    const account = await createUser({ email: 'someone-else@example.com' });
    expect(account.userId).toBeTruthy();
  });

  it('an existing account is attached, not duplicated; the console may not change a directory member, an Owner may detach', async () => {
    const { organization, actor } = await provisioned();
    const owner = (await ownerOf(organization.id))!;
    const existing: Actor = await createUser({ email: 'grace@example.com', name: 'Grace Hopper' });
    const created = await provision(actor, organization.id, userBody('grace@example.com'));
    const db = await getDb();
    const [row] = await db.select().from(memberships).where(eq(memberships.id, created.id));
    expect(row.userId).toBe(existing.userId);
    // The directory's name for her stays on the membership; her account keeps her own.
    expect(created.name).toBe('Ada Lovelace');
    const [account] = await db.select({ name: users.name }).from(users).where(eq(users.id, existing.userId));
    expect(account.name).toBe('Grace Hopper');

    const admin = await addMember(organization.id, 'admin');
    const selection = { organizationId: organization.id, ids: [created.id] };
    await expectDomainError(changeRoles(owner, { ...selection, role: 'admin' }), 'DIRECTORY_MANAGED');
    await expectDomainError(
      setMemberStatus(admin, { ...selection, status: 'suspended' }),
      'DIRECTORY_MANAGED',
    );
    await expectDomainError(removeMembers(admin, selection), 'DIRECTORY_MANAGED');
    await expectDomainError(
      detachFromDirectory(admin, { organizationId: organization.id, membershipId: created.id }),
      'OWNER_REQUIRED',
    );
    await detachFromDirectory(owner, { organizationId: organization.id, membershipId: created.id });
    expect((await changeRoles(owner, { ...selection, role: 'admin' })).changed).toBe(1);
  });
});
