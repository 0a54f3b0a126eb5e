// The SCIM service over HTTP (app/api/scim/v2), on PGlite and PostgreSQL: the requests Okta's and
// Microsoft Entra's provisioning runs make, one call a test, their answers checked whole against RFC
// 7643/7644 shapes; every token state; errors as RFC 7644 §3.12 objects; the per-token rate limit.
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

/** The User Okta creates: every attribute it sends, a password among them. */
function oktaAda() {
  return {
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
  };
}

/** Ada as the service answers her. */
const ada = {
  externalId: '00u1okta',
  userName: 'ada.lovelace@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  displayName: 'Ada Lovelace',
  locale: 'en-US',
  active: true,
  emails: [{ value: 'ada.lovelace@example.com', type: 'work', primary: true }],
  roles: [{ value: 'member', display: 'Member', primary: true }],
};

/** An organization whose directory has created Ada over HTTP: its token and her id. */
async function withAda() {
  const organization = await provisionedOrganization('Acme', ['ada.lovelace@example.com']);
  const created = await scim('POST', '/Users', { token: organization.token, body: oktaAda() });
  expect(created.status, 'Ada is created').toBe(201);
  return { ...organization, id: created.json.id as string, created };
}

const adaFilter = encodeURIComponent('userName eq "ada.lovelace@example.com"');

describe("Okta's calls", () => {
  it('a userName nobody has answers 200 with an empty ListResponse, as application/scim+json', async () => {
    const { token } = await provisionedOrganization('Acme');
    const lookup = await scim('GET', `/Users?filter=${adaFilter}&startIndex=1&count=100`, { token });
    expect(lookup.status).toBe(200);
    expect(lookup.headers.get('content-type')).toBe('application/scim+json');
    expect(lookup.json).toEqual({
      schemas: [LIST],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it('POST /Users answers 201 with the User and its Location; the password is not kept', async () => {
    const { id, created } = await withAda();
    expect(created.json).toEqual(expectedUser(id, ada));
    expect(created.headers.get('location')).toBe(`${base()}/Users/${id}`);
    expect(JSON.stringify(created.json)).not.toContain('ignored-by-us');
  });

  it('GET /Users/{id} answers the User as it was created', async () => {
    const { token, id } = await withAda();
    const read = await scim('GET', `/Users/${id}`, { token });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(expectedUser(id, ada));
  });

  it('the userName filter finds the created User', async () => {
    const { token, id } = await withAda();
    const found = await scim('GET', `/Users?filter=${adaFilter}`, { token });
    expect(found.json).toMatchObject({ totalResults: 1, Resources: [{ id }] });
  });

  it('PATCH replace { active: false } deactivates the User, { active: true } reactivates them', async () => {
    const { token, id } = await withAda();
    const off = await scim('PATCH', `/Users/${id}`, {
      token,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] },
    });
    expect([off.status, off.json.active]).toEqual([200, false]);
    const on = await scim('PATCH', `/Users/${id}`, {
      token,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] },
    });
    expect([on.status, on.json.active]).toEqual([200, true]);
  });

  it('PUT replaces the name: the parts as sent, the displayName it no longer sends cleared', async () => {
    const { token, id, created } = await withAda();
    const replaced = await scim('PUT', `/Users/${id}`, {
      token,
      body: { ...created.json, name: { givenName: 'Ada', familyName: 'King' }, displayName: undefined },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json.name).toEqual({ givenName: 'Ada', familyName: 'King' });
    expect(replaced.json).not.toHaveProperty('displayName');
  });

  it('pages with startIndex and count', async () => {
    const emails = ['p1@example.com', 'p2@example.com', 'p3@example.com'];
    const { token } = await provisionedOrganization('Acme', emails);
    for (const userName of emails)
      await scim('POST', '/Users', { token, body: { schemas: [USER], userName } });
    const page = await scim('GET', '/Users?startIndex=2&count=2', { token });
    // The Owner and the three.
    expect(page.json).toMatchObject({ totalResults: 4, startIndex: 2, itemsPerPage: 2 });
    expect(page.json.Resources).toHaveLength(2);
  });

  it('attributes=userName answers only the id, meta, schemas and userName', async () => {
    const { token } = await withAda();
    const only = await scim('GET', '/Users?attributes=userName&count=1', { token });
    expect(Object.keys(only.json.Resources[0]).sort()).toEqual(['id', 'meta', 'schemas', 'userName']);
  });
});

describe("Microsoft Entra's calls", () => {
  const email = 'grace@example.com';

  /** Grace as Entra creates her, with the enterprise extension. */
  async function withGrace() {
    const { token } = await provisionedOrganization('Acme', [email]);
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
    return { token, created, id: created.json.id as string };
  }

  it('POST with the enterprise extension creates the User: 201', async () => {
    const { created, id } = await withGrace();
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id, userName: email, externalId: 'entra-grace', active: true });
  });

  it('PATCH \'Replace\' active "False" deactivates the User', async () => {
    const { token, id } = await withGrace();
    const off = await scim('PATCH', `/Users/${id}`, {
      token,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
    });
    expect([off.status, off.json.active]).toEqual([200, false]);
  });

  it("one PATCH of 'Add' displayName, 'Replace' the work email and 'Replace' active \"True\" applies all three", async () => {
    const { token, id } = await withGrace();
    const renamed = await scim('PATCH', `/Users/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'active', value: 'False' },
          { op: 'Add', path: 'displayName', value: 'Rear Admiral Hopper' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: email },
          { op: 'Replace', path: 'active', value: 'True' },
        ],
      },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({
      displayName: 'Rear Admiral Hopper',
      active: true,
      emails: [{ value: email, type: 'work', primary: true }],
    });
  });

  it("PATCH 'Remove' externalId unlinks the User", async () => {
    const { token, id } = await withGrace();
    const unlinked = await scim('PATCH', `/Users/${id}`, {
      token,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'externalId' }] },
    });
    expect(unlinked.status).toBe(200);
    expect(unlinked.json.externalId).toBeUndefined();
  });

  it('a body over 64 KiB is answered 413, the User unchanged', async () => {
    const { token, id, created } = await withGrace();
    const huge = await scim('PUT', `/Users/${id}`, {
      token,
      body: { schemas: [USER], userName: email, padding: 'x'.repeat(70 * 1024) },
    });
    expect(huge.json).toMatchObject({ schemas: [ERROR], status: '413' });
    expect((await scim('GET', `/Users/${id}`, { token })).json).toEqual(created.json);
  });

  it('DELETE answers 204, after which GET answers 404 as an error object', async () => {
    const { token, id } = await withGrace();
    const removed = await scim('DELETE', `/Users/${id}`, { token });
    expect(removed.status).toBe(204);
    const gone = await scim('GET', `/Users/${id}`, { token });
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ schemas: [ERROR], status: '404', detail: expect.any(String) });
  });
});

describe('errors as RFC 7644 error objects', () => {
  it('a second User with the same userName: 409 uniqueness', async () => {
    const { token } = await withAda();
    const duplicate = await scim('POST', '/Users', { token, body: oktaAda() });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json).toEqual({
      schemas: [ERROR],
      status: '409',
      scimType: 'uniqueness',
      detail: expect.any(String),
    });
  });

  it.each(['password eq "x"', '__proto__ eq "x"', 'userName eq', '(userName eq "a"'])(
    'the filter %s: 400 invalidFilter',
    async (filter) => {
      const { token } = await provisionedOrganization();
      const refused = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`, { token });
      expect(refused.status).toBe(400);
      expect(refused.json).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
    },
  );

  it('a User with the role owner: 403, nobody created', async () => {
    const { token } = await provisionedOrganization('Acme', ['o@example.com']);
    const owner = await scim('POST', '/Users', {
      token,
      body: { schemas: [USER], userName: 'o@example.com', roles: ['owner'] },
    });
    expect(owner.json).toMatchObject({ schemas: [ERROR], status: '403' });
    const found = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "o@example.com"')}`, {
      token,
    });
    expect(found.json.totalResults).toBe(0);
  });

  it('a POST without a body: 400 invalidSyntax', async () => {
    const { token } = await provisionedOrganization();
    const syntax = await scim('POST', '/Users', { token, body: undefined });
    expect(syntax.json).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidSyntax' });
  });

  it.each(['/Users/not-a-uuid', '/Users/%2e%2e', '/Users/a/b', '/Bulk'])(
    'GET %s, which the service does not have: 404',
    async (path) => {
      const { token } = await provisionedOrganization();
      const answer = await scim('GET', path, { token });
      expect(answer.status).toBe(404);
      expect(answer.json).toMatchObject({ schemas: [ERROR], status: '404' });
    },
  );

  it('a count that is not a number: 400', async () => {
    const { token } = await provisionedOrganization();
    expect((await scim('GET', '/Users?count=abc', { token })).json).toMatchObject({ status: '400' });
  });

  it('a negative count is read as 0: no Resources', async () => {
    const { token } = await provisionedOrganization();
    const answer = await scim('GET', '/Users?count=-5', { token });
    expect(answer.json).toMatchObject({ itemsPerPage: 0, Resources: [] });
  });
});

describe('discovery', () => {
  it('ServiceProviderConfig says PATCH and filters are supported', async () => {
    const { token } = await provisionedOrganization();
    const discovery = await scim('GET', '/ServiceProviderConfig', { token });
    expect(discovery.json).toMatchObject({ patch: { supported: true }, filter: { supported: true } });
  });

  it('ResourceTypes/User names the /Users endpoint and the User schema', async () => {
    const { token } = await provisionedOrganization();
    expect((await scim('GET', '/ResourceTypes/User', { token })).json).toMatchObject({
      endpoint: '/Users',
      schema: USER,
    });
  });

  it('the User schema lists userName among its attributes', async () => {
    const { token } = await provisionedOrganization();
    const schema = (await scim('GET', `/Schemas/${USER}`, { token })).json as {
      attributes: { name: string }[];
    };
    expect(schema.attributes.map((attribute) => attribute.name)).toContain('userName');
  });
});

describe('tokens', () => {
  const refusals: [string, (token: string) => { token?: string | null; authorization?: string }][] = [
    ['no token', () => ({ token: null })],
    ['a malformed token', () => ({ authorization: 'Bearer not-a-token' })],
    ['a live token sent as Basic, not Bearer', (token) => ({ authorization: `Basic ${token}` })],
    ['an unknown token', () => ({ token: `aihub_scim_${'A'.repeat(43)}` })],
  ];
  it.each(refusals)('%s: 401 with WWW-Authenticate: Bearer', async (_state, options) => {
    const { token } = await provisionedOrganization();
    const refused = await scim('GET', '/Users', options(token));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(refused.json).toMatchObject({ schemas: [ERROR], status: '401' });
  });

  it("another organization's token neither reads nor deletes a User: 404", async () => {
    const { token, id } = await withAda();
    const other = await provisionedOrganization('Other');
    expect((await scim('GET', `/Users/${id}`, { token: other.token })).status).toBe(404);
    expect((await scim('DELETE', `/Users/${id}`, { token: other.token })).status).toBe(404);
    expect((await scim('GET', `/Users/${id}`, { token })).status, 'still there').toBe(200);
  });

  it('with provisioning turned off the token is refused 401, and works again once it is back on', async () => {
    const { organization, owner, token } = await provisionedOrganization();
    await setProvisioning(owner, { organizationId: organization.id, enabled: false });
    expect((await scim('GET', '/Users', { token })).status).toBe(401);
    await setProvisioning(owner, { organizationId: organization.id, enabled: true });
    expect((await scim('GET', '/Users', { token })).status).toBe(200);
  });

  it('a deleted token is refused 401', async () => {
    const { organization, owner, token, tokenId } = await provisionedOrganization();
    await deleteScimToken(owner, { organizationId: organization.id, tokenId });
    expect((await scim('GET', '/Users', { token })).status).toBe(401);
  });

  it('an expired token is refused 401', async () => {
    const { token } = await provisionedOrganization();
    expect((await scim('GET', '/Users', { token })).status).toBe(200);
    advanceClock(366 * 24 * 3_600_000);
    expect((await scim('GET', '/Users', { token })).status).toBe(401);
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
