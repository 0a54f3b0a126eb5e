// What the directory sends, in the user table (issue 17 items 2 and 3), on PGlite and PostgreSQL: a
// member's title and department and the group their role comes from are read with the rows (the first
// page stays one statement, a later one two); the Department filter, its list of the organization's
// departments (walked on the index, capped), and the search matching title and department.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { memberships, scimGroupMembers, scimGroups } from '@/db/schema';
import { changeRoles } from '@/lib/members';
import { setGroupRole } from '@/lib/scim/groups/console';
import { MAX_DEPARTMENTS } from '@/lib/user-table/departments';
import { listUserTable } from '@/lib/user-table/list';
import { useCountingHandle } from '../support/counting';
import { useTestDatabase } from '../support/db';
import { addInvitation, addMember, createOrganizationWithOwner } from '../support/factories';

const testDb = useTestDatabase({ workJobs: false });
const counting = useCountingHandle(testDb);

async function profile(membershipId: string, title: string | null, department: string | null) {
  const db = await getDb();
  await db.update(memberships).set({ title, department }).where(eq(memberships.id, membershipId));
}

async function directoryOrganization() {
  const { organization, owner } = await createOrganizationWithOwner();
  const ann = await addMember(organization.id, 'member');
  const bob = await addMember(organization.id, 'member');
  await profile(ann.membershipId, 'Staff Engineer', 'Engineering');
  await profile(bob.membershipId, 'Account Executive', 'Sales');
  await addInvitation(organization.id);
  const db = await getDb();
  const [leads] = await db
    .insert(scimGroups)
    .values({ organizationId: organization.id, displayName: 'Engineering Leads' })
    .returning();
  await db
    .insert(scimGroupMembers)
    .values({ organizationId: organization.id, groupId: leads.id, membershipId: ann.membershipId });
  await setGroupRole(owner, { organizationId: organization.id, groupId: leads.id, role: 'admin' });
  return { organization, owner, ann, bob };
}

describe('title, department and the role’s group in the user table', () => {
  it('reads them with the rows, in the same number of statements', async () => {
    const { organization, owner, ann, bob } = await directoryOrganization();
    const first = await counting().measure(() =>
      listUserTable(owner, { organizationId: organization.id, pageSize: 10 }),
    );
    expect(first.statements).toHaveLength(1);
    const byEmail = new Map(first.result.rows.map((row) => [row.email, row]));
    expect(byEmail.get(ann.email)).toMatchObject({
      role: 'admin',
      title: 'Staff Engineer',
      department: 'Engineering',
      roleGroup: 'Engineering Leads',
    });
    expect(byEmail.get(bob.email)).toMatchObject({ department: 'Sales', roleGroup: null });
    expect(first.result.departments).toEqual(['Engineering', 'Sales']);

    const later = await counting().measure(() =>
      listUserTable(owner, { organizationId: organization.id, pageSize: 10, page: 2 }),
    );
    expect(later.statements).toHaveLength(2);
    expect(later.result.departments).toEqual(['Engineering', 'Sales']);
  });

  it('filters by department (members only) and searches title and department', async () => {
    const { organization, owner, ann, bob } = await directoryOrganization();
    const sales = await listUserTable(owner, { organizationId: organization.id, department: 'Sales' });
    expect(sales.rows.map((row) => row.email)).toEqual([bob.email]);
    expect(sales.total).toBe(1);
    const byTitle = await listUserTable(owner, { organizationId: organization.id, search: 'staff eng' });
    expect(byTitle.rows.map((row) => row.email)).toEqual([ann.email]);
    const byDepartment = await listUserTable(owner, { organizationId: organization.id, search: 'SALES' });
    expect(byDepartment.rows.map((row) => row.email)).toEqual([bob.email]);
  });

  it('a bulk change of every row of a department selects those rows alone', async () => {
    const { organization, owner, bob } = await directoryOrganization();
    const result = await changeRoles(owner, {
      organizationId: organization.id,
      role: 'admin',
      matching: { filter: { search: '', role: null, status: null, department: 'Sales' }, count: 1 },
    });
    expect(result.changed).toBe(1);
    const db = await getDb();
    const [row] = await db.select().from(memberships).where(eq(memberships.id, bob.membershipId));
    expect(row.role).toBe('admin');
  });

  it(`offers at most ${MAX_DEPARTMENTS} departments, in order, whatever the number of members`, async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const db = await getDb();
    await db.execute(sql`
      WITH u AS (
        INSERT INTO users (email, name)
        SELECT 'dept-' || g || '@example.com', 'Dept ' || g FROM generate_series(1, 600) g
        RETURNING id, email)
      INSERT INTO memberships (organization_id, user_id, role, department)
      SELECT ${organization.id}, id, 'member',
        'Department ' || lpad((substring(email from 6 for position('@' in email) - 6)::int % 150)::text, 3, '0')
      FROM u`);
    const page = await listUserTable(owner, { organizationId: organization.id });
    expect(page.departments).toHaveLength(MAX_DEPARTMENTS);
    expect(page.departments[0]).toBe('Department 000');
    expect(page.departments).toEqual([...page.departments].sort());
  });
});
