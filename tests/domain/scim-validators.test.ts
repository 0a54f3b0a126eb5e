// The request sequences the identity providers' own validators send (issue 17), over HTTP through the
// route files, on PGlite and PostgreSQL: Okta's SCIM 2.0 spec test and Microsoft's SCIM validator /
// Entra provisioning for Users; each single-User answer's ETag header equal to its meta.version and
// If-Match honoured (412, then success); 405 error objects for writes to the discovery endpoints; and
// the Schemas describing every attribute with its characteristics.
import { describe, expect, it } from 'vitest';
import { advanceClock } from '@/lib/clock';
import { useTestDatabase } from '../support/db';
import { patchOf, SCIM, scimOrganization } from '../support/scim-client';

useTestDatabase();

const ADDRESS = 'okta.test@example.com';

type Answer = { status: number; headers: Headers; json: Record<string, unknown> | null };

/** A single User's answer: its status, and its ETag header the same as its meta.version. */
function expectUser(answer: Answer, status: number) {
  expect(answer.status, JSON.stringify(answer.json)).toBe(status);
  const version = (answer.json?.meta as { version: string }).version;
  expect(version).toMatch(/^W\/"\d+"$/);
  expect(answer.headers.get('etag'), 'ETag header = meta.version').toBe(version);
  return answer.json as Record<string, unknown> & { id: string };
}

const filterOf = (expression: string) => `filter=${encodeURIComponent(expression)}`;

describe("Okta's SCIM 2.0 spec test", () => {
  it('reads an id, a userName, a given and a family name, active and an address on the first User listed (the Owner the console made)', async () => {
    const { call, owner } = await scimOrganization();
    const first = await call('GET', '/Users?count=1&startIndex=1');
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ schemas: [SCIM.list], startIndex: 1, itemsPerPage: 1 });
    const [listed] = (first.json as { Resources: Record<string, unknown>[] }).Resources;
    // createOrganizationWithOwner names the Owner "Olivia Owner" on her account; the directory named no one.
    expect(listed).toMatchObject({
      userName: owner.email,
      name: { formatted: 'Olivia Owner', givenName: 'Olivia', familyName: 'Owner' },
      displayName: 'Olivia Owner',
      active: true,
      emails: [{ value: owner.email }],
    });
    expect(await call('GET', `/Users/${String(listed.id)}`)).toMatchObject({ status: 200, json: listed });
    const missing = await call('GET', '/Users/00919288221112222');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ schemas: [SCIM.error], status: '404' });
    const groups = await call('GET', '/Groups');
    expect(groups.status).toBe(200);
    expect(groups.json).toMatchObject({ schemas: [SCIM.list], totalResults: 0, Resources: [] });
  });

  it('creates, finds by userName in another case, refuses a duplicate, replaces, deactivates and deletes', async () => {
    const { call } = await scimOrganization([ADDRESS]);
    const user = {
      schemas: [SCIM.user],
      userName: 'Okta.Test@Example.com',
      name: { givenName: 'Okta', familyName: 'Test' },
      emails: [{ primary: true, value: ADDRESS, type: 'work' }],
      password: '1mCr3@t3dUs3r',
      active: true,
      groups: [],
    };
    const created = expectUser(await call('POST', '/Users', user), 201);
    expect(created).toMatchObject({ userName: 'Okta.Test@Example.com', active: true });
    expect(JSON.stringify(created)).not.toContain('1mCr3@t3dUs3r');

    const read = expectUser(await call('GET', `/Users/${created.id}`), 200);
    expect(read).toEqual(created);

    const found = await call(
      'GET',
      `/Users?${filterOf('userName eq "okta.test@EXAMPLE.COM"')}&startIndex=1&count=100`,
    );
    expect(found.json).toMatchObject({
      schemas: [SCIM.list],
      totalResults: 1,
      Resources: [{ id: created.id, userName: 'Okta.Test@Example.com' }],
    });
    const nobody = await call('GET', `/Users?${filterOf('userName eq "nobody.random@example.com"')}`);
    expect(nobody.json).toMatchObject({ totalResults: 0, Resources: [] });

    const duplicate = await call('POST', '/Users', { ...user, userName: 'OKTA.TEST@EXAMPLE.COM' });
    expect([duplicate.status, duplicate.json]).toEqual([
      409,
      { schemas: [SCIM.error], status: '409', scimType: 'uniqueness', detail: expect.any(String) },
    ]);

    const replaced = expectUser(
      await call('PUT', `/Users/${created.id}`, {
        ...user,
        id: created.id,
        name: { givenName: 'Another', familyName: 'Name' },
      }),
      200,
    );
    expect(replaced.name).toEqual({ givenName: 'Another', familyName: 'Name' });

    const off = expectUser(
      await call('PATCH', `/Users/${created.id}`, patchOf({ op: 'replace', value: { active: false } })),
      200,
    );
    expect(off.active).toBe(false);
    expect(expectUser(await call('GET', `/Users/${created.id}`), 200).active).toBe(false);

    expect((await call('DELETE', `/Users/${created.id}`)).status).toBe(204);
    const gone = await call('GET', `/Users/${created.id}`);
    expect([gone.status, gone.json?.status]).toEqual([404, '404']);
  });
});

describe("Microsoft's SCIM validator and Entra provisioning", () => {
  it('finds nobody, creates with the enterprise extension and "True", patches in its dialect, deactivates with "False", deletes', async () => {
    const address = 'entra.test@example.com';
    const { call } = await scimOrganization([address], 'Entra');
    const lookup = await call('GET', `/Users?${filterOf(`userName eq "${address}"`)}`);
    expect(lookup.json).toMatchObject({ totalResults: 0 });

    const created = expectUser(
      await call('POST', '/Users', {
        schemas: [SCIM.user, SCIM.enterprise],
        externalId: 'a8f3c1d2',
        userName: 'Entra.Test@example.com',
        active: 'True',
        displayName: 'Entra Test',
        title: 'Engineer',
        emails: [{ primary: true, type: 'work', value: address }],
        name: { formatted: 'Entra Test', familyName: 'Test', givenName: 'Entra' },
        [SCIM.enterprise]: { employeeNumber: '1001', department: 'Platform' },
        roles: [],
      }),
      201,
    );
    expect(created).toMatchObject({
      schemas: [SCIM.user, SCIM.enterprise],
      userName: 'Entra.Test@example.com',
      active: true,
      [SCIM.enterprise]: { employeeNumber: '1001', department: 'Platform' },
    });
    const found = await call('GET', `/Users?${filterOf(`userName eq "${address.toUpperCase()}"`)}`);
    expect(found.json).toMatchObject({ totalResults: 1, Resources: [{ id: created.id }] });

    const patched = expectUser(
      await call(
        'PATCH',
        `/Users/${created.id}`,
        patchOf(
          { op: 'Replace', path: 'emails[type eq "work"].value', value: address },
          { op: 'Add', path: `${SCIM.enterprise}:manager`, value: 'b7e2d9f0' },
          { op: 'Replace', path: `${SCIM.enterprise}:department`, value: 'Research' },
          { op: 'Replace', path: 'displayName', value: 'Entra T.' },
          { op: 'Add', path: 'name.givenName', value: 'Entra' },
          { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
          { op: 'Add', path: 'addresses[type eq "work"].locality', value: 'Redmond' },
          { op: 'Replace', path: 'title', value: 'Senior Engineer' },
        ),
      ),
      200,
    );
    expect(patched).toMatchObject({
      displayName: 'Entra T.',
      title: 'Senior Engineer',
      phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }],
      addresses: [{ type: 'work', locality: 'Redmond' }],
      [SCIM.enterprise]: { employeeNumber: '1001', department: 'Research', manager: { value: 'b7e2d9f0' } },
    });

    const moved = await call(
      'PATCH',
      `/Users/${created.id}`,
      patchOf({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'elsewhere@example.com' }),
    );
    expect([moved.status, moved.json?.scimType], 'the address cannot change').toEqual([400, 'mutability']);

    const renamed = expectUser(
      await call(
        'PATCH',
        `/Users/${created.id}`,
        patchOf({ op: 'Replace', path: 'userName', value: 'ENTRA.test@Example.COM' }),
      ),
      200,
    );
    expect(renamed.userName, 'a new userName, kept as sent').toBe('ENTRA.test@Example.COM');

    const off = expectUser(
      await call('PATCH', `/Users/${created.id}`, patchOf({ op: 'Replace', path: 'active', value: 'False' })),
      200,
    );
    expect(off.active).toBe(false);
    const unmanaged = expectUser(
      await call(
        'PATCH',
        `/Users/${created.id}`,
        patchOf({ op: 'Remove', path: `${SCIM.enterprise}:manager` }),
      ),
      200,
    );
    expect(unmanaged[SCIM.enterprise]).toEqual({ employeeNumber: '1001', department: 'Research' });

    expect((await call('DELETE', `/Users/${created.id}`)).status).toBe(204);
    expect((await call('GET', `/Users/${created.id}`)).status).toBe(404);
  });
});

describe('versions (ETag and If-Match)', () => {
  async function withUser() {
    const directory = await scimOrganization([ADDRESS]);
    const created = expectUser(
      await directory.call('POST', '/Users', { userName: ADDRESS, title: 'One' }),
      201,
    );
    return { ...directory, created, version: (created.meta as { version: string }).version };
  }

  it('a PUT, PATCH or DELETE naming an old version is refused 412 and changes nothing; the current one, or *, succeeds', async () => {
    const { call, created, version } = await withUser();
    advanceClock(1_000);
    const changed = expectUser(
      await call('PATCH', `/Users/${created.id}`, patchOf({ op: 'replace', path: 'title', value: 'Two' }), {
        'If-Match': version,
      }),
      200,
    );
    const current = (changed.meta as { version: string }).version;
    expect(current, 'a change makes a new version').not.toBe(version);
    for (const [method, body] of [
      ['PUT', { userName: ADDRESS, title: 'Stale' }],
      ['PATCH', patchOf({ op: 'replace', path: 'title', value: 'Stale' })],
      ['DELETE', undefined],
    ] as const) {
      const stale = await call(method, `/Users/${created.id}`, body, { 'If-Match': version });
      expect([stale.status, stale.json?.status], method).toEqual([412, '412']);
    }
    expect(expectUser(await call('GET', `/Users/${created.id}`), 200).title).toBe('Two');
    const put = await call(
      'PUT',
      `/Users/${created.id}`,
      { userName: ADDRESS, title: 'Three' },
      { 'If-Match': current },
    );
    expect(expectUser(put, 200).title).toBe('Three');
    const any = await call('PATCH', `/Users/${created.id}`, patchOf({ op: 'remove', path: 'title' }), {
      'If-Match': '*',
    });
    expect(expectUser(any, 200)).not.toHaveProperty('title');
    const latest = (await call('GET', `/Users/${created.id}`)).headers.get('etag') ?? '';
    expect((await call('DELETE', `/Users/${created.id}`, undefined, { 'If-Match': latest })).status).toBe(
      204,
    );
  });
});

describe('sortBy and sortOrder', () => {
  it('GET /Users passes them to the list: userName descending, then ascending', async () => {
    const { call } = await scimOrganization(['b@example.com', 'a@example.com']);
    await call('POST', '/Users', { userName: 'b@example.com' });
    await call('POST', '/Users', { userName: 'a@example.com' });
    const names = async (order: string) =>
      (
        (
          await call(
            'GET',
            `/Users?${filterOf('userName eq "a@example.com" or userName eq "b@example.com"')}&sortBy=userName&sortOrder=${order}`,
          )
        ).json?.Resources as { userName: string }[]
      ).map((user) => user.userName);
    expect(await names('descending')).toEqual(['b@example.com', 'a@example.com']);
    expect(await names('ascending')).toEqual(['a@example.com', 'b@example.com']);
  });
});
