// SCIM Groups at scale and with their consequences (docs/rules.md rules 32–33), on PGlite and PostgreSQL:
// a group of 10,000 answers a GET without members in the same statements as a group of 10, none reading
// its members; a PATCH of 1,000 members is the same statements as one of 1; a mapped group's members
// take its role through a PATCH and lose it on removal or deletion; endpoint names in any case.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, memberships, scimGroupMembers, scimGroups } from '@/db/schema';
import { useCountingHandle } from '../support/counting';
import { useTestDatabase } from '../support/db';
import { fillGroup, GROUP, LIST, manyMembers, PATCH_OP, provisioned, scim } from '../support/scim-client';

const testDb = useTestDatabase({ workJobs: false });
const counting = useCountingHandle(testDb);

async function newGroup(token: string, displayName: string) {
  const created = await scim('POST', '/Groups', { token, body: { schemas: [GROUP], displayName } });
  expect(created.status).toBe(201);
  return created.json.id as string;
}

async function memberCount(groupId: string) {
  const db = await getDb();
  return (await db.select().from(scimGroupMembers).where(eq(scimGroupMembers.groupId, groupId))).length;
}

describe('constant cost', () => {
  it('GET /Groups/{id}?excludedAttributes=members of 10,000 members: the statements of a group of 10, none reading members', async () => {
    const { token, organization } = await provisioned(0);
    const small = await newGroup(token, 'Small');
    const large = await newGroup(token, 'Large');
    await fillGroup(organization.id, small, 10);
    await fillGroup(organization.id, large, 10_000);
    const read = (id: string) => scim('GET', `/Groups/${id}?excludedAttributes=members`, { token });
    const ten = await counting().measure(() => read(small));
    const tenThousand = await counting().measure(() => read(large));
    expect(tenThousand.result.status).toBe(200);
    expect(tenThousand.result.json.members).toBeUndefined();
    expect(tenThousand.statements.length).toBe(ten.statements.length);
    expect(tenThousand.statements.filter((statement) => statement.includes('scim_group_members'))).toEqual(
      [],
    );
    // Entra's look-up by name, the same.
    const lookup = await counting().measure(() =>
      scim(
        'GET',
        `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Large"')}`,
        { token },
      ),
    );
    expect(lookup.result.json).toMatchObject({
      schemas: [LIST],
      totalResults: 1,
      Resources: [{ id: large }],
    });
    expect(lookup.statements.filter((statement) => statement.includes('scim_group_members'))).toEqual([]);
    // With members, all of them.
    expect(
      (await read(large).then(() => scim('GET', `/Groups/${large}`, { token }))).json.members,
    ).toHaveLength(10_000);
  });

  it('a PATCH adding 1,000 members (as Okta sends them, over 64 KB) is the same statements as one adding 1, in one event', async () => {
    const { token, organization } = await provisioned(0);
    const ids = await manyMembers(organization.id, 1001);
    const one = await newGroup(token, 'One');
    const thousand = await newGroup(token, 'Thousand');
    const db = await getDb();
    // Mapped, so that the roles' statements run in both.
    await db
      .update(scimGroups)
      .set({ mappedRole: 'admin' })
      .where(eq(scimGroups.organizationId, organization.id));
    const add = (id: string, values: string[]) => ({
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'add',
          path: 'members',
          value: values.map((value, n) => ({ value, display: `person.number-${n}@example.com` })),
        },
      ],
    });
    const body = add(thousand, ids.slice(1));
    expect(JSON.stringify(body).length).toBeGreaterThan(64 * 1024);
    const single = await counting().measure(() =>
      scim('PATCH', `/Groups/${one}`, { token, body: add(one, ids.slice(0, 1)) }),
    );
    const many = await counting().measure(() => scim('PATCH', `/Groups/${thousand}`, { token, body }));
    expect([single.result.status, many.result.status]).toEqual([204, 204]);
    expect(many.statements.length).toBe(single.statements.length);
    expect(await memberCount(thousand)).toBe(1000);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, thousand));
    expect(
      events.filter((event) => event.action === 'group.members_changed').map((event) => event.details),
    ).toEqual([{ group: 'Thousand', added: 1000, removed: 0, directory: 'Okta' }]);
    const admins = await db.select().from(memberships).where(eq(memberships.roleGroupId, thousand));
    expect(admins.filter((row) => row.role === 'admin')).toHaveLength(1000);
  });
});

describe('at the same moment', () => {
  it('five PATCHes adding different members at once all land, each audited once', async () => {
    const { token, members } = await provisioned(5);
    const id = await newGroup(token, 'Busy');
    const answers = await Promise.all(
      members.map((person) =>
        scim('PATCH', `/Groups/${id}?excludedAttributes=members`, {
          token,
          body: {
            schemas: [PATCH_OP],
            Operations: [{ op: 'add', path: 'members', value: [{ value: person.membershipId }] }],
          },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await memberCount(id)).toBe(5);
    const db = await getDb();
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
    expect(events.filter((event) => event.action === 'group.members_changed')).toHaveLength(5);
  });
});

describe('mapped groups', () => {
  async function roleOf(membershipId: string) {
    const db = await getDb();
    const [row] = await db
      .select({ role: memberships.role, group: memberships.roleGroupId })
      .from(memberships)
      .where(eq(memberships.id, membershipId));
    return row;
  }

  it('a PATCH adding a member to an Admin-mapped group makes them Admin; removing them returns them to Member', async () => {
    const { token, members } = await provisioned(1);
    const [ada] = members;
    const leads = await newGroup(token, 'Leads');
    const db = await getDb();
    await db.update(scimGroups).set({ mappedRole: 'admin' }).where(eq(scimGroups.id, leads));
    await scim('PATCH', `/Groups/${leads}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Add', path: 'members', value: [{ value: ada.membershipId }] }],
      },
    });
    expect(await roleOf(ada.membershipId)).toEqual({ role: 'admin', group: leads });
    await scim('PATCH', `/Groups/${leads}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Remove', path: 'members', value: [{ value: ada.membershipId }] }],
      },
    });
    expect(await roleOf(ada.membershipId)).toEqual({ role: 'member', group: null });
  });

  it('deleting an Admin-mapped group returns its members to their other groups’ role, or to Member', async () => {
    const { token, members } = await provisioned(2);
    const [ada, bob] = members;
    const leads = await newGroup(token, 'Leads');
    const staff = await newGroup(token, 'Staff');
    const db = await getDb();
    await db.update(scimGroups).set({ mappedRole: 'admin' }).where(eq(scimGroups.id, leads));
    await db.update(scimGroups).set({ mappedRole: 'member' }).where(eq(scimGroups.id, staff));
    const put = (id: string, name: string, people: string[]) =>
      scim('PUT', `/Groups/${id}`, {
        token,
        body: { schemas: [GROUP], displayName: name, members: people.map((value) => ({ value })) },
      });
    await put(leads, 'Leads', [ada.membershipId, bob.membershipId]);
    await put(staff, 'Staff', [bob.membershipId]);
    expect(await roleOf(ada.membershipId)).toEqual({ role: 'admin', group: leads });
    expect((await scim('DELETE', `/Groups/${leads}`, { token })).status).toBe(204);
    expect(await roleOf(ada.membershipId)).toEqual({ role: 'member', group: null });
    expect(await roleOf(bob.membershipId)).toEqual({ role: 'member', group: staff });
  });
});

describe('endpoint names in any case', () => {
  it('/groups, /GROUPS/{id}, /users, /serviceproviderconfig, /schemas and /resourcetypes answer as the canonical ones', async () => {
    const { token, members } = await provisioned(1);
    const created = await scim('POST', '/groups', {
      token,
      body: { schemas: [GROUP], displayName: 'Lower' },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await scim('GET', `/GROUPS/${id}`, { token })).json).toMatchObject({ id, displayName: 'Lower' });
    const patched = await scim('PATCH', `/gRoUpS/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: [{ value: members[0].membershipId }] }],
      },
    });
    expect(patched.status).toBe(204);
    expect((await scim('GET', `/users/${members[0].membershipId}`, { token })).json).toMatchObject({
      id: members[0].membershipId,
    });
    expect((await scim('GET', '/USERS', { token })).json.totalResults).toBe(2);
    expect((await scim('GET', '/serviceproviderconfig', { token })).json).toEqual(
      (await scim('GET', '/ServiceProviderConfig', { token })).json,
    );
    expect((await scim('GET', '/schemas', { token })).status).toBe(200);
    expect((await scim('GET', '/resourcetypes', { token })).status).toBe(200);
    expect((await scim('POST', '/serviceproviderconfig', { token, body: {} })).status).toBe(405);
    expect((await scim('DELETE', `/groups/${id}`, { token })).status).toBe(204);
  });

  it('what names no endpoint is still 404: /Bulk, /groups/a/b, /serviceproviderconfig/x, /__proto__', async () => {
    const { token } = await provisioned(0);
    for (const path of ['/Bulk', '/groups/a/b', '/serviceproviderconfig/x', '/__proto__', '/constructor/x'])
      expect((await scim('GET', path, { token })).status, path).toBe(404);
  });
});
