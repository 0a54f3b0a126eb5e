// The filters a directory sends on every sync are answered by an index, not a scan of the organization
// (lib/scim/filter): userName eq, externalId eq, emails.value eq on Users and displayName eq on Groups,
// shown by the planner's own EXPLAIN over 3,000 members and 3,000 groups after ANALYZE, naming the index.
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { groupFilter, userFilter } from '@/lib/scim/filter';
import { rows } from '@/lib/sql';
import { useTestDatabase } from '../support/db';
import { addManyMembers, createOrganizationWithOwner } from '../support/factories';

useTestDatabase();

const MANY = 3000;
let organizationId: string;

beforeEach(async () => {
  const db = await getDb();
  const { organization } = await createOrganizationWithOwner('Planned');
  organizationId = organization.id;
  await addManyMembers(organizationId, MANY);
  await db.execute(sql`UPDATE memberships SET scim_user_name = 'Many.' || id, external_id = 'ext-' || id
    WHERE organization_id = ${organizationId} AND role = 'member'`);
  await db.execute(sql`INSERT INTO scim_groups (organization_id, display_name, external_id)
    SELECT ${organizationId}, 'Group ' || g, 'g-' || g FROM generate_series(1, ${MANY}::int) g`);
  await db.execute(sql`ANALYZE memberships`);
  await db.execute(sql`ANALYZE users`);
  await db.execute(sql`ANALYZE scim_groups`);
});

/** The planner's plan for `query`, as text. */
async function plan(query: SQL): Promise<string> {
  const db = await getDb();
  const lines = await rows(db, sql`EXPLAIN ${query}`, z.object({ 'QUERY PLAN': z.string() }));
  return lines.map((line) => line['QUERY PLAN']).join('\n');
}

function usersWhere(filter: string): SQL {
  return sql`SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.organization_id = ${organizationId} AND (${userFilter(organizationId, filter)})`;
}

describe('the filters of every sync use an index', () => {
  it.each([
    ['userName eq "MANY.X"', 'memberships_organization_scim_user_name_lower_idx'],
    ['userName eq "many-7@example.com"', 'users_email_unique'],
    ['externalId eq "ext-x"', 'memberships_organization_external_id_idx'],
    ['emails.value eq "MANY-7@example.com"', 'users_email_unique'],
    ['emails[type eq "work"].value eq "many-7@example.com"', 'users_email_unique'],
  ])('Users: %s uses %s', async (filter, index) => {
    const shown = await plan(usersWhere(filter));
    expect(shown, shown).toContain(index);
    expect(shown, shown).not.toMatch(/Seq Scan on memberships/);
  });

  it('Groups: displayName eq uses the unique index on lower(display_name)', async () => {
    const shown = await plan(sql`SELECT g.id FROM scim_groups g
      WHERE g.organization_id = ${organizationId} AND (${groupFilter(organizationId, 'displayName eq "GROUP 7"')})`);
    expect(shown, shown).toContain('scim_groups_organization_display_name_idx');
    expect(shown, shown).not.toMatch(/Seq Scan on scim_groups/);
  });
});
