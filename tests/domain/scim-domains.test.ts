// What a verified domain unlocks for the directory (DESIGN §10, docs/rules.md rule 13), on PGlite and
// PostgreSQL: it creates people and takes over existing accounts at the organization's verified domains;
// any other address only when the organization has invited it; never past the seats.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, memberships, organizationDomains, users } from '@/db/schema';
import { setSeatLimit } from '@/lib/organizations';
import { scimErrorOf } from '@/lib/scim/errors';
import { readScimUser } from '@/lib/scim/input';
import { createScimToken, setProvisioning } from '@/lib/scim/tokens';
import { authenticateScimToken } from '@/lib/scim/authenticate';
import { createScimUser } from '@/lib/scim/users';
import { DomainError } from '@/lib/shared/errors';
import { useTestDatabase } from '../support/db';
import { insertDomain } from '../support/domains';
import { addInvitation, addMember, createOrganizationWithOwner, createUser } from '../support/factories';

useTestDatabase({ workJobs: false });

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

async function provisioned(name: string) {
  const { organization, owner } = await createOrganizationWithOwner(name);
  await setProvisioning(owner, { organizationId: organization.id, enabled: true });
  const { token } = await createScimToken(owner, { organizationId: organization.id, name: 'Okta' });
  const actor = await authenticateScimToken(`Bearer ${token}`);
  if ('refused' in actor) throw new Error(`token refused: ${actor.refused}`);
  return { organization, owner, actor };
}

function create(
  directory: Awaited<ReturnType<typeof provisioned>>,
  email: string,
  extra: Record<string, unknown> = {},
) {
  const body = { schemas: [USER], userName: email, emails: [{ value: email, primary: true }], ...extra };
  return createScimUser(directory.actor, directory.organization.id, readScimUser(body));
}

async function refusal(promise: Promise<unknown>) {
  const caught = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(caught, 'expected a refusal').toBeInstanceOf(DomainError);
  return { code: (caught as DomainError).code, scim: scimErrorOf(caught as DomainError) };
}

async function membershipsOf(organizationId: string) {
  const db = await getDb();
  return db
    .select({
      email: users.email,
      directoryManaged: memberships.directoryManaged,
      status: memberships.status,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId));
}

describe('the directory at verified domains', () => {
  it("takes over an existing account at a verified domain: a directory-managed membership, the account's own name untouched, audited", async () => {
    const directory = await provisioned('Acme');
    await insertDomain(directory.organization.id, 'acme.example');
    const grace = await createUser({ email: 'grace@acme.example', name: 'Grace Hopper' });
    const created = await create(directory, 'grace@acme.example', { displayName: 'G. Hopper' });
    expect(created).toMatchObject({ email: 'grace@acme.example', directoryManaged: true, name: 'G. Hopper' });
    const db = await getDb();
    const [account] = await db.select().from(users).where(eq(users.id, grace.userId));
    expect(account.name).toBe('Grace Hopper');
    const [event] = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organizationId, directory.organization.id),
          eq(auditEvents.action, 'member.provisioned'),
        ),
      );
    expect(event.details).toMatchObject({ closedInvitations: 0, role: 'member' });
  });

  it('creates a new account at a verified domain without an invitation; a failing domain still counts', async () => {
    const directory = await provisioned('Acme');
    await insertDomain(directory.organization.id, 'acme.example');
    await insertDomain(directory.organization.id, 'acme-labs.example', { status: 'failing' });
    await create(directory, 'new@acme.example');
    await create(directory, 'lab@acme-labs.example');
    const emails = (await membershipsOf(directory.organization.id)).map((row) => row.email);
    expect(emails).toEqual(expect.arrayContaining(['new@acme.example', 'lab@acme-labs.example']));
  });

  it('refuses an existing account outside the verified domains with no invitation: 403 naming the rule and the domains, nothing written', async () => {
    const home = await createOrganizationWithOwner('Corp');
    const victim = await createUser({ email: 'victim@corp.example', name: 'Victor Victim' });
    await addMember(home.organization.id, 'member', victim);
    const directory = await provisioned('Acme');
    await insertDomain(directory.organization.id, 'acme.example');
    const { code, scim } = await refusal(create(directory, 'victim@corp.example'));
    expect(code).toBe('NOT_INVITED');
    expect(scim.status).toBe(403);
    expect(scim.detail).toContain('verified domains (acme.example)');
    expect(scim.detail).toContain('victim@corp.example is neither');
    expect(scim.detail).not.toContain('Victor');
    expect((await membershipsOf(directory.organization.id)).map((row) => row.email)).not.toContain(
      'victim@corp.example',
    );
  });

  it("counts only its own verified domains, at the address's exact domain: not a pending or removed one, not another organization's, not a subdomain", async () => {
    const corp = await provisioned('Corp');
    await insertDomain(corp.organization.id, 'corp.example');
    const directory = await provisioned('Acme');
    await insertDomain(directory.organization.id, 'pending.example', { status: 'pending' });
    await insertDomain(directory.organization.id, 'gone.example', { status: 'removed' });
    await insertDomain(directory.organization.id, 'acme.example');
    for (const email of ['a@pending.example', 'b@gone.example', 'c@corp.example', 'd@eng.acme.example']) {
      const { code } = await refusal(create(directory, email));
      expect(code, email).toBe('NOT_INVITED');
    }
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.email, 'c@corp.example'))).toEqual([]);
  });

  it('an address outside the verified domains is still created from an open invitation, which it closes', async () => {
    const directory = await provisioned('Acme');
    await insertDomain(directory.organization.id, 'acme.example');
    await addInvitation(directory.organization.id, { email: 'contractor@elsewhere.example' });
    await expect(create(directory, 'contractor@elsewhere.example')).resolves.toMatchObject({ active: true });
  });

  it('stops at the seats without an invitation: an active person past the limit is refused, a suspended one takes no seat', async () => {
    const directory = await provisioned('Acme');
    await insertDomain(directory.organization.id, 'acme.example');
    await setSeatLimit(directory.owner, { organizationId: directory.organization.id, seatLimit: 2 });
    await create(directory, 'one@acme.example');
    const { code, scim } = await refusal(create(directory, 'two@acme.example'));
    expect(code).toBe('SEAT_LIMIT');
    expect(scim.status).toBe(403);
    await expect(create(directory, 'two@acme.example', { active: false })).resolves.toMatchObject({
      active: false,
    });
  });

  it('removing the domain stops the take-over but keeps the members it brought', async () => {
    const directory = await provisioned('Acme');
    const domain = await insertDomain(directory.organization.id, 'acme.example');
    await create(directory, 'kept@acme.example');
    const db = await getDb();
    await db.delete(organizationDomains).where(eq(organizationDomains.id, domain.id));
    const { code } = await refusal(create(directory, 'later@acme.example'));
    expect(code).toBe('NOT_INVITED');
    expect((await membershipsOf(directory.organization.id)).map((row) => row.email)).toContain(
      'kept@acme.example',
    );
  });
});
