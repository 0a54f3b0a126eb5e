// Group → role mapping (DESIGN §12; lib/scim/groups/roles.ts), on PGlite and PostgreSQL: the highest
// mapped role wins, never Owner; leaving every mapped group returns a person to Member; each change is
// audited as the directory's, naming the group; two statements whatever the number of members; a
// detached member leaves the directory's groups; and, on PostgreSQL, two mapped groups gaining one
// person at once leave them with the higher role.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, memberships, scimGroupMembers } from '@/db/schema';
import { lockOrganizationRow } from '@/lib/access';
import { setGroupRole } from '@/lib/scim/groups/console';
import { applyGroupRoles, mappingActor, type RoleScope } from '@/lib/scim/groups/roles';
import { changeRoles, detachFromDirectory } from '@/lib/members';
import { useCountingHandle } from '../support/counting';
import { usingPostgres, useTestDatabase } from '../support/db';
import { insertGroup, joinGroup, roleOf } from '../support/groups';
import { addManyMembers, addMember, createOrganizationWithOwner } from '../support/factories';
import { SCIM, scimOrganization } from '../support/scim-client';

const testDb = useTestDatabase({ workJobs: false });
const counting = useCountingHandle(testDb);

async function apply(organizationId: string, scope: RoleScope) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await lockOrganizationRow(tx, organizationId);
    return applyGroupRoles(tx, mappingActor(organizationId), organizationId, scope);
  });
}

describe('group → role mapping', () => {
  it('gives a member of an Admin-mapped group the Admin role, marked with the group, audited as the directory’s', async () => {
    const { organization } = await createOrganizationWithOwner();
    const mary = await addMember(organization.id, 'member');
    const leads = await insertGroup(organization.id, 'Engineering Leads', 'admin');
    await joinGroup(organization.id, leads, [mary.membershipId]);
    expect(await apply(organization.id, { groupId: leads })).toBe(1);
    expect(await roleOf(mary.membershipId)).toEqual({ role: 'admin', roleGroupId: leads });
    const db = await getDb();
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.organizationId, organization.id), eq(auditEvents.action, 'member.role_changed')),
      );
    expect(event.details).toEqual({
      from: 'member',
      to: 'admin',
      group: 'Engineering Leads',
      directory: 'group mapping',
    });
    expect(event.actorId).toBeNull();
  });

  it('gives the highest of a member’s mapped roles, whichever group was applied', async () => {
    const { organization } = await createOrganizationWithOwner();
    const mary = await addMember(organization.id, 'member');
    const everyone = await insertGroup(organization.id, 'Everyone', 'member');
    const leads = await insertGroup(organization.id, 'Leads', 'admin');
    await joinGroup(organization.id, everyone, [mary.membershipId]);
    await joinGroup(organization.id, leads, [mary.membershipId]);
    await apply(organization.id, { groupId: everyone });
    expect(await roleOf(mary.membershipId)).toEqual({ role: 'admin', roleGroupId: leads });
  });

  it('returns a member who left every mapped group to Member, and leaves one never mapped as they were', async () => {
    const { organization } = await createOrganizationWithOwner();
    const mary = await addMember(organization.id, 'member');
    const ann = await addMember(organization.id, 'admin');
    const leads = await insertGroup(organization.id, 'Leads', 'admin');
    await joinGroup(organization.id, leads, [mary.membershipId]);
    await apply(organization.id, { groupId: leads });
    const db = await getDb();
    await db.delete(scimGroupMembers).where(eq(scimGroupMembers.groupId, leads));
    expect(await apply(organization.id, { membershipIds: [mary.membershipId, ann.membershipId] })).toBe(1);
    expect(await roleOf(mary.membershipId)).toEqual({ role: 'member', roleGroupId: null });
    expect(await roleOf(ann.membershipId)).toEqual({ role: 'admin', roleGroupId: null });
  });

  it('never changes an Owner, and an unmapped group gives no role', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const ownerMembership = (
      await (
        await getDb()
      )
        .select({ id: memberships.id })
        .from(memberships)
        .where(eq(memberships.userId, owner.userId))
    )[0].id;
    const mary = await addMember(organization.id, 'admin');
    const readers = await insertGroup(organization.id, 'Readers', 'member');
    const plain = await insertGroup(organization.id, 'Plain', null);
    await joinGroup(organization.id, readers, [ownerMembership]);
    await joinGroup(organization.id, plain, [mary.membershipId]);
    expect(await apply(organization.id, { groupId: readers })).toBe(0);
    expect(await apply(organization.id, { groupId: plain })).toBe(0);
    expect((await roleOf(ownerMembership)).role).toBe('owner');
    expect(await roleOf(mary.membershipId)).toEqual({ role: 'admin', roleGroupId: null });
  });

  it('applies to 1,000 members in the same number of statements as to one', async () => {
    const { organization } = await createOrganizationWithOwner();
    await addManyMembers(organization.id, 1000);
    const db = await getDb();
    const ids = (
      await db
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.organizationId, organization.id), eq(memberships.role, 'member')))
    ).map((row) => row.id);
    const one = await insertGroup(organization.id, 'One', 'admin');
    const all = await insertGroup(organization.id, 'All', 'admin');
    await joinGroup(organization.id, one, ids.slice(0, 1));
    await joinGroup(organization.id, all, ids.slice(1));
    const single = await counting().measure(() => apply(organization.id, { groupId: one }));
    const thousand = await counting().measure(() => apply(organization.id, { groupId: all }));
    expect(thousand.result).toBe(999);
    expect(single.result).toBe(1);
    expect(thousand.statements.length).toBe(single.statements.length);
  });
});

describe('detaching a member from the directory', () => {
  it('clears what the directory kept, takes them out of its groups and leaves them the role a group gave, for the console to change', async () => {
    const { organization, owner, call } = await scimOrganization(['ada@example.com']);
    const user = await call('POST', '/Users', {
      schemas: [SCIM.user, SCIM.enterprise],
      userName: 'Ada@Example.com',
      emails: [{ value: 'ada@example.com', primary: true }],
      title: 'Staff Engineer',
      [SCIM.enterprise]: { department: 'Engineering' },
    });
    expect(user.status).toBe(201);
    const group = await call('POST', '/Groups', {
      schemas: [SCIM.group],
      displayName: 'Leads',
      members: [{ value: user.json.id }],
    });
    await setGroupRole(owner, { organizationId: organization.id, groupId: group.json.id, role: 'admin' });
    await detachFromDirectory(owner, { organizationId: organization.id, membershipId: user.json.id });
    const db = await getDb();
    const [row] = await db.select().from(memberships).where(eq(memberships.id, user.json.id));
    expect(row).toMatchObject({
      role: 'admin',
      roleGroupId: null,
      directoryManaged: false,
      scimProfile: null,
      title: null,
      department: null,
    });
    expect(
      await db.select().from(scimGroupMembers).where(eq(scimGroupMembers.groupId, group.json.id)),
    ).toEqual([]);
    const selection = { organizationId: organization.id, ids: [user.json.id] };
    expect((await changeRoles(owner, { ...selection, role: 'member' })).changed).toBe(1);
  });
});

describe.skipIf(!usingPostgres)('two mapped groups gaining one person at once (PostgreSQL)', () => {
  it('ends with the higher role, marked with its group, whichever PATCH commits first', async () => {
    for (let round = 0; round < 5; round++) {
      const { organization, owner, call } = await scimOrganization([`ada.${round}@example.com`]);
      const user = await call('POST', '/Users', {
        schemas: [SCIM.user],
        userName: `ada.${round}@example.com`,
      });
      const mappedGroup = async (displayName: string, role: 'admin' | 'member') => {
        const created = await call('POST', '/Groups', { schemas: [SCIM.group], displayName });
        await setGroupRole(owner, { organizationId: organization.id, groupId: created.json.id, role });
        return created.json.id as string;
      };
      const everyone = await mappedGroup('Everyone', 'member');
      const leads = await mappedGroup('Leads', 'admin');
      const add = (groupId: string) =>
        call('PATCH', `/Groups/${groupId}`, {
          schemas: [SCIM.patch],
          Operations: [{ op: 'add', path: 'members', value: [{ value: user.json.id }] }],
        });
      const answers = await Promise.all(
        round % 2 ? [add(everyone), add(leads)] : [add(leads), add(everyone)],
      );
      expect(answers.map((answer) => answer.status)).toEqual([204, 204]);
      expect(await roleOf(user.json.id)).toEqual({ role: 'admin', roleGroupId: leads });
    }
  });
});
