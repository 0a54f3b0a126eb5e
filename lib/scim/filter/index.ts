// SCIM `filter`, `sortBy` and `sortOrder` (RFC 7644 §3.4.2.2–3) for Users and Groups, as parameterized
// SQL: the filter read by our own linear parser within FILTER_BOUNDS (./parse.ts), its names looked up in
// the resource's attribute table (./user-attributes.ts, ./group-attributes.ts), compiled to one condition
// (./compile.ts); sortBy to an ORDER BY list (./order.ts). Refusals are 400 invalidFilter (the filter)
// or invalidValue (sortBy, sortOrder), each saying what was wrong.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { compile } from './compile';
import { groupAttributes } from './group-attributes';
import { orderBy } from './order';
import { parseFilter } from './parse';
import { userAttributes } from './user-attributes';

export { FILTER_BOUNDS } from './parse';

/** `filter` as a condition on `m` (memberships) and `u` (users, u.id = m.user_id); null when there is none. */
export function userFilter(organizationId: string, filter: string | null): SQL | null {
  if (filter === null || filter.trim() === '') return null;
  return compile(userAttributes(organizationId), parseFilter(filter));
}

/**
 * `filter` as a condition on `g` (scim_groups); null when there is none. The caller's WHERE scopes `g` to
 * the organization, and no Group attribute needs it again: `organizationId` keeps userFilter's call shape.
 */
export function groupFilter(_organizationId: string, filter: string | null): SQL | null {
  if (filter === null || filter.trim() === '') return null;
  return compile(groupAttributes, parseFilter(filter));
}

/** The Users' ORDER BY list: by `sortBy` when given, else oldest first; the id breaks ties. */
export function userOrder(sortBy: string | null, sortOrder: string | null): SQL {
  // The table's userName look-up needs an organization only for `eq`; sorting reads its plain value.
  return orderBy(userAttributes(''), sortBy, sortOrder, { created: sql`m.created_at`, id: sql`m.id` });
}

/** The Groups' ORDER BY list: by `sortBy` when given, else oldest first; the id breaks ties. */
export function groupOrder(sortBy: string | null, sortOrder: string | null): SQL {
  return orderBy(groupAttributes, sortBy, sortOrder, { created: sql`g.created_at`, id: sql`g.id` });
}

/** The name lib/scim/read.ts still imports: the same as userFilter. */
export const filterCondition = userFilter;
