// The user table's SQL fragments: the search pattern, the filters' conditions and each column's sort
// key. The role sort follows the roles' order in lib/shared/policy.ts, so the table sorts as the menus list.
import { sql, type SQL } from 'drizzle-orm';
import { invitationRoles, roleOrder, roles } from '@/lib/shared/roles';
import type { MemberRole } from '@/db/values';
import type { SortKey } from '../shared/user-table';
import { organizationDomains } from '@/db/schema';
import { atCountingDomain, countingDomain } from '../domains/counting';

/**
 * A member whose address (`email`: `u.email` by default) is outside every counting domain of the
 * organization, which has at least one (else nobody is External). The first test is one look-up for the
 * whole statement (it names no row); the second one index look-up per row asked, on (organization_id,
 * domain): the page's rows are marked after the page is cut (lib/user-table/rows.ts), so a page costs
 * as many look-ups as it shows, wherever it is.
 */
export function externalMember(organizationId: string, email: SQL = sql`u.email`): SQL {
  return sql`(EXISTS (SELECT 1 FROM ${organizationDomains} WHERE ${countingDomain(organizationId)})
    AND NOT ${atCountingDomain(organizationId, email)})`;
}

/** `text` with LIKE's wildcards escaped, to match itself. */
export function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export const and = (parts: SQL[]) => sql.join(parts, sql` AND `);

/** One bound parameter: a single value compares with `=` (an index can then give the order too). */
export function oneOf(
  column: SQL,
  values: readonly string[],
  type: 'member_role' | 'invitation_role' | 'member_status' | 'text',
): SQL {
  return values.length === 1
    ? sql`${column} = ${values[0]}::${sql.raw(type)}`
    : sql`${column} = ANY(${`{${values.join(',')}}`}::${sql.raw(`${type}[]`)})`;
}

/**
 * A role's place in `roles` (0 for Owner), for a column holding one of `list`. Each half names only the
 * values its column can hold: 'owner' is no invitation_role, and PostgreSQL refuses to compare with it.
 */
function roleSort(column: SQL, list: readonly MemberRole[]): SQL {
  const cases = list.map((role) => sql.raw(`WHEN '${role}' THEN ${roleOrder[role]}`));
  return sql`CASE ${column} ${sql.join(cases, sql` `)} END`;
}

/** What each half sorts by, for each column of the table. */
export function sortKeyOf(sortKey: SortKey, invitationStatus: SQL): { member: SQL; invitation: SQL } {
  const member: Record<SortKey, SQL> = {
    date: sql`m.created_at`,
    name: sql`lower(coalesce(u.name, u.email))`,
    email: sql`u.email`,
    role: roleSort(sql`m.role`, roles),
    status: sql`CASE m.status WHEN 'active' THEN 0 ELSE 5 END`,
    // Never active since joining sorts as the longest ago.
    active: sql`coalesce(m.last_active_at, '-infinity'::timestamptz)`,
  };
  const invitation: Record<SortKey, SQL> = {
    // First invited: a resend does not move the row (db/schema/organizations.ts indexes this order).
    date: sql`i.created_at`,
    name: sql`lower(i.email)`,
    email: sql`i.email`,
    role: roleSort(sql`i.role`, invitationRoles),
    status: sql`CASE (${invitationStatus}) WHEN 'pending' THEN 1 WHEN 'not_delivered' THEN 2 WHEN 'expired' THEN 3 ELSE 4 END`,
    // An invitation has not been active at all: as long ago as can be, like a member never active.
    active: sql`'-infinity'::timestamptz`,
  };
  return { member: member[sortKey], invitation: invitation[sortKey] };
}
