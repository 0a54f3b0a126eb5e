// The SCIM service over HTTP (app/api/scim/v2), on PGlite and PostgreSQL: the request sequences Okta's
// and Microsoft Entra's provisioning runs make, their answers checked whole against RFC 7643/7644 shapes;
// every token state; errors as RFC 7644 §3.12 objects; the per-token rate limit.
import { describe, expect, it, vi } from 'vitest';
import { advanceClock } from '@/lib/clock';
import { publicUrl } from '@/lib/config';
import { createScimToken, deleteScimToken, setProvisioning } from '@/lib/scim/tokens';
import { useTestDatabase } from '../support/db';
import { routeScimRequest } from '../support/scim-routes';
import { addInvitation, createOrganizationWithOwner } from '../support/factories';

useTestDatabase();

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

/** One request as an identity provider sends it; the answer's status, headers and JSON. */
async function scim(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: { token?: string | null; body?: unknown; authorization?: string } = {},
) {
  const url = new URL(`/api/scim/v2${path}`, 'http://127.0.0.1:3000');
  const headers: Record<string, string> = { 'Content-Type': 'application/scim+json' };
  if (options.authorization) headers.Authorization = options.authorization;
  else if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const request = new Request(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const response = await routeScimRequest(request);
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

/**
 * An organization with provisioning on and a token, which has invited `invited`: the people its
 * directory may then create (docs/rules.md rule 13).
 */
async function provisionedOrganization(name = 'Acme', invited: string[] = []) {
  const { organization, owner } = await createOrganizationWithOwner(name);
  for (const email of invited) await addInvitation(organization.id, { email });
  await setProvisioning(owner, { organizationId: organization.id, enabled: true });
  const { token, view } = await createScimToken(owner, { organizationId: organization.id, name: 'Okta' });
  return { organization, owner, token, tokenId: view.id };
}

const base = () => `${publicUrl()}/api/scim/v2`;

function expectedUser(id: string, fields: Record<string, unknown>) {
  return {
    schemas: [USER],
    id,
    ...fields,
    meta: {
      resourceType: 'User',
      created: ISO,
      lastModified: ISO,
      location: `${base()}/Users/${id}`,
      version: expect.stringMatching(/^W\/"\d+"$/),
    },
  };
}

describe('SCIM over HTTP', () => {
  it("Okta's run: look up by userName, create, get, deactivate and reactivate with PATCH active, replace with PUT, paginate", async () => {
    const { token } = await provisionedOrganization('Acme', [
      'ada.lovelace@example.com',
      'p1@example.com',
      'p2@example.com',
      'p3@example.com',
    ]);
    const filter = encodeURIComponent('userName eq "ada.lovelace@example.com"');
    const lookup = await scim('GET', `/Users?filter=${filter}&startIndex=1&count=100`, { token });
    expect(lookup.status).toBe(200);
    expect(lookup.headers.get('content-type')).toBe('application/scim+json');
    expect(lookup.json).toEqual({
      schemas: [LIST],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });

    const created = await scim('POST', '/Users', {
      token,
      body: {
        schemas: [USER],
        userName: 'ada.lovelace@example.com',
        name: { givenName: 'Ada', familyName: 'Lovelace' },
        emails: [{ primary: true, value: 'ada.lovelace@example.com', type: 'work' }],
        displayName: 'Ada Lovelace',
        locale: 'en-US',
        externalId: '00u1okta',
        groups: [],
        password: 'ignored-by-us',
        active: true,
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const ada = {
      externalId: '00u1okta',
      userName: 'ada.lovelace@example.com',
      name: { formatted: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace' },
      displayName: 'Ada Lovelace',
      active: true,
      emails: [{ value: 'ada.lovelace@example.com', type: 'work', primary: true }],
      roles: [{ value: 'member', display: 'Member', primary: true }],
    };
    expect(created.json).toEqual(expectedUser(id, ada));
    expect(created.headers.get('location')).toBe(`${base()}/Users/${id}`);
    expect(JSON.stringify(created.json)).not.toContain('ignored-by-us');

    expect((await scim('GET', `/Users/${id}`, { token })).json).toEqual(expectedUser(id, ada));
    const found = await scim('GET', `/Users?filter=${filter}`, { token });
    expect(found.json).toMatchObject({ totalResults: 1, Resources: [{ id }] });

    const off = await scim('PATCH', `/Users/${id}`, {
      token,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] },
    });
    expect([off.status, off.json.active]).toEqual([200, false]);
    const on = await scim('PATCH', `/Users/${id}`, {
      token,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] },
    });
    expect(on.json.active).toBe(true);

    const replaced = await scim('PUT', `/Users/${id}`, {
      token,
      body: { ...created.json, name: { givenName: 'Ada', familyName: 'King' }, displayName: undefined },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json.name).toEqual({ formatted: 'Ada King', givenName: 'Ada', familyName: 'King' });

    for (const n of [1, 2, 3])
      await scim('POST', '/Users', { token, body: { schemas: [USER], userName: `p${n}@example.com` } });
    const page = await scim('GET', '/Users?startIndex=2&count=2', { token });
    expect(page.json).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(page.json.Resources).toHaveLength(2);
    const only = await scim('GET', '/Users?attributes=userName&count=1', { token });
    expect(Object.keys(only.json.Resources[0]).sort()).toEqual(['id', 'meta', 'schemas', 'userName']);
  });

  it("Microsoft Entra's run: filter, create with the enterprise extension, PATCH with 'Replace' and \"False\", add displayName, delete", async () => {
    const email = 'grace@example.com';
    const { token } = await provisionedOrganization('Acme', [email]);
    const filter = encodeURIComponent(`userName eq "${email}"`);
    expect((await scim('GET', `/Users?filter=${filter}`, { token })).json.totalResults).toBe(0);
    const created = await scim('POST', '/Users', {
      token,
      body: {
        schemas: [USER, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
        externalId: 'entra-grace',
        userName: email,
        active: true,
        emails: [{ primary: true, type: 'work', value: email }],
        meta: { resourceType: 'User' },
        name: { formatted: 'Grace Hopper', familyName: 'Hopper', givenName: 'Grace' },
        roles: [],
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const off = await scim('PATCH', `/Users/${id}`, {
      token,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
    });
    expect([off.status, off.json.active]).toEqual([200, false]);
    const renamed = await scim('PATCH', `/Users/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Add', path: 'displayName', value: 'Rear Admiral Hopper' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: email },
          { op: 'Replace', path: 'active', value: 'True' },
        ],
      },
    });
    expect(renamed.json).toMatchObject({ displayName: 'Rear Admiral Hopper', active: true });
    const unlinked = await scim('PATCH', `/Users/${id}`, {
      token,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'externalId' }] },
    });
    expect(unlinked.status).toBe(200);
    expect(unlinked.json.externalId).toBeUndefined();
    const huge = await scim('PUT', `/Users/${id}`, {
      token,
      body: { schemas: [USER], userName: email, padding: 'x'.repeat(70 * 1024) },
    });
    expect(huge.json).toMatchObject({ status: '413' });
    const removed = await scim('DELETE', `/Users/${id}`, { token });
    expect(removed.status).toBe(204);
    const gone = await scim('GET', `/Users/${id}`, { token });
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ schemas: [ERROR], status: '404', detail: expect.any(String) });
  });

  it('answers errors as RFC 7644 error objects: duplicates 409 uniqueness, bad filters 400 invalidFilter, an Owner 403, bad JSON 400 invalidSyntax', async () => {
    const { token } = await provisionedOrganization('Acme', ['ada@example.com']);
    const body = { schemas: [USER], userName: 'ada@example.com' };
    await scim('POST', '/Users', { token, body });
    const duplicate = await scim('POST', '/Users', { token, body });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json).toEqual({
      schemas: [ERROR],
      status: '409',
      scimType: 'uniqueness',
      detail: expect.any(String),
    });
    const badFilter = await scim('GET', `/Users?filter=${encodeURIComponent('userName sw "a"')}`, { token });
    expect(badFilter.json).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    const owner = await scim('POST', '/Users', {
      token,
      body: { ...body, userName: 'o@example.com', roles: ['owner'] },
    });
    expect(owner.json).toMatchObject({ status: '403' });
    const syntax = await scim('POST', '/Users', { token, body: undefined });
    expect(syntax.json).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    for (const path of ['/Groups', '/Users/not-a-uuid', '/Users/%2e%2e', '/Users/a/b', '/Bulk'])
      expect((await scim('GET', path, { token })).json, path).toMatchObject({
        schemas: [ERROR],
        status: '404',
      });
    const proto = await scim('GET', `/Users?filter=${encodeURIComponent('__proto__ eq "x"')}`, { token });
    expect(proto.json).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    expect((await scim('GET', '/Users?count=abc', { token })).json).toMatchObject({ status: '400' });
    expect((await scim('GET', '/Users?count=-5', { token })).json).toMatchObject({ itemsPerPage: 0 });
    const discovery = await scim('GET', '/ServiceProviderConfig', { token });
    expect(discovery.json).toMatchObject({ patch: { supported: true }, filter: { supported: true } });
    expect((await scim('GET', '/ResourceTypes/User', { token })).json).toMatchObject({
      endpoint: '/Users',
      schema: USER,
    });
    const schema = (await scim('GET', `/Schemas/${USER}`, { token })).json as {
      attributes: { name: string }[];
    };
    expect(schema.attributes.map((attribute) => attribute.name)).toContain('userName');
  });

  it('refuses every token that is not a live one of this organization: 401 with WWW-Authenticate, another organization’s ids 404', async () => {
    const { organization, owner, token, tokenId } = await provisionedOrganization('Acme', [
      'ada@example.com',
    ]);
    const created = await scim('POST', '/Users', {
      token,
      body: { schemas: [USER], userName: 'ada@example.com' },
    });
    const other = await provisionedOrganization('Other');
    const states: [string, { token?: string | null; authorization?: string }][] = [
      ['none', { token: null }],
      ['malformed', { authorization: 'Bearer not-a-token' }],
      ['not bearer', { authorization: `Basic ${token}` }],
      ['unknown', { token: `aihub_scim_${'A'.repeat(43)}` }],
    ];
    for (const [state, options] of states) {
      const refused = await scim('GET', '/Users', options);
      expect(refused.status, state).toBe(401);
      expect(refused.headers.get('www-authenticate'), state).toMatch(/^Bearer/);
      expect(refused.json, state).toMatchObject({ schemas: [ERROR], status: '401' });
    }
    expect((await scim('GET', `/Users/${created.json.id}`, { token: other.token })).status).toBe(404);
    expect((await scim('DELETE', `/Users/${created.json.id}`, { token: other.token })).status).toBe(404);

    await setProvisioning(owner, { organizationId: organization.id, enabled: false });
    expect((await scim('GET', '/Users', { token })).status, 'provisioning off').toBe(401);
    await setProvisioning(owner, { organizationId: organization.id, enabled: true });
    expect((await scim('GET', '/Users', { token })).status).toBe(200);
    await deleteScimToken(owner, { organizationId: organization.id, tokenId });
    expect((await scim('GET', '/Users', { token })).status, 'deleted').toBe(401);
    advanceClock(366 * 24 * 3_600_000);
    expect((await scim('GET', '/Users', { token: other.token })).status, 'expired').toBe(401);
  });

  it('limits each token: past SCIM_REQUESTS_PER_MINUTE, 429 with Retry-After', async () => {
    vi.stubEnv('SCIM_REQUESTS_PER_MINUTE', '3');
    const { token } = await provisionedOrganization();
    for (let n = 0; n < 3; n++) expect((await scim('GET', '/Users', { token })).status).toBe(200);
    const limited = await scim('GET', '/Users', { token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.json).toMatchObject({ status: '429', scimType: 'tooMany' });
  });
});
