// SCIM Users kept exactly as the directory sent them (issue 17, item 3), on PGlite and PostgreSQL: every
// attribute round-trips as sent (a two-word given name stays one, nothing derived is added), title and
// department reach the users list's columns in the same write, PUT clears what it no longer sends, PATCH
// reaches every path Okta and Microsoft Entra use (enterprise URN paths, value filters, Entra's path-less
// replace of dotted keys), hostile or oversized values are refused, and a role from a group mapping
// stays whatever `roles` says.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { memberships, scimGroups } from '@/db/schema';
import { useTestDatabase } from '../support/db';
import { patchOf, SCIM, scimOrganization } from '../support/scim-client';

useTestDatabase();

const MARY = 'mary.smith@example.com';

/** Every attribute the service keeps, as an identity provider sends it. */
function everything() {
  return {
    schemas: [SCIM.user, SCIM.enterprise],
    externalId: '00u-mary',
    userName: 'Mary.Smith@Example.com',
    name: {
      formatted: 'Dr. Mary Ann Smith III',
      familyName: 'Smith',
      givenName: 'Mary Ann',
      middleName: 'Ann',
      honorificPrefix: 'Dr.',
      honorificSuffix: 'III',
    },
    displayName: 'Mary Ann Smith',
    nickName: 'Mare',
    title: 'Staff Engineer',
    userType: 'Employee',
    preferredLanguage: 'en-GB',
    locale: 'en-GB',
    timezone: 'Europe/London',
    active: true,
    emails: [{ value: MARY, type: 'work', primary: true }],
    phoneNumbers: [
      { value: '+44 20 7946 0000', type: 'work', primary: true },
      { value: '+44 7700 900000', type: 'mobile' },
    ],
    addresses: [
      {
        type: 'work',
        formatted: '1 Main Street\nLondon EC1A 1AA\nUK',
        streetAddress: '1 Main Street',
        locality: 'London',
        region: 'Greater London',
        postalCode: 'EC1A 1AA',
        country: 'GB',
        primary: true,
      },
    ],
    roles: [{ value: 'member', display: 'Member', primary: true }],
    [SCIM.enterprise]: {
      employeeNumber: '701984',
      costCenter: '4130',
      organization: 'Acme Ltd',
      division: 'Research',
      department: 'Platform',
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', displayName: 'John Smith' },
    },
  };
}

/** The columns the users list reads, for the member `id`. */
async function columnsOf(id: string) {
  const [row] = await (
    await getDb()
  )
    .select({
      userName: memberships.scimUserName,
      name: memberships.directoryName,
      title: memberships.title,
      department: memberships.department,
      role: memberships.role,
    })
    .from(memberships)
    .where(eq(memberships.id, id));
  return row;
}

/** The resource without what the service adds (id, meta) and without what it never returns (the password). */
function asSent(resource: Record<string, unknown>) {
  const { id: _id, meta: _meta, ...rest } = resource;
  return rest;
}

describe('every attribute as sent', () => {
  it('round-trips every kept attribute exactly as sent: POST, GET and the list answer the same', async () => {
    const { call } = await scimOrganization([MARY]);
    const created = await call('POST', '/Users', everything());
    expect(created.status).toBe(201);
    expect(asSent(created.json)).toEqual(everything());
    const read = await call('GET', `/Users/${created.json.id}`);
    expect(asSent(read.json)).toEqual(everything());
    const listed = await call(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "mary.smith@example.com"')}`,
    );
    expect((listed.json.Resources as Record<string, unknown>[]).map(asSent)).toEqual([everything()]);
    expect(await columnsOf(created.json.id)).toEqual({
      userName: 'Mary.Smith@Example.com',
      name: 'Mary Ann Smith',
      title: 'Staff Engineer',
      department: 'Platform',
      role: 'member',
    });
  });

  it('"Mary Ann" "Smith" comes back as two parts, with no formatted name or displayName made up', async () => {
    const { call } = await scimOrganization([MARY]);
    const created = await call('POST', '/Users', {
      schemas: [SCIM.user],
      userName: MARY,
      name: { givenName: 'Mary Ann', familyName: 'Smith' },
      emails: [{ value: MARY, primary: true }],
    });
    expect(created.json.name).toEqual({ givenName: 'Mary Ann', familyName: 'Smith' });
    expect(created.json).not.toHaveProperty('displayName');
    expect(created.json.schemas, 'no extension URN without the extension').toEqual([SCIM.user]);
    expect((await columnsOf(created.json.id)).name, "the console's display").toBe('Mary Ann Smith');
  });

  it('attributes and excludedAttributes name the enterprise extension and its attributes by URN', async () => {
    const { call } = await scimOrganization([MARY]);
    const { json } = await call('POST', '/Users', everything());
    const only = await call(
      'GET',
      `/Users/${json.id}?attributes=${SCIM.enterprise}:department,name.givenName`,
    );
    expect(asSent(only.json)).toEqual({
      schemas: [SCIM.user, SCIM.enterprise],
      name: { givenName: 'Mary Ann' },
      [SCIM.enterprise]: { department: 'Platform' },
    });
    const without = await call('GET', `/Users/${json.id}?excludedAttributes=${SCIM.enterprise},addresses`);
    expect(without.json).not.toHaveProperty(SCIM.enterprise);
    expect(without.json).not.toHaveProperty('addresses');
    expect(without.json.title).toBe('Staff Engineer');
  });
});

describe('PUT and PATCH', () => {
  it('PUT replaces: what it no longer sends is cleared, in the answer and in the columns', async () => {
    const { call } = await scimOrganization([MARY]);
    const { json } = await call('POST', '/Users', everything());
    const replaced = await call('PUT', `/Users/${json.id}`, {
      schemas: [SCIM.user],
      userName: MARY,
      name: { givenName: 'Mary', familyName: 'Smith' },
      emails: [{ value: MARY, primary: true }],
      externalId: '00u-mary',
    });
    expect(replaced.status).toBe(200);
    expect(asSent(replaced.json)).toEqual({
      schemas: [SCIM.user],
      externalId: '00u-mary',
      userName: MARY,
      name: { givenName: 'Mary', familyName: 'Smith' },
      active: true,
      emails: [{ value: MARY, type: 'work', primary: true }],
      roles: [{ value: 'member', display: 'Member', primary: true }],
    });
    expect(await columnsOf(json.id)).toMatchObject({ title: null, department: null, name: 'Mary Smith' });
  });

  it('PATCH reaches enterprise URN paths, name parts, and value-filtered addresses and phone numbers', async () => {
    const { call } = await scimOrganization([MARY]);
    const { json } = await call('POST', '/Users', everything());
    const patched = await call(
      'PATCH',
      `/Users/${json.id}`,
      patchOf(
        { op: 'Replace', path: `${SCIM.enterprise}:department`, value: 'Research' },
        { op: 'Add', path: `${SCIM.enterprise}:manager`, value: 'a1b2c3' },
        { op: 'replace', path: 'name.givenName', value: 'Mary Jane' },
        { op: 'replace', path: 'addresses[type eq "work"].locality', value: 'Leeds' },
        { op: 'replace', path: 'phoneNumbers[type eq "work"].value', value: '+44 113 496 0000' },
        { op: 'add', path: 'title', value: 'Principal Engineer' },
        { op: 'remove', path: 'nickName' },
      ),
    );
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    expect(patched.json[SCIM.enterprise], "Entra's manager by id replaces the manager whole").toEqual({
      ...everything()[SCIM.enterprise],
      department: 'Research',
      manager: { value: 'a1b2c3' },
    });
    expect(patched.json.name).toMatchObject({ givenName: 'Mary Jane', familyName: 'Smith' });
    expect(patched.json.addresses[0]).toMatchObject({ locality: 'Leeds', postalCode: 'EC1A 1AA' });
    expect(patched.json.phoneNumbers).toEqual([
      { value: '+44 113 496 0000', type: 'work', primary: true },
      { value: '+44 7700 900000', type: 'mobile' },
    ]);
    expect(patched.json).not.toHaveProperty('nickName');
    expect(await columnsOf(json.id)).toMatchObject({ title: 'Principal Engineer', department: 'Research' });
  });

  it("Entra's path-less Replace of dotted keys sets each attribute it names", async () => {
    const { call } = await scimOrganization([MARY]);
    const { json } = await call('POST', '/Users', everything());
    const patched = await call(
      'PATCH',
      `/Users/${json.id}`,
      patchOf({
        op: 'Replace',
        value: {
          'name.givenName': 'May',
          'name.familyName': 'Smythe',
          title: 'Director',
          [`${SCIM.enterprise}:department`]: 'Sales',
          active: 'False',
        },
      }),
    );
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({
      name: { givenName: 'May', familyName: 'Smythe', formatted: 'Dr. Mary Ann Smith III' },
      title: 'Director',
      active: false,
      [SCIM.enterprise]: { department: 'Sales', costCenter: '4130' },
    });
    expect(await columnsOf(json.id)).toMatchObject({ title: 'Director', department: 'Sales' });
  });

  it('PATCH of a member created with no extension adds it, and its URN to schemas', async () => {
    const { call } = await scimOrganization([MARY]);
    const { json } = await call('POST', '/Users', { userName: MARY, schemas: [SCIM.user] });
    const patched = await call(
      'PATCH',
      `/Users/${json.id}`,
      patchOf({ op: 'add', path: `${SCIM.enterprise}:employeeNumber`, value: '42' }),
    );
    expect(patched.json.schemas).toEqual([SCIM.user, SCIM.enterprise]);
    expect(patched.json[SCIM.enterprise]).toEqual({ employeeNumber: '42' });
  });
});

describe('refusals', () => {
  it.each([
    [
      '11 phone numbers',
      { phoneNumbers: Array.from({ length: 11 }, (_, i) => ({ value: `+1 555 01${i}` })) },
    ],
    ['a title of 256 characters', { title: 'x'.repeat(256) }],
    ['a name that is not an object', { name: 'Mary Smith' }],
    ['a phone number that is not text', { phoneNumbers: [{ value: 5550100 }] }],
    ['a tab in a locality', { addresses: [{ locality: 'Lon\tdon' }] }],
    ['a control character in the department', { [SCIM.enterprise]: { department: 'R\u0000D' } }],
    ['a primary that is not a boolean', { addresses: [{ locality: 'London', primary: 'yes' }] }],
  ])('%s: 400 invalidValue, nobody created', async (_label, extra) => {
    const { call } = await scimOrganization([MARY]);
    const refused = await call('POST', '/Users', { schemas: [SCIM.user], userName: MARY, ...extra });
    expect([refused.status, refused.json.scimType]).toEqual([400, 'invalidValue']);
    const list = await call('GET', '/Users');
    expect(list.json.totalResults, 'only the Owner').toBe(1);
  });
});

describe('a role from a group mapping', () => {
  it('stays whatever roles a PUT or PATCH sends: the mapping wins; the other attributes still change', async () => {
    const { organization, call } = await scimOrganization([MARY]);
    const { json } = await call('POST', '/Users', everything());
    const db = await getDb();
    const [group] = await db
      .insert(scimGroups)
      .values({ organizationId: organization.id, displayName: 'Engineering Leads', mappedRole: 'admin' })
      .returning({ id: scimGroups.id });
    await db
      .update(memberships)
      .set({ role: 'admin', roleGroupId: group.id })
      .where(eq(memberships.id, json.id));
    const put = await call('PUT', `/Users/${json.id}`, { ...everything(), title: 'Lead' });
    expect([put.status, put.json.roles[0].value, put.json.title]).toEqual([200, 'admin', 'Lead']);
    const patch = await call(
      'PATCH',
      `/Users/${json.id}`,
      patchOf({ op: 'replace', path: 'roles', value: [{ value: 'member', primary: true }] }),
    );
    expect([patch.status, patch.json.roles[0].value]).toEqual([200, 'admin']);
    expect((await columnsOf(json.id)).role).toBe('admin');
  });
});
