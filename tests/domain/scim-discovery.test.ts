// The SCIM service's discovery endpoints over HTTP (RFC 7644 §4, RFC 7643 §5–7), on PGlite and
// PostgreSQL: writes to them answer 405 as RFC 7644 error objects; ServiceProviderConfig says what is
// supported; ResourceTypes name User (with the enterprise extension) and Group; Schemas describe every
// attribute the service keeps and returns, each with its type and the four characteristics
// (mutability, returned, uniqueness, caseExact), one by one at /Schemas/{urn} too.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/db';
import { SCIM, scimOrganization, type ScimMethod } from '../support/scim-client';

useTestDatabase();

interface Attribute {
  name: string;
  type: string;
  multiValued: boolean;
  required: boolean;
  caseExact: boolean;
  mutability: string;
  returned: string;
  uniqueness: string;
  description: string;
  subAttributes?: Attribute[];
}

const READ_ONLY = [
  '/ServiceProviderConfig',
  '/ResourceTypes',
  '/ResourceTypes/User',
  '/Schemas',
  `/Schemas/${SCIM.user}`,
];

describe('writes to discovery', () => {
  it.each(
    READ_ONLY.flatMap((path) => (['POST', 'PUT', 'PATCH', 'DELETE'] as ScimMethod[]).map((m) => [m, path])),
  )('%s %s: 405 as an RFC 7644 error object', async (method, path) => {
    const { call } = await scimOrganization();
    const answer = await call(method as ScimMethod, path, method === 'DELETE' ? undefined : {});
    expect(answer.status).toBe(405);
    expect(answer.headers.get('content-type')).toBe('application/scim+json');
    expect(answer.json).toEqual({ schemas: [SCIM.error], status: '405', detail: expect.any(String) });
  });
});

describe('ServiceProviderConfig and ResourceTypes', () => {
  it('says PATCH, filters (a page at most), sorting and ETags are supported; bulk and password changes are not', async () => {
    const { call } = await scimOrganization();
    expect((await call('GET', '/ServiceProviderConfig')).json).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 100 },
      sort: { supported: true },
      etag: { supported: true },
      bulk: { supported: false },
      changePassword: { supported: false },
    });
  });

  it('lists User, with the enterprise extension, and Group at /Groups; each at /ResourceTypes/{id}', async () => {
    const { call } = await scimOrganization();
    const list = await call('GET', '/ResourceTypes');
    expect(list.json).toMatchObject({ schemas: [SCIM.list], totalResults: 2 });
    const [user, group] = list.json.Resources;
    expect(user).toMatchObject({
      id: 'User',
      endpoint: '/Users',
      schema: SCIM.user,
      schemaExtensions: [{ schema: SCIM.enterprise, required: false }],
    });
    expect(group).toMatchObject({ id: 'Group', endpoint: '/Groups', schema: SCIM.group });
    expect((await call('GET', '/ResourceTypes/User')).json).toEqual(user);
    expect((await call('GET', '/ResourceTypes/Group')).json).toEqual(group);
    expect((await call('GET', '/ResourceTypes/Device')).status).toBe(404);
  });
});

/** Every attribute of `attributes`, sub-attributes included, as [path, attribute]. */
function flatten(attributes: Attribute[], prefix = ''): [string, Attribute][] {
  return attributes.flatMap((attribute) => [
    [`${prefix}${attribute.name}`, attribute] as [string, Attribute],
    ...flatten(attribute.subAttributes ?? [], `${prefix}${attribute.name}.`),
  ]);
}

describe('Schemas', () => {
  async function schemas(invited: string[] = []) {
    const { call } = await scimOrganization(invited);
    const list = await call('GET', '/Schemas');
    const byId = Object.fromEntries(
      (list.json.Resources as { id: string; attributes: Attribute[] }[]).map((schema) => [schema.id, schema]),
    );
    return { call, list, byId };
  }

  it('lists the User, enterprise User and Group schemas; each is served alone at /Schemas/{urn}', async () => {
    const { call, list, byId } = await schemas();
    expect(list.json.totalResults).toBe(3);
    expect(Object.keys(byId)).toEqual([SCIM.user, SCIM.enterprise, SCIM.group]);
    for (const urn of [SCIM.user, SCIM.enterprise, SCIM.group])
      expect((await call('GET', `/Schemas/${urn}`)).json).toEqual(byId[urn]);
    expect((await call('GET', '/Schemas/urn:example:nothing')).status).toBe(404);
  });

  it('gives every attribute, sub-attributes included, its type and the characteristics', async () => {
    const { byId } = await schemas();
    for (const schema of Object.values(byId))
      for (const [path, attribute] of flatten(schema.attributes)) {
        expect(attribute, `${schema.id} ${path}`).toMatchObject({
          type: expect.stringMatching(/^(string|boolean|complex|dateTime|reference)$/),
          multiValued: expect.any(Boolean),
          required: expect.any(Boolean),
          caseExact: expect.any(Boolean),
          mutability: expect.stringMatching(/^(readOnly|readWrite|immutable|writeOnly)$/),
          returned: expect.stringMatching(/^(always|never|default|request)$/),
          uniqueness: expect.stringMatching(/^(none|server|global)$/),
          description: expect.any(String),
        });
        expect(attribute.type === 'complex', `${path} has sub-attributes exactly when complex`).toBe(
          Boolean(attribute.subAttributes?.length),
        );
      }
  });

  it('states how the service treats the attributes that matter: userName, id, externalId, emails, Group members', async () => {
    const { byId } = await schemas();
    const user = Object.fromEntries(flatten(byId[SCIM.user].attributes));
    expect(user.userName).toMatchObject({ required: true, uniqueness: 'server', caseExact: false });
    expect(user.id).toMatchObject({ mutability: 'readOnly', returned: 'always', caseExact: true });
    expect(user.externalId).toMatchObject({ caseExact: true, mutability: 'readWrite' });
    expect(user['emails.value']).toMatchObject({ mutability: 'immutable' });
    expect(user['roles.display']).toMatchObject({ mutability: 'readOnly' });
    expect(user.meta).toMatchObject({ mutability: 'readOnly' });
    const group = Object.fromEntries(flatten(byId[SCIM.group].attributes));
    expect(group.displayName).toMatchObject({ required: true, uniqueness: 'server' });
    expect(group.externalId).toMatchObject({ caseExact: true });
    expect(Object.keys(group).filter((path) => path.startsWith('members.'))).toEqual([
      'members.value',
      'members.display',
      'members.$ref',
      'members.type',
    ]);
  });

  it('describes every attribute a User is answered with, at every depth', async () => {
    const address = 'full@example.com';
    const { call, byId } = await schemas([address]);
    const { json } = await call('POST', '/Users', {
      schemas: [SCIM.user, SCIM.enterprise],
      externalId: 'x1',
      userName: address,
      name: {
        formatted: 'F',
        familyName: 'F',
        givenName: 'G',
        middleName: 'M',
        honorificPrefix: 'P',
        honorificSuffix: 'S',
      },
      displayName: 'D',
      nickName: 'N',
      title: 'T',
      userType: 'Employee',
      preferredLanguage: 'en',
      locale: 'en-US',
      timezone: 'UTC',
      phoneNumbers: [{ value: '1', type: 'work', primary: true }],
      addresses: [
        {
          type: 'work',
          formatted: 'F',
          streetAddress: 'S',
          locality: 'L',
          region: 'R',
          postalCode: 'P',
          country: 'US',
          primary: true,
        },
      ],
      [SCIM.enterprise]: {
        employeeNumber: '1',
        costCenter: '2',
        organization: 'O',
        division: 'V',
        department: 'D',
        manager: { value: 'm', displayName: 'M' },
      },
    });
    const described = (urn: string) => new Set(flatten(byId[urn].attributes).map(([path]) => path));
    const core = described(SCIM.user);
    const enterprise = described(SCIM.enterprise);
    /** The attribute paths of a resource's value, one element of a list standing for all. */
    const pathsOf = (value: unknown, prefix = ''): string[] =>
      Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
        const item = Array.isArray(child) ? child[0] : child;
        return item && typeof item === 'object'
          ? [prefix + key, ...pathsOf(item, `${prefix}${key}.`)]
          : [prefix + key];
      });
    const { schemas: _schemas, [SCIM.enterprise]: extension, ...coreValue } = json;
    expect(pathsOf(coreValue).filter((path) => !core.has(path))).toEqual([]);
    expect(pathsOf(extension).filter((path) => !enterprise.has(path))).toEqual([]);
    expect(pathsOf(extension).length).toBeGreaterThan(6);
  });
});
