// The External marker and filter of the user table (lib/user-table, DESIGN §10), on PGlite and
// PostgreSQL: a member whose address is outside every counting domain of the organization is External,
// only when the organization has one; the filter lists them alone (no invitations), its count agrees,
// the URL parameter is read strictly, a bulk "select all matching" resolves the same rows, and the
// number of statements does not grow with the organization.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { organizationDomains } from '@/db/schema';
import type { DomainStatus } from '@/db/values';
import { parseUserTableParams, tableQuery, viewQuery } from '@/lib/shared/user-table';
import { listUserTable } from '@/lib/user-table/list';
import { changeRoles } from '@/lib/members';
import { useTestDatabase } from '../support/db';
import { addInvitation, addMember, createOrganizationWithOwner, createUser } from '../support/factories';
import { openCountingHandle, type CountingHandle } from '../support/counting';

const testDb = useTestDatabase();

const freshDomain = () => `corp-${randomBytes(4).toString('hex')}.test`;

async function claim(organizationId: string, domain: string, status: DomainStatus = 'verified') {
  const db = await getDb();
  await db
    .insert(organizationDomains)
    .values({ organizationId, domain, status, token: randomBytes(8).toString('hex') });
}

/** Owner (example.com), two members at the domain (one with an upper-case address), one outside, an invitation outside. */
async function organizationWithPeople() {
  const { organization, owner } = await createOrganizationWithOwner('Acme');
  const domain = freshDomain();
  const inside = await addMember(organization.id, 'member', await createUser({ email: `in@${domain}` }));
  const upper = await addMember(
    organization.id,
    'admin',
    await createUser({ email: `Upper@${domain.toUpperCase()}` }),
  );
  const outside = await addMember(
    organization.id,
    'member',
    await createUser({ email: 'contractor@agency.test' }),
  );
  await addInvitation(organization.id, { email: 'guest@agency.test' });
  return { organization, owner, domain, inside, upper, outside };
}

const externalOf = (page: Awaited<ReturnType<typeof listUserTable>>) =>
  Object.fromEntries(page.rows.map((row) => [row.email, row.external]));

describe('the External marker', () => {
  it('marks members outside every counting domain; never invitations', async () => {
    const { organization, owner, domain, inside, upper, outside } = await organizationWithPeople();
    await claim(organization.id, domain);
    const page = await listUserTable(owner, { organizationId: organization.id });
    expect(externalOf(page)).toEqual({
      [owner.email]: true,
      [inside.email]: false,
      [upper.email]: false,
      [outside.email]: true,
      'guest@agency.test': false,
    });
  });

  it('marks nobody when the organization has no counting domain (none, pending or removed)', async () => {
    const { organization, owner, domain } = await organizationWithPeople();
    const none = await listUserTable(owner, { organizationId: organization.id });
    expect(Object.values(externalOf(none)).every((external) => !external)).toBe(true);
    await claim(organization.id, domain, 'pending');
    await claim(organization.id, freshDomain(), 'removed');
    const pending = await listUserTable(owner, { organizationId: organization.id });
    expect(Object.values(externalOf(pending)).every((external) => !external)).toBe(true);
  });

  it('counts a failing domain (within its grace) and two domains alike', async () => {
    const { organization, owner, domain, outside } = await organizationWithPeople();
    await claim(organization.id, domain, 'failing');
    await claim(organization.id, 'agency.test');
    const page = await listUserTable(owner, { organizationId: organization.id });
    expect(externalOf(page)[outside.email]).toBe(false);
    expect(externalOf(page)[owner.email]).toBe(true);
  });
});

describe('the External filter', () => {
  it('lists only External members, with a total that agrees, and no invitations', async () => {
    const { organization, owner, domain, outside } = await organizationWithPeople();
    await claim(organization.id, domain);
    const page = await listUserTable(owner, { organizationId: organization.id, external: true });
    expect(page.rows.map((row) => row.email).sort()).toEqual([outside.email, owner.email].sort());
    expect(page.total).toBe(2);
    const second = await listUserTable(owner, {
      organizationId: organization.id,
      external: true,
      pageSize: 10,
      page: 2,
    });
    expect(second.total).toBe(2);
  });

  it('finds nobody in an organization without a counting domain', async () => {
    const { organization, owner } = await organizationWithPeople();
    const page = await listUserTable(owner, { organizationId: organization.id, external: true });
    expect(page.rows).toEqual([]);
    expect(page.total).toBe(0);
  });

  it('is read from `external=1` only, and kept in the view query', () => {
    expect(parseUserTableParams({ external: '1' }).external).toBe(true);
    for (const value of ['true', 'yes', '0', ' 1', '1 ', '', undefined, ['1', '1']])
      expect(parseUserTableParams({ external: value }).external).toBe(false);
    const params = parseUserTableParams({ external: '1', role: 'member' });
    expect(tableQuery('org', params).external).toBe(true);
    expect(new URLSearchParams(viewQuery(params)).get('external')).toBe('1');
    expect(new URLSearchParams(viewQuery(parseUserTableParams({}))).has('external')).toBe(false);
  });

  it('"Select all matching" with the filter changes exactly the External members', async () => {
    const { organization, owner, domain, inside, outside } = await organizationWithPeople();
    await claim(organization.id, domain);
    const extra = await addMember(organization.id, 'member', await createUser({ email: 'x@agency.test' }));
    const result = await changeRoles(owner, {
      organizationId: organization.id,
      role: 'admin',
      matching: {
        filter: { search: '', role: 'member', status: null, inactive: null, external: true },
        count: 2,
      },
    });
    expect(result.changed).toBe(2);
    const page = await listUserTable(owner, { organizationId: organization.id });
    const roles = Object.fromEntries(page.rows.map((row) => [row.email, row.role]));
    expect([roles[outside.email], roles[extra.email], roles[inside.email]]).toEqual([
      'admin',
      'admin',
      'member',
    ]);
  });
});

describe('statements per page with the External marker and filter', () => {
  let counting: CountingHandle;
  beforeAll(async () => {
    counting = await openCountingHandle(testDb);
  });
  afterAll(async () => {
    await counting?.close();
  });

  async function organizationOf(size: number) {
    const { organization, owner } = await createOrganizationWithOwner(`Org ${size}`);
    const domain = freshDomain();
    await claim(organization.id, domain);
    const db = await getDb();
    await db.execute(sql`
      WITH u AS (
        INSERT INTO users (email, name)
        SELECT 'p' || g || '-' || ${size}::text || CASE WHEN g % 2 = 0 THEN '@' || ${domain} ELSE '@outside.test' END, 'P ' || g
        FROM generate_series(1, ${size - 1}::int) g
        RETURNING id
      )
      INSERT INTO memberships (organization_id, user_id, role) SELECT ${organization.id}, id, 'member' FROM u`);
    return { orgId: organization.id, owner };
  }

  it('the first page is one statement at 10 and at 2,000 members, marked and filtered alike', async () => {
    const small = await organizationOf(10);
    const large = await organizationOf(2_000);
    for (const external of [false, true]) {
      const a = await counting.measure(() =>
        listUserTable(small.owner, { organizationId: small.orgId, external }),
      );
      const b = await counting.measure(() =>
        listUserTable(large.owner, { organizationId: large.orgId, external }),
      );
      expect(a.statements, a.statements.join('\n;\n')).toHaveLength(1);
      expect(b.statements, b.statements.join('\n;\n')).toHaveLength(1);
      expect(b.result.total).toBe(external ? 1_001 : 2_000);
      if (external) expect(b.result.rows.every((row) => row.external)).toBe(true);
    }
  });
});
