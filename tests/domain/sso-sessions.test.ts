// Suspending or removing a member who signs in by SSO (memberships.sso_signed_in_at set) ends their
// sessions at once, of every sign-in method (lib/members/sessions.ts), on PGlite and PostgreSQL: from the
// console (by id, by the table's filter, leaving) and from the directory (SCIM deactivate and delete). A
// member who never signed in by SSO keeps theirs; reactivating ends nothing; the change stays one
// statement whatever the selection's size.
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { memberships, sessions } from '@/db/schema';
import { openSession } from '@/lib/auth/session';
import { leaveOrganization, removeMembers, setMemberStatus } from '@/lib/members';
import { directoryActor } from '@/lib/shared/actor';
import { authenticateScimToken } from '@/lib/scim/authenticate';
import { readScimUser } from '@/lib/scim/input';
import { patchScimUser } from '@/lib/scim/patch';
import { createScimToken, setProvisioning } from '@/lib/scim/tokens';
import { createScimUser, deleteScimUser } from '@/lib/scim/users';
import { useTestDatabase } from '../support/db';
import { useCountingHandle } from '../support/counting';
import { addInvitation, addMember, createOrganizationWithOwner, createUser } from '../support/factories';

const testDb = useTestDatabase();
const counting = useCountingHandle(testDb);

/** Opens one emailed-link session and one SSO session for `userId`. */
async function openBoth(userId: string) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await openSession(tx, userId, 'email');
    await openSession(tx, userId, 'sso');
  });
}

async function markSso(organizationId: string, userId: string) {
  const db = await getDb();
  await db
    .update(memberships)
    .set({ ssoSignedInAt: new Date() })
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
}

async function sessionMethods(userId: string) {
  const db = await getDb();
  const rows = await db.select({ method: sessions.method }).from(sessions).where(eq(sessions.userId, userId));
  return rows.map((row) => row.method).sort();
}

/** Acme with an SSO member (signed in both ways) and a member who never used SSO (signed in by email). */
async function setUp() {
  const { organization, owner } = await createOrganizationWithOwner('Acme');
  const sso = await addMember(organization.id, 'member', await createUser({ name: 'Sam Sso' }));
  await markSso(organization.id, sso.userId);
  await openBoth(sso.userId);
  const plain = await addMember(organization.id, 'member', await createUser({ name: 'Pat Plain' }));
  await openBoth(plain.userId);
  return { organization, owner, sso, plain };
}

describe('the console ends an SSO member’s sessions', () => {
  it('suspending an SSO member ends their sessions of both methods; a suspended non-SSO member keeps theirs', async () => {
    const { organization, owner, sso, plain } = await setUp();
    await setMemberStatus(owner, {
      organizationId: organization.id,
      status: 'suspended',
      ids: [sso.membershipId, plain.membershipId],
    });
    expect(await sessionMethods(sso.userId)).toEqual([]);
    expect(await sessionMethods(plain.userId)).toEqual(['email', 'sso']);
  });

  it('reactivating an SSO member ends nothing (they sign in again through the provider)', async () => {
    const { organization, owner, sso } = await setUp();
    const db = await getDb();
    await db.update(memberships).set({ status: 'suspended' }).where(eq(memberships.id, sso.membershipId));
    await setMemberStatus(owner, {
      organizationId: organization.id,
      status: 'active',
      ids: [sso.membershipId],
    });
    expect(await sessionMethods(sso.userId)).toEqual(['email', 'sso']);
  });

  it('suspending every member the filter matches ends the SSO members’ sessions only', async () => {
    const { organization, owner, sso, plain } = await setUp();
    await setMemberStatus(owner, {
      organizationId: organization.id,
      status: 'suspended',
      matching: { filter: { search: '', role: 'member', status: 'active' }, count: 2 },
    });
    expect(await sessionMethods(sso.userId)).toEqual([]);
    expect(await sessionMethods(plain.userId)).toEqual(['email', 'sso']);
  });

  it('removing an SSO member ends their sessions; a removed non-SSO member keeps theirs; the Owner keeps theirs', async () => {
    const { organization, owner, sso, plain } = await setUp();
    await openBoth(owner.userId);
    await removeMembers(owner, {
      organizationId: organization.id,
      ids: [sso.membershipId, plain.membershipId],
    });
    expect(await sessionMethods(sso.userId)).toEqual([]);
    expect(await sessionMethods(plain.userId)).toEqual(['email', 'sso']);
    expect(await sessionMethods(owner.userId)).toEqual(['email', 'sso']);
  });

  it('an SSO member who leaves is signed out', async () => {
    const { organization, sso } = await setUp();
    await leaveOrganization(sso, { organizationId: organization.id });
    expect(await sessionMethods(sso.userId)).toEqual([]);
  });

  it('the SSO marker of another organization does not count here', async () => {
    const { organization, owner, plain } = await setUp();
    const other = await createOrganizationWithOwner('Other');
    await addMember(other.organization.id, 'member', plain);
    await markSso(other.organization.id, plain.userId);
    await setMemberStatus(owner, {
      organizationId: organization.id,
      status: 'suspended',
      ids: [plain.membershipId],
    });
    expect(await sessionMethods(plain.userId)).toEqual(['email', 'sso']);
  });
});

describe('the directory ends an SSO member’s sessions', () => {
  async function provisioned() {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    await setProvisioning(owner, { organizationId: organization.id, enabled: true });
    const { token } = await createScimToken(owner, { organizationId: organization.id, name: 'Okta' });
    const directory = await authenticateScimToken(`Bearer ${token}`);
    if ('refused' in directory) throw new Error(`token refused: ${directory.refused}`);
    const actor = directoryActor(directory);
    const person = await createUser();
    await addInvitation(organization.id, { email: person.email });
    const created = await createScimUser(
      actor,
      organization.id,
      readScimUser({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: person.email,
        emails: [{ value: person.email, primary: true }],
        active: true,
      }),
    );
    await markSso(organization.id, person.userId);
    await openBoth(person.userId);
    return { organization, actor, person, created };
  }

  it('SCIM deactivate (active: false) ends their sessions', async () => {
    const { organization, actor, person, created } = await provisioned();
    await patchScimUser(actor, organization.id, created.id, [{ op: 'replace', value: { active: false } }]);
    expect(await sessionMethods(person.userId)).toEqual([]);
  });

  it('SCIM delete ends their sessions', async () => {
    const { organization, actor, person, created } = await provisioned();
    await deleteScimUser(actor, organization.id, created.id);
    expect(await sessionMethods(person.userId)).toEqual([]);
  });
});

describe('statements', () => {
  it('suspending or removing 1 or 30 SSO members takes the same number of statements', async () => {
    async function organizationWith(count: number) {
      const { organization, owner } = await createOrganizationWithOwner(`Org ${count}`);
      const ids: string[] = [];
      const userIds: string[] = [];
      for (let n = 0; n < count; n += 1) {
        const member = await addMember(organization.id, 'member');
        await markSso(organization.id, member.userId);
        await openBoth(member.userId);
        ids.push(member.membershipId);
        userIds.push(member.userId);
      }
      return { organization, owner, ids, userIds };
    }
    const one = await organizationWith(1);
    const many = await organizationWith(30);
    const suspendOne = await counting().measure(() =>
      setMemberStatus(one.owner, { organizationId: one.organization.id, status: 'suspended', ids: one.ids }),
    );
    const suspendMany = await counting().measure(() =>
      setMemberStatus(many.owner, {
        organizationId: many.organization.id,
        status: 'suspended',
        ids: many.ids,
      }),
    );
    expect(suspendMany.statements.length).toBe(suspendOne.statements.length);
    const db = await getDb();
    const left = await db.select().from(sessions).where(inArray(sessions.userId, many.userIds));
    expect(left).toEqual([]);
    const removeOne = await counting().measure(() =>
      removeMembers(one.owner, { organizationId: one.organization.id, ids: one.ids }),
    );
    const removeMany = await counting().measure(() =>
      removeMembers(many.owner, { organizationId: many.organization.id, ids: many.ids }),
    );
    expect(removeMany.statements.length).toBe(removeOne.statements.length);
  });
});
