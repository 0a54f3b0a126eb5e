// SCIM Groups' refusals (app/api/scim/v2/Groups; docs/rules.md rule 32), on PGlite and PostgreSQL: each
// answered as an RFC 7644 §3.12 error with the right status and scimType, and each leaving the group
// exactly as it was (no member, no name, no version, no audit event changed).
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, scimGroupMembers, scimGroups } from '@/db/schema';
import { MAX_GROUP_MEMBER_VALUES } from '@/lib/scim/groups/input';
import { useTestDatabase } from '../support/db';
import { ERROR, GROUP, manyMembers, PATCH_OP, provisioned, scim } from '../support/scim-client';

useTestDatabase();

/** An organization, a group "Leads" with its first person as a member, and what it looks like now. */
async function withGroup(people = 2) {
  const org = await provisioned(people);
  const created = await scim('POST', '/Groups', {
    token: org.token,
    body: { schemas: [GROUP], displayName: 'Leads', members: [{ value: org.members[0].membershipId }] },
  });
  expect(created.status).toBe(201);
  return { ...org, id: created.json.id as string, version: created.json.meta.version as string };
}

/** The group's state as stored: name, externalId, version source, members, and its audit events. */
async function state(organizationId: string, id: string) {
  const db = await getDb();
  const [group] = await db.select().from(scimGroups).where(eq(scimGroups.id, id));
  const members = await db.select().from(scimGroupMembers).where(eq(scimGroupMembers.groupId, id));
  const events = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.targetType, 'group')));
  return {
    group,
    members: members.map((row) => row.membershipId).sort(),
    events: events.length,
  };
}

function patch(...operations: unknown[]) {
  return { schemas: [PATCH_OP], Operations: operations };
}

function expectError(answer: { status: number; json: unknown }, status: number, scimType?: string) {
  expect(answer.json).toMatchObject({
    schemas: [ERROR],
    status: String(status),
    ...(scimType ? { scimType } : {}),
  });
  expect(answer.status).toBe(status);
}

describe('a member value that is no User of the organization', () => {
  it('another organization’s member, an unknown id and a non-UUID are refused 400 invalidValue naming them; nothing changes', async () => {
    const { token, id, members, organization } = await withGroup();
    const other = await provisioned(1, 'Other');
    const before = await state(organization.id, id);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const foreign = other.members[0].membershipId;
    const refused = await scim('PATCH', `/Groups/${id}`, {
      token,
      body: patch(
        { op: 'replace', path: 'displayName', value: 'Renamed' },
        {
          op: 'add',
          path: 'members',
          value: [{ value: members[1].membershipId }, { value: unknown }, { value: foreign }],
        },
      ),
    });
    expectError(refused, 400, 'invalidValue');
    expect(refused.json.detail).toContain(unknown);
    expect(refused.json.detail).toContain(foreign);
    expect(refused.json.detail).toContain('Nothing was changed');
    expect(await state(organization.id, id)).toEqual(before);
    const notUuid = await scim('PATCH', `/Groups/${id}`, {
      token,
      body: patch({ op: 'add', path: 'members', value: [{ value: 'ada@example.com' }] }),
    });
    expectError(notUuid, 400, 'invalidValue');
    expect(notUuid.json.detail).toContain('ada@example.com');
    expect(await state(organization.id, id)).toEqual(before);
  });

  it('a create naming another organization’s member creates nothing', async () => {
    const { token, organization } = await provisioned(0);
    const other = await provisioned(1, 'Other');
    const refused = await scim('POST', '/Groups', {
      token,
      body: { schemas: [GROUP], displayName: 'G', members: [{ value: other.members[0].membershipId }] },
    });
    expectError(refused, 400, 'invalidValue');
    const db = await getDb();
    expect(await db.select().from(scimGroups).where(eq(scimGroups.organizationId, organization.id))).toEqual(
      [],
    );
  });

  it(`more than ${MAX_GROUP_MEMBER_VALUES} member values in one request are refused, saying how many are allowed`, async () => {
    const { token, id, organization } = await withGroup();
    const ids = await manyMembers(organization.id, MAX_GROUP_MEMBER_VALUES + 1);
    const refused = await scim('PATCH', `/Groups/${id}`, {
      token,
      body: patch(
        { op: 'add', path: 'members', value: ids.slice(0, 600).map((value) => ({ value })) },
        { op: 'add', path: 'members', value: ids.slice(600).map((value) => ({ value })) },
      ),
    });
    expectError(refused, 400, 'invalidValue');
    expect(refused.json.detail).toContain('at most 1,000 members');
    const put = await scim('PUT', `/Groups/${id}`, {
      token,
      body: { schemas: [GROUP], displayName: 'Leads', members: ids.map((value) => ({ value })) },
    });
    expectError(put, 400, 'invalidValue');
  });
});

describe('names and paths', () => {
  it('a name taken in the organization, whatever its case, is 409 uniqueness on create, rename and replace; another organization may use it', async () => {
    const { token, id, organization } = await withGroup();
    const other = (
      await scim('POST', '/Groups', { token, body: { schemas: [GROUP], displayName: 'Others' } })
    ).json.id;
    expectError(
      await scim('POST', '/Groups', { token, body: { schemas: [GROUP], displayName: 'LEADS' } }),
      409,
      'uniqueness',
    );
    const before = await state(organization.id, other);
    expectError(
      await scim('PATCH', `/Groups/${other}`, {
        token,
        body: patch({ op: 'Replace', path: 'displayName', value: 'leads' }),
      }),
      409,
      'uniqueness',
    );
    expectError(
      await scim('PUT', `/Groups/${other}`, { token, body: { schemas: [GROUP], displayName: 'Leads ' } }),
      409,
      'uniqueness',
    );
    expect(await state(organization.id, other)).toEqual(before);
    expect(id).toBeTruthy();
    const elsewhere = await provisioned(0, 'Elsewhere');
    expect(
      (
        await scim('POST', '/Groups', {
          token: elsewhere.token,
          body: { schemas: [GROUP], displayName: 'Leads' },
        })
      ).status,
    ).toBe(201);
  });

  it('a displayName missing, empty, not a string or with a control character is 400 invalidValue', async () => {
    const { token } = await provisioned(0);
    for (const displayName of [undefined, '  ', 42, 'Lead\ns', 'Le\u200bads'])
      expectError(
        await scim('POST', '/Groups', { token, body: { schemas: [GROUP], displayName } }),
        400,
        'invalidValue',
      );
  });

  it('bad paths are 400 invalidPath, a remove without a path 400 noTarget, an unknown op 400 invalidSyntax; nothing changes', async () => {
    const { token, id, organization, members } = await withGroup();
    const before = await state(organization.id, id);
    const cases: [unknown, number, string][] = [
      [{ op: 'replace', path: 'description', value: 'x' }, 400, 'invalidPath'],
      [{ op: 'remove', path: 'members[display eq "Ada"]' }, 400, 'invalidPath'],
      [{ op: 'add', path: `members[value eq "${members[1].membershipId}"]`, value: 'x' }, 400, 'invalidPath'],
      [{ op: 'add', value: { owners: [] } }, 400, 'invalidPath'],
      [{ op: 'remove' }, 400, 'noTarget'],
      [{ op: 'remove', path: 'displayName' }, 400, 'invalidValue'],
      [{ op: 'remove', path: 'members[value eq "ada@example.com"]' }, 400, 'invalidValue'],
      [{ op: 'add', path: 'members', value: [{ display: 'Ada' }] }, 400, 'invalidValue'],
      [{ op: 'replace', value: { id: '00000000-0000-4000-8000-000000000000' } }, 400, 'mutability'],
      [{ op: 'move', path: 'members' }, 400, 'invalidSyntax'],
      [{ op: 'replace', path: '__proto__.displayName', value: 'x' }, 400, 'invalidPath'],
    ];
    for (const [operation, status, scimType] of cases)
      expectError(await scim('PATCH', `/Groups/${id}`, { token, body: patch(operation) }), status, scimType);
    expectError(
      await scim('PATCH', `/Groups/${id}`, { token, body: { Operations: [] } }),
      400,
      'invalidSyntax',
    );
    expectError(await scim('PATCH', `/Groups/${id}`, { token, body: patch() }), 400, 'invalidSyntax');
    expect(await state(organization.id, id)).toEqual(before);
  });

  it('a filter on an attribute a Group does not have is 400 invalidFilter', async () => {
    const { token } = await provisioned(0);
    const refused = await scim('GET', `/Groups?filter=${encodeURIComponent('description eq "Lead"')}`, {
      token,
    });
    expectError(refused, 400, 'invalidFilter');
  });
});

describe('found nowhere, and versions', () => {
  it('another organization’s group, an unknown id and a non-UUID are 404 on every method', async () => {
    const { id } = await withGroup();
    const stranger = await provisioned(0, 'Stranger');
    for (const target of [id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expectError(await scim('GET', `/Groups/${target}`, { token: stranger.token }), 404);
      expectError(
        await scim('PUT', `/Groups/${target}`, {
          token: stranger.token,
          body: { schemas: [GROUP], displayName: 'X' },
        }),
        404,
      );
      expectError(
        await scim('PATCH', `/Groups/${target}`, {
          token: stranger.token,
          body: patch({ op: 'replace', path: 'displayName', value: 'X' }),
        }),
        404,
      );
      expectError(await scim('DELETE', `/Groups/${target}`, { token: stranger.token }), 404);
    }
  });

  it('If-Match with an old version is 412 on PUT, PATCH and DELETE, and changes nothing; the current one, or *, passes', async () => {
    const { token, id, organization, version } = await withGroup();
    await scim('PATCH', `/Groups/${id}`, {
      token,
      body: patch({ op: 'replace', path: 'externalId', value: 'x1' }),
    });
    const current = (await scim('GET', `/Groups/${id}`, { token })).headers.get('etag')!;
    expect(current).not.toBe(version);
    const before = await state(organization.id, id);
    const stale = { 'If-Match': version };
    expectError(
      await scim('PUT', `/Groups/${id}`, {
        token,
        headers: stale,
        body: { schemas: [GROUP], displayName: 'X' },
      }),
      412,
    );
    expectError(
      await scim('PATCH', `/Groups/${id}`, {
        token,
        headers: stale,
        body: patch({ op: 'replace', path: 'displayName', value: 'X' }),
      }),
      412,
    );
    expectError(await scim('DELETE', `/Groups/${id}`, { token, headers: stale }), 412);
    expect(await state(organization.id, id)).toEqual(before);
    const ok = await scim('PATCH', `/Groups/${id}`, {
      token,
      headers: { 'If-Match': current },
      body: patch({ op: 'replace', path: 'displayName', value: 'X' }),
    });
    expect(ok.status).toBe(204);
    expect((await scim('DELETE', `/Groups/${id}`, { token, headers: { 'If-Match': '*' } })).status).toBe(204);
  });

  it('a body over 256 KB is refused 413 before it is read', async () => {
    const { token, id } = await withGroup();
    const padding = 'x'.repeat(260 * 1024);
    const answer = await scim('PATCH', `/Groups/${id}`, {
      token,
      body: patch({ op: 'replace', path: 'externalId', value: padding }),
    });
    expectError(answer, 413);
  });

  it('POST on /Groups/{id} and PUT, PATCH, DELETE on /Groups are 405', async () => {
    const { token, id } = await withGroup();
    expectError(await scim('POST', `/Groups/${id}`, { token, body: {} }), 405);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const)
      expectError(await scim(method, '/Groups', { token, body: {} }), 405);
  });
});
