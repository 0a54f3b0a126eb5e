// SCIM Groups over HTTP (app/api/scim/v2/Groups; docs/rules.md rule 32), on PGlite and PostgreSQL: the
// request sequences Okta's SCIM 2.0 spec test and Microsoft's SCIM validator (Entra provisioning) send
// for groups, one step a test, their answers checked whole against RFC 7643 §4.2; the audit events.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, scimGroupMembers } from '@/db/schema';
import { publicUrl } from '@/lib/config';
import { useTestDatabase } from '../support/db';
import { GROUP, LIST, PATCH_OP, provisioned, scim } from '../support/scim-client';

useTestDatabase();

const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
const VERSION = expect.stringMatching(/^W\/"\d+"$/);
const base = () => `${publicUrl()}/api/scim/v2`;

function expectedGroup(id: string, fields: Record<string, unknown>) {
  return {
    schemas: [GROUP],
    id,
    ...fields,
    meta: {
      resourceType: 'Group',
      created: ISO,
      lastModified: ISO,
      location: `${base()}/Groups/${id}`,
      version: VERSION,
    },
  };
}

function member(person: { membershipId: string; email: string }) {
  return {
    value: person.membershipId,
    display: person.email,
    $ref: `${base()}/Users/${person.membershipId}`,
    type: 'User',
  };
}

/** POSTs a group named "G" of `people` (and any other `fields`); its id. */
async function groupOf(
  token: string,
  people: { membershipId: string }[],
  fields: Record<string, unknown> = {},
) {
  const created = await scim('POST', '/Groups', {
    token,
    body: {
      schemas: [GROUP],
      displayName: 'G',
      members: people.map((person) => ({ value: person.membershipId })),
      ...fields,
    },
  });
  return created.json.id as string;
}

async function membersOf(groupId: string) {
  const db = await getDb();
  const found = await db.select().from(scimGroupMembers).where(eq(scimGroupMembers.groupId, groupId));
  return found.map((row) => row.membershipId).sort();
}

async function groupEvents(organizationId: string) {
  const db = await getDb();
  const events = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.targetType, 'group')))
    .orderBy(auditEvents.createdAt);
  return events.map((event) => ({ action: event.action, targetId: event.targetId, details: event.details }));
}

describe("Okta's SCIM 2.0 spec test, group steps", () => {
  async function oktaGroup() {
    const org = await provisioned(2);
    const created = await scim('POST', '/Groups', {
      token: org.token,
      body: { schemas: [GROUP], displayName: 'Test SCIMv2', members: [] },
    });
    return { ...org, created, id: created.json.id as string };
  }

  it('POST /Groups answers 201 with the group, its Location and ETag', async () => {
    const { created, id } = await oktaGroup();
    expect(created.status).toBe(201);
    expect(created.json).toEqual(expectedGroup(id, { displayName: 'Test SCIMv2', members: [] }));
    expect(created.headers.get('location')).toBe(`${base()}/Groups/${id}`);
    expect(created.headers.get('etag')).toBe(created.json.meta.version);
    expect(created.headers.get('content-type')).toBe('application/scim+json');
  });

  it('GET /Groups/{id} answers the group as created, its version as the ETag', async () => {
    const { token, id } = await oktaGroup();
    const read = await scim('GET', `/Groups/${id}`, { token });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(expectedGroup(id, { displayName: 'Test SCIMv2', members: [] }));
    expect(read.headers.get('etag')).toBe(read.json.meta.version);
  });

  it('GET /Groups?filter=displayName eq finds it, whatever the case; another name finds nothing', async () => {
    const { token, id } = await oktaGroup();
    const filter = encodeURIComponent('displayName eq "test scimv2"');
    const found = await scim('GET', `/Groups?filter=${filter}&startIndex=1&count=100`, { token });
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({ schemas: [LIST], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(found.json.Resources[0]).toEqual(expectedGroup(id, { displayName: 'Test SCIMv2', members: [] }));
    const none = await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Other"')}`, {
      token,
    });
    expect(none.json).toEqual({
      schemas: [LIST],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it('PATCH add members answers 204, and the group then lists them', async () => {
    const { token, id, members } = await oktaGroup();
    const added = await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          {
            op: 'add',
            path: 'members',
            value: members.map((p) => ({ value: p.membershipId, display: p.email })),
          },
        ],
      },
    });
    expect(added.status).toBe(204);
    const read = await scim('GET', `/Groups/${id}`, { token });
    // Added in one statement, they are listed in no particular order among themselves.
    const byValue = (a: { value: string }, b: { value: string }) => a.value.localeCompare(b.value);
    expect([...read.json.members].sort(byValue)).toEqual(members.map(member).sort(byValue));
  });

  it('PATCH remove members[value eq "…"] takes that one member out', async () => {
    const { token, id, members } = await oktaGroup();
    const [ada, bob] = members;
    await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'add', path: 'members', value: [{ value: ada.membershipId }, { value: bob.membershipId }] },
        ],
      },
    });
    const removed = await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'remove', path: `members[value eq "${ada.membershipId}"]` }],
      },
    });
    expect(removed.status).toBe(204);
    expect(await membersOf(id)).toEqual([bob.membershipId]);
  });

  it('PATCH replace with { id, displayName } renames the group', async () => {
    const { token, id } = await oktaGroup();
    const renamed = await scim('PATCH', `/Groups/${id}?excludedAttributes=members`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', value: { id, displayName: 'Test SCIMv2 Renamed' } }],
      },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toEqual(expectedGroup(id, { displayName: 'Test SCIMv2 Renamed' }));
  });

  it('PUT renames the group and replaces its members with those sent', async () => {
    const { token, id, members, created } = await oktaGroup();
    const [ada, bob] = members;
    await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: [{ value: ada.membershipId }] }],
      },
    });
    const replaced = await scim('PUT', `/Groups/${id}`, {
      token,
      body: {
        ...created.json,
        displayName: 'Renamed',
        members: [{ value: bob.membershipId, display: bob.email }],
      },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toEqual(expectedGroup(id, { displayName: 'Renamed', members: [member(bob)] }));
    expect(replaced.headers.get('etag')).not.toBe(created.json.meta.version);
  });

  it('DELETE answers 204; the group is then found nowhere', async () => {
    const { token, id } = await oktaGroup();
    const deleted = await scim('DELETE', `/Groups/${id}`, { token });
    expect(deleted.status).toBe(204);
    expect((await scim('GET', `/Groups/${id}`, { token })).status).toBe(404);
    expect((await scim('DELETE', `/Groups/${id}`, { token })).status).toBe(404);
  });
});

describe("Microsoft's SCIM validator and Entra provisioning, group steps", () => {
  const lookup = (name: string) =>
    `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${name}"`)}`;

  async function entraGroup() {
    const org = await provisioned(2, 'Contoso', 'Entra');
    const created = await scim('POST', '/Groups', {
      token: org.token,
      body: {
        schemas: [GROUP],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: 'Group1DisplayName',
        meta: { resourceType: 'Group' },
      },
    });
    return { ...org, created, id: created.json.id as string };
  }

  it('GET /Groups?excludedAttributes=members&filter=displayName eq "…" finds nothing before the group exists', async () => {
    const { token } = await provisioned(0, 'Contoso', 'Entra');
    const found = await scim('GET', lookup('Group1DisplayName'), { token });
    expect(found.status).toBe(200);
    expect(found.json).toEqual({
      schemas: [LIST],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it('POST /Groups (with meta, no members) answers 201 with its externalId; the look-up then finds it without members', async () => {
    const { token, id, created } = await entraGroup();
    const expected = expectedGroup(id, {
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'Group1DisplayName',
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ ...expected, members: [] });
    const found = await scim('GET', lookup('Group1DisplayName'), { token });
    expect(found.json).toMatchObject({ totalResults: 1, Resources: [expected] });
    const byExternalId = await scim(
      'GET',
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent('externalId eq "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"')}`,
      { token },
    );
    expect(byExternalId.json.Resources).toEqual([expected]);
  });

  it('PATCH Add members, then Remove members with a value list', async () => {
    const { token, id, members } = await entraGroup();
    const [ada, bob] = members;
    const add = await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Add', path: 'members', value: [{ value: ada.membershipId }, { value: bob.membershipId }] },
        ],
      },
    });
    expect(add.status).toBe(204);
    expect(await membersOf(id)).toEqual([ada.membershipId, bob.membershipId].sort());
    const remove = await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Remove', path: 'members', value: [{ value: ada.membershipId }] }],
      },
    });
    expect(remove.status).toBe(204);
    expect(await membersOf(id)).toEqual([bob.membershipId]);
  });

  it('PATCH Replace displayName, and Replace externalId', async () => {
    const { token, id } = await entraGroup();
    const replaced = await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'displayName', value: 'Group1 Renamed' },
          { op: 'Replace', path: 'externalId', value: 'new-external' },
        ],
      },
    });
    expect(replaced.status).toBe(204);
    const read = await scim('GET', `/Groups/${id}?excludedAttributes=members`, { token });
    expect(read.json).toEqual(
      expectedGroup(id, { externalId: 'new-external', displayName: 'Group1 Renamed' }),
    );
  });

  it('PATCH replace without a path, its value { id, displayName, externalId }, renames and re-keys the group', async () => {
    const { token, id } = await entraGroup();
    const replaced = await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', value: { id, displayName: 'Group1 Again', externalId: 'again' } }],
      },
    });
    expect(replaced.status).toBe(204);
    const read = await scim('GET', `/Groups/${id}?excludedAttributes=members`, { token });
    expect(read.json).toEqual(expectedGroup(id, { externalId: 'again', displayName: 'Group1 Again' }));
  });

  it('DELETE answers 204', async () => {
    const { token, id } = await entraGroup();
    expect((await scim('DELETE', `/Groups/${id}`, { token })).status).toBe(204);
    expect((await scim('GET', lookup('Group1DisplayName'), { token })).json.totalResults).toBe(0);
  });
});

describe('members and their audit', () => {
  it('replace of members, and remove of path "members" without a value, empty the group as asked', async () => {
    const { token, members } = await provisioned(3);
    const [ada, bob, cy] = members;
    const id = await groupOf(token, [ada, bob]);
    await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          {
            op: 'replace',
            path: 'members',
            value: [{ value: bob.membershipId }, { value: cy.membershipId }],
          },
        ],
      },
    });
    expect(await membersOf(id)).toEqual([bob.membershipId, cy.membershipId].sort());
    await scim('PATCH', `/Groups/${id}`, {
      token,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'members' }] },
    });
    expect(await membersOf(id)).toEqual([]);
  });

  it('operations apply in order: add then remove of the same member leaves them out; remove-all then add keeps only the added', async () => {
    const { token, members } = await provisioned(2);
    const [ada, bob] = members;
    const id = await groupOf(token, [ada]);
    await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'add', path: 'members', value: [{ value: bob.membershipId }] },
          { op: 'remove', path: `members[value eq "${bob.membershipId}"]` },
        ],
      },
    });
    expect(await membersOf(id)).toEqual([ada.membershipId]);
    await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'remove', path: 'members' },
          { op: 'add', path: 'members', value: [{ value: bob.membershipId }] },
        ],
      },
    });
    expect(await membersOf(id)).toEqual([bob.membershipId]);
  });

  it('adding a member again is no error and no event; removing one not in the group is no error', async () => {
    const { token, members, organization } = await provisioned(2);
    const [ada, bob] = members;
    const id = await groupOf(token, [ada]);
    const again = await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: [{ value: ada.membershipId }] }],
      },
    });
    expect(again.status).toBe(204);
    const absent = await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'remove', path: `members[value eq "${bob.membershipId}"]` }],
      },
    });
    expect(absent.status).toBe(204);
    expect((await groupEvents(organization.id)).map((event) => event.action)).toEqual([
      'group.created',
      'group.members_changed',
    ]);
  });

  it('audits each request once: created, members changed with counts, renamed with the old name, deleted', async () => {
    const { token, members, organization } = await provisioned(3);
    const id = (await scim('POST', '/Groups', { token, body: { schemas: [GROUP], displayName: 'Leads' } }))
      .json.id;
    await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: members.map((p) => ({ value: p.membershipId })) }],
      },
    });
    await scim('PATCH', `/Groups/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'remove', path: 'members', value: [{ value: members[0].membershipId }] },
          { op: 'replace', path: 'displayName', value: 'Engineering Leads' },
        ],
      },
    });
    await scim('DELETE', `/Groups/${id}`, { token });
    const directory = 'Okta';
    expect(await groupEvents(organization.id)).toEqual([
      { action: 'group.created', targetId: id, details: { group: 'Leads', directory } },
      {
        action: 'group.members_changed',
        targetId: id,
        details: { group: 'Leads', added: 3, removed: 0, directory },
      },
      {
        action: 'group.updated',
        targetId: id,
        details: { group: 'Engineering Leads', from: 'Leads', directory },
      },
      {
        action: 'group.members_changed',
        targetId: id,
        details: { group: 'Engineering Leads', added: 0, removed: 1, directory },
      },
      { action: 'group.deleted', targetId: id, details: { group: 'Engineering Leads', directory } },
    ]);
  });

  it('a member removed from the organization leaves its groups', async () => {
    const { token, members } = await provisioned(2);
    const [ada, bob] = members;
    const id = await groupOf(token, [ada, bob]);
    expect((await scim('DELETE', `/Users/${ada.membershipId}`, { token })).status).toBe(204);
    const read = await scim('GET', `/Groups/${id}`, { token });
    expect(read.json.members).toMatchObject([{ value: bob.membershipId }]);
    expect(read.json.members).toHaveLength(1);
  });

  it('attributes=displayName answers without members; members are shown by the directory’s name when it has one', async () => {
    const { token, members } = await provisioned(1);
    const id = await groupOf(token, [members[0]], { externalId: 'x' });
    const only = await scim(
      'GET',
      `/Groups/${id}?attributes=urn:ietf:params:scim:schemas:core:2.0:Group:displayName`,
      { token },
    );
    expect(Object.keys(only.json).sort()).toEqual(['displayName', 'id', 'meta', 'schemas']);
    const listed = await scim('GET', '/Groups?attributes=members', { token });
    expect(Object.keys(listed.json.Resources[0]).sort()).toEqual(['id', 'members', 'meta', 'schemas']);
    expect(listed.json.Resources[0].members[0].display).toBe(members[0].email);
  });

  it('lists by filter on members and externalId (the filter grammar, lib/scim/filter), sorted by sortBy', async () => {
    const { token, members } = await provisioned(1);
    const [ada] = members;
    const make = (displayName: string, people: string[]) =>
      scim('POST', '/Groups', {
        token,
        body: {
          schemas: [GROUP],
          displayName,
          externalId: `x-${displayName}`,
          members: people.map((value) => ({ value })),
        },
      });
    const alpha = (await make('Alpha', [ada.membershipId])).json.id;
    const beta = (await make('Beta', [])).json.id;
    const gamma = (await make('Gamma', [ada.membershipId])).json.id;
    const query = (filter: string, extra = '') =>
      scim('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent(filter)}${extra}`, {
        token,
      });
    const ids = (answer: { json: { Resources: { id: string }[] } }) =>
      answer.json.Resources.map((group) => group.id);
    expect(
      ids(await query(`members[value eq "${ada.membershipId}"]`, '&sortBy=displayName&sortOrder=descending')),
    ).toEqual([gamma, alpha]);
    expect(ids(await query(`id eq "${beta}" and members[value eq "${ada.membershipId}"]`))).toEqual([]);
    expect(ids(await query('externalId eq "x-Beta" or displayName sw "gam"', '&sortBy=displayName'))).toEqual(
      [beta, gamma],
    );
  });

  it('pages with startIndex and count, oldest first', async () => {
    const { token } = await provisioned(0);
    for (const name of ['A', 'B', 'C'])
      await scim('POST', '/Groups', { token, body: { schemas: [GROUP], displayName: name } });
    const page = await scim('GET', '/Groups?startIndex=2&count=1&excludedAttributes=members', { token });
    expect(page.json).toMatchObject({
      totalResults: 3,
      startIndex: 2,
      itemsPerPage: 1,
      Resources: [{ displayName: 'B' }],
    });
  });
});
