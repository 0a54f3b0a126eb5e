// Group → role mapping from the console (DESIGN §12; lib/scim/groups/console.ts), on PGlite and
// PostgreSQL: the provisioning page's bounded list of groups, setGroupRole's one transaction (policy,
// mapping, audit under the person, roles brought in line and counted), and the console's refusal to
// change a role that a mapping gives (ROLE_FROM_GROUP), for one row and in bulk.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, memberships, scimGroups } from '@/db/schema';
import { changeRoles } from '@/lib/members';
import { listUserTable } from '@/lib/user-table/list';
import { GROUPS_SHOWN, listGroupsForConsole, setGroupRole } from '@/lib/scim/groups/console';
import { roleFromGroupMessage } from '@/lib/shared/errors';
import { useCountingHandle } from '../support/counting';
import { useTestDatabase } from '../support/db';
import { insertGroup, joinGroup, roleOf } from '../support/groups';
import { addManyMembers, addMember, createOrganizationWithOwner } from '../support/factories';
import { expectDomainError, outcomeOf } from '../support/state';

const testDb = useTestDatabase({ workJobs: false });
const counting = useCountingHandle(testDb);

async function eventsOf(organizationId: string, action: 'group.role_mapped' | 'member.role_changed') {
  const db = await getDb();
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.action, action)));
}

describe('setGroupRole', () => {
  it('maps a group to Admin: its members become Admins, counted, audited under the person and as the directory’s', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const ann = await addMember(organization.id, 'member');
    const bob = await addMember(organization.id, 'member');
    const leads = await insertGroup(organization.id, 'Engineering Leads');
    await joinGroup(organization.id, leads, [ann.membershipId, bob.membershipId]);

    const result = await setGroupRole(owner, {
      organizationId: organization.id,
      groupId: leads,
      role: 'admin',
    });

    expect(result).toEqual({ group: 'Engineering Leads', from: null, to: 'admin', changed: 2 });
    expect(await roleOf(ann.membershipId)).toEqual({ role: 'admin', roleGroupId: leads });
    const [mapped] = await eventsOf(organization.id, 'group.role_mapped');
    expect(mapped).toMatchObject({ actorId: owner.userId, targetType: 'group', targetId: leads });
    expect(mapped.details).toEqual({ group: 'Engineering Leads', from: null, to: 'admin' });
    const changes = await eventsOf(organization.id, 'member.role_changed');
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatchObject({ actorId: null });
    expect(changes[0].details).toMatchObject({ directory: 'group mapping', group: 'Engineering Leads' });
  });

  it('taking a mapping away returns its members to Member, and an Owner in the group is never changed', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const ann = await addMember(organization.id, 'member');
    const second = await addMember(organization.id, 'owner');
    const leads = await insertGroup(organization.id, 'Leads');
    await joinGroup(organization.id, leads, [ann.membershipId, second.membershipId]);
    const input = { organizationId: organization.id, groupId: leads };
    expect((await setGroupRole(owner, { ...input, role: 'admin' })).changed).toBe(1);
    const back = await setGroupRole(owner, { ...input, role: null });
    expect(back).toMatchObject({ from: 'admin', to: null, changed: 1 });
    expect(await roleOf(ann.membershipId)).toEqual({ role: 'member', roleGroupId: null });
    expect((await roleOf(second.membershipId)).role).toBe('owner');
  });

  it('the same mapping again changes nothing and writes no event', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const leads = await insertGroup(organization.id, 'Leads', 'member');
    const result = await setGroupRole(owner, {
      organizationId: organization.id,
      groupId: leads,
      role: 'member',
    });
    expect(result).toEqual({ group: 'Leads', from: 'member', to: 'member', changed: 0 });
    expect(await eventsOf(organization.id, 'group.role_mapped')).toHaveLength(0);
  });

  it('an Admin may map a group to Admin; a Member may not map at all', async () => {
    const { organization } = await createOrganizationWithOwner();
    const admin = await addMember(organization.id, 'admin');
    const member = await addMember(organization.id, 'member');
    const leads = await insertGroup(organization.id, 'Leads');
    const input = { organizationId: organization.id, groupId: leads };
    expect((await setGroupRole(admin, { ...input, role: 'admin' })).to).toBe('admin');
    await expectDomainError(setGroupRole(member, { ...input, role: null }), 'FORBIDDEN');
    await expectDomainError(setGroupRole(member, { ...input, role: 'admin' }), 'FORBIDDEN');
  });

  it('a group of another organization is not found, and nothing changes there', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const other = await createOrganizationWithOwner('Other');
    const theirs = await insertGroup(other.organization.id, 'Theirs');
    await expectDomainError(
      setGroupRole(owner, { organizationId: organization.id, groupId: theirs, role: 'admin' }),
      'GROUP_NOT_FOUND',
    );
    const db = await getDb();
    const [row] = await db.select().from(scimGroups).where(eq(scimGroups.id, theirs));
    expect(row.mappedRole).toBeNull();
  });

  it('costs the same number of statements for a group of 1 and of 1,000', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    await addManyMembers(organization.id, 1000);
    const db = await getDb();
    const one = await insertGroup(organization.id, 'One');
    const all = await insertGroup(organization.id, 'All');
    const everyone = await db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.organizationId, organization.id), eq(memberships.role, 'member')));
    await joinGroup(organization.id, one, [everyone[0].id]);
    await joinGroup(
      organization.id,
      all,
      everyone.map((row) => row.id),
    );
    const single = await counting().measure(() =>
      setGroupRole(owner, { organizationId: organization.id, groupId: one, role: 'admin' }),
    );
    const thousand = await counting().measure(() =>
      setGroupRole(owner, { organizationId: organization.id, groupId: all, role: 'admin' }),
    );
    expect(thousand.result.changed).toBe(999);
    expect(thousand.statements.length).toBe(single.statements.length);
  });
});

describe('listGroupsForConsole', () => {
  it('lists the groups by name with their member counts and mappings; Members are refused', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const ann = await addMember(organization.id, 'member');
    const bob = await addMember(organization.id, 'member');
    const zeta = await insertGroup(organization.id, 'zeta team', 'member');
    const alpha = await insertGroup(organization.id, 'Alpha', 'admin');
    await insertGroup(organization.id, 'Empty');
    await joinGroup(organization.id, zeta, [ann.membershipId, bob.membershipId]);
    await joinGroup(organization.id, alpha, [ann.membershipId]);

    const listed = await listGroupsForConsole(owner, organization.id);
    expect(listed.total).toBe(3);
    expect(listed.groups.map((g) => [g.name, g.members, g.mappedRole])).toEqual([
      ['Alpha', 1, 'admin'],
      ['Empty', 0, null],
      ['zeta team', 2, 'member'],
    ]);
    const found = await listGroupsForConsole(owner, organization.id, 'TEAM');
    expect(found.groups.map((g) => g.name)).toEqual(['zeta team']);
    expect(found.total).toBe(1);
    await expectDomainError(listGroupsForConsole(ann, organization.id), 'FORBIDDEN');
  });

  it(`shows at most ${GROUPS_SHOWN} groups and counts the rest, in one statement`, async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const db = await getDb();
    await db.insert(scimGroups).values(
      Array.from({ length: GROUPS_SHOWN + 5 }, (_, n) => ({
        organizationId: organization.id,
        displayName: `Group ${String(n).padStart(3, '0')}`,
      })),
    );
    const { result, statements } = await counting().measure(() =>
      listGroupsForConsole(owner, organization.id),
    );
    expect(result.groups).toHaveLength(GROUPS_SHOWN);
    expect(result.total).toBe(GROUPS_SHOWN + 5);
    expect(result.groups[0].name).toBe('Group 000');
    // The access check, then the groups.
    expect(statements).toHaveLength(2);
  });

  it('an organization whose directory pushed no groups lists none', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    expect(await listGroupsForConsole(owner, organization.id)).toEqual({
      groups: [],
      total: 0,
      totalCapped: false,
    });
  });
});

describe('a role that a mapping gives is changed only through the mapping', () => {
  async function mapped() {
    const { organization, owner } = await createOrganizationWithOwner();
    const ann = await addMember(organization.id, 'member');
    const bob = await addMember(organization.id, 'member');
    const leads = await insertGroup(organization.id, 'Engineering Leads');
    await joinGroup(organization.id, leads, [ann.membershipId]);
    await setGroupRole(owner, { organizationId: organization.id, groupId: leads, role: 'admin' });
    return { organization, owner, ann, bob, leads };
  }

  it('refuses one person’s role change with ROLE_FROM_GROUP, naming them and the group', async () => {
    const { organization, owner, ann } = await mapped();
    const error = await expectDomainError(
      changeRoles(owner, { organizationId: organization.id, role: 'member', ids: [ann.membershipId] }),
      'ROLE_FROM_GROUP',
    );
    expect(error.message).toBe(roleFromGroupMessage(ann.name ?? null, 'Engineering Leads'));
    expect(error.message).toContain('role comes from the directory group “Engineering Leads”');
    expect((await roleOf(ann.membershipId)).role).toBe('admin');
  });

  it('refuses a person’s own step down the same way, in their words', async () => {
    const { organization, ann } = await mapped();
    const error = await expectDomainError(
      changeRoles(ann, { organizationId: organization.id, role: 'member', ids: [ann.membershipId] }),
      'ROLE_FROM_GROUP',
    );
    expect(error.message).toBe(roleFromGroupMessage(null, 'Engineering Leads'));
  });

  it('refuses a bulk change that includes them, naming the row, and changes nobody', async () => {
    const { organization, owner, ann, bob } = await mapped();
    const error = await expectDomainError(
      changeRoles(owner, {
        organizationId: organization.id,
        role: 'admin',
        ids: [ann.membershipId, bob.membershipId],
      }),
      'BULK_REFUSED',
    );
    const refused = error.details?.refused as { id: string; code: string }[];
    expect(refused).toEqual([expect.objectContaining({ id: ann.membershipId, code: 'ROLE_FROM_GROUP' })]);
    expect((await roleOf(bob.membershipId)).role).toBe('member');
  });

  it('refuses a change of every matching row that includes them', async () => {
    const { organization, owner } = await mapped();
    await expectDomainError(
      changeRoles(owner, {
        organizationId: organization.id,
        role: 'member',
        matching: { filter: { search: '', role: 'admin', status: null }, count: 1 },
      }),
      'ROLE_FROM_GROUP',
    );
  });

  it('lets an Owner make them an Owner (no mapping gives or touches Owner), and the list stops naming the group', async () => {
    const { organization, owner, ann } = await mapped();
    await changeRoles(owner, { organizationId: organization.id, role: 'owner', ids: [ann.membershipId] });
    expect((await roleOf(ann.membershipId)).role).toBe('owner');
    const page = await listUserTable(owner, { organizationId: organization.id });
    expect(page.rows.find((row) => row.email === ann.email)?.roleGroup).toBeNull();
  });

  it('leaves a Member tempted to promote them with FORBIDDEN, not the group’s name', async () => {
    const { organization, ann, bob } = await mapped();
    await expectDomainError(
      changeRoles(bob, { organizationId: organization.id, role: 'member', ids: [ann.membershipId] }),
      'FORBIDDEN',
    );
  });
});

describe('mappings under concurrency', () => {
  it('two mappings changed at the same moment leave a member in both groups with the highest role', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const admin = await addMember(organization.id, 'admin');
    const ann = await addMember(organization.id, 'member');
    const leads = await insertGroup(organization.id, 'Leads');
    const everyone = await insertGroup(organization.id, 'Everyone');
    await joinGroup(organization.id, leads, [ann.membershipId]);
    await joinGroup(organization.id, everyone, [ann.membershipId]);
    await Promise.all([
      setGroupRole(owner, { organizationId: organization.id, groupId: leads, role: 'admin' }),
      setGroupRole(admin, { organizationId: organization.id, groupId: everyone, role: 'member' }),
    ]);
    expect(await roleOf(ann.membershipId)).toEqual({ role: 'admin', roleGroupId: leads });
  });

  it('a console role change racing a mapping ends with the mapping’s role, whichever runs first', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const admin = await addMember(organization.id, 'admin');
    const ann = await addMember(organization.id, 'admin');
    const leads = await insertGroup(organization.id, 'Leads');
    await joinGroup(organization.id, leads, [ann.membershipId]);
    const [mapping, change] = await Promise.all([
      outcomeOf(setGroupRole(owner, { organizationId: organization.id, groupId: leads, role: 'admin' })),
      outcomeOf(
        changeRoles(admin, { organizationId: organization.id, role: 'member', ids: [ann.membershipId] }),
      ),
    ]);
    expect(mapping).toBe('ok');
    // Made a Member before the mapping (which then makes them Admin again), or refused after it.
    expect(['ok', 'ROLE_FROM_GROUP']).toContain(change);
    expect(await roleOf(ann.membershipId)).toEqual({ role: 'admin', roleGroupId: leads });
  });
});
