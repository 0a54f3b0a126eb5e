// The user table: members and pending invitations of one organization in one list, searched, filtered,
// sorted and paged in the database, in a number of statements that does not depend on the organization's
// size: the first page with the access check and the counts in one, a later page in two (the check with
// the total, then the page). The page reads only what it shows: each half (members,
// invitations) walks its own index in the order asked for and stops after the rows needed, and a page
// past the middle is read from the other end (the last page costs what the first one does): ./user-table-rows.ts.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Database } from '@/db/client';
import { invitations, memberships, users } from '@/db/schema';
import { memberRoleValues, type MemberRole } from '@/db/values';
import type { Actor } from '../shared/actor';
import { actorRoleQuery, requirePermission } from '../access';
import { now } from '../clock';
import { activeMember, invitees, members, openInvitation } from '../conditions';
import { MAX_SEARCH } from '../shared/limits';
import { isInvitationRole } from '@/lib/shared/roles';
import { rolesWith, type Permission } from '@/lib/shared/permissions';
import { clampPage, lastPage, pageWithin } from '../shared/paging';
import { column, rows } from '../sql';
import { readFirstPage, readPage } from './rows';
import type { UserRow } from './row';
import { departmentsJson } from './departments';
import { memberStatuses, pageSizeOf, type SortKey, type UserStatus } from '../shared/user-table';
import { and, escapeLike, externalMember, oneOf } from './sql';

const DAY = 24 * 60 * 60 * 1000;

export interface UserTableQuery {
  organizationId: string;
  search?: string;
  roles?: MemberRole[];
  statuses?: UserStatus[];
  /** Only members not active for this many days (never active: counted from when they joined). */
  inactiveDays?: number | null;
  /** Only members whose address is outside every counting domain (none when the organization has none). */
  external?: boolean;
  /** Only members of this department, as the directory sent it (memberships.department). */
  department?: string | null;
  sort?: SortKey;
  direction?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export type { UserRow };

export interface UserTablePage {
  rows: UserRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** The organization's members who are active, and the seats in use (lib/organizations/seats.ts), whatever the filter. */
  seats: { activeMembers: number; used: number };
  /** The organization's departments, for the Department filter (./departments.ts). */
  departments: string[];
}

/**
 * What the page asks for, as SQL conditions that the count and the page share (and that a bulk change
 * of every matching row resolves again on the server: lib/members/targets.ts).
 */
export interface Filters {
  organizationId: string;
  page: number;
  pageSize: number;
  offset: number;
  sortKey: SortKey;
  descending: boolean;
  /** Whether members (always active) and invitations can match at all. */
  wantMembers: boolean;
  wantInvitations: boolean;
  /** A search (or the External filter) reads the members' names and addresses, so their count joins users. */
  searching: boolean;
  /** Whether members are narrowed beyond the organization (role, status, inactivity or search). */
  membersFiltered: boolean;
  memberWhere: SQL;
  invitationWhere: SQL;
  /** An invitation's status as the table shows it: declined, expired, not delivered or pending. */
  invitationStatus: SQL;
}

/** The invitations the table lists (alias `i`): pending and declined ones, in the words of the index that serves them (db/schema/organizations.ts). */
function invitationsListed(organizationId: string): SQL {
  return sql`i.organization_id = ${organizationId} AND i.status NOT IN ('accepted', 'revoked')`;
}

/**
 * One page of the user table. Owners and Admins only. The first page comes with the access check and the
 * counts in one statement; a later one reads the total first, to know from which end to read (two).
 */
export async function listUserTable(actor: Actor, query: UserTableQuery): Promise<UserTablePage> {
  const db = await getDb();
  const filters = readFilters(query);
  const { pageSize } = filters;
  let read: Omit<UserTablePage, 'pageSize' | 'pageCount'>;
  if (filters.page === 1) {
    const head = { sql: headQuery(actor, filters, 'console:access', true), row: headRow };
    const first = await readFirstPage(db, head, filters);
    read = { ...readHead(first.head), rows: first.rows, page: 1 };
  } else {
    const [head] = await rows(db, headQuery(actor, filters, 'console:access', true), headRow);
    const { total, seats, departments } = readHead(head);
    // Past the end, the last page is read instead (lib/shared/paging.ts pageWithin).
    const page = pageWithin(filters.page, total, pageSize);
    const within = { ...filters, page, offset: (page - 1) * pageSize };
    const nothingToRead = within.offset >= total || (!filters.wantMembers && !filters.wantInvitations);
    const pageRows = nothingToRead ? [] : await readPage(db, within, total);
    read = { total, seats, departments, page, rows: pageRows };
  }
  return { ...read, pageSize, pageCount: lastPage(read.total, pageSize) };
}

/** The page, the order and the search and filters of `query`, each half (members, invitations) its own conditions. */
export function readFilters(query: UserTableQuery): Filters {
  const organizationId = query.organizationId;
  const pageSize = pageSizeOf(query.pageSize);
  const page = clampPage(query.page ?? 1);
  const at = now().toISOString();
  const search = query.search?.trim().toLowerCase().slice(0, MAX_SEARCH);
  const pattern = search ? `%${escapeLike(search)}%` : null;
  const wantRoles = query.roles?.length ? query.roles : null;
  const wantStatuses = query.statuses?.length ? query.statuses : null;
  const invitationRoles = wantRoles?.filter(isInvitationRole) ?? null;
  const isMemberStatus = (status: UserStatus) => (memberStatuses as readonly string[]).includes(status);
  const invitationStatuses = wantStatuses?.filter((status) => !isMemberStatus(status)) ?? null;
  const wantedMemberStatuses = wantStatuses?.filter(isMemberStatus) ?? null;

  const memberWhere: SQL[] = [sql`m.organization_id = ${organizationId}`];
  if (wantRoles) memberWhere.push(oneOf(sql`m.role`, wantRoles, 'member_role'));
  if (wantedMemberStatuses && wantedMemberStatuses.length > 0)
    memberWhere.push(oneOf(sql`m.status`, wantedMemberStatuses, 'member_status'));
  const inactiveSince = query.inactiveDays ? new Date(now().getTime() - query.inactiveDays * DAY) : null;
  // Inactive: the last use, or the joining for someone never active since, before the cut-off.
  if (inactiveSince)
    memberWhere.push(
      sql`coalesce(m.last_active_at, m.created_at) < ${inactiveSince.toISOString()}::timestamptz`,
    );
  // The search reads the name, the address, and the title and department the directory sent.
  if (pattern)
    memberWhere.push(sql`(lower(u.email) LIKE ${pattern} OR lower(coalesce(u.name, '')) LIKE ${pattern}
      OR lower(coalesce(m.title, '')) LIKE ${pattern} OR lower(coalesce(m.department, '')) LIKE ${pattern})`);
  if (query.external) memberWhere.push(externalMember(organizationId));
  if (query.department) memberWhere.push(sql`m.department = ${query.department}`);

  const invitationStatus = sql`CASE WHEN i.status = 'declined' THEN 'declined'
    WHEN i.expires_at <= ${at}::timestamptz THEN 'expired'
    WHEN i.delivery_status IN ('failed', 'bounced', 'complained') THEN 'not_delivered' ELSE 'pending' END`;
  const invitationWhere: SQL[] = [invitationsListed(organizationId)];
  if (invitationRoles) invitationWhere.push(oneOf(sql`i.role`, invitationRoles, 'invitation_role'));
  if (invitationStatuses) invitationWhere.push(oneOf(sql`(${invitationStatus})`, invitationStatuses, 'text'));
  if (pattern) invitationWhere.push(sql`i.email LIKE ${pattern}`);

  return {
    organizationId,
    page,
    pageSize,
    offset: (page - 1) * pageSize,
    sortKey: query.sort ?? 'date',
    descending: query.direction !== 'asc',
    wantMembers: !wantedMemberStatuses || wantedMemberStatuses.length > 0,
    wantInvitations:
      !inactiveSince &&
      !query.external &&
      !query.department &&
      (!invitationRoles || invitationRoles.length > 0) &&
      (!invitationStatuses || invitationStatuses.length > 0),
    searching: pattern !== null || Boolean(query.external),
    membersFiltered: memberWhere.length > 1,
    memberWhere: and(memberWhere),
    invitationWhere: and(invitationWhere),
    invitationStatus,
  };
}

/**
 * The access check, the total and the seats in use, in one statement; refuses a non-member (NOT_FOUND)
 * and a role without `permission` (FORBIDDEN). The counts are computed only for a role the policy gives
 * it, and nothing is returned before the check passes.
 *
 * Each half is read once for what the header and the pager need: one pass over the organization's
 * members (an index-only scan of (organization_id, status)) gives the active ones, the seats they take
 * and, for the unfiltered view, the total; one pass over its listed invitations gives the matching ones
 * and those that take a seat (lib/organizations/seats.ts). A filtered view counts its members on its own index.
 */
export async function countAndAuthorize(
  db: Database,
  actor: Actor,
  filters: Filters,
  permission: Permission = 'console:access',
): Promise<{ total: number; seats: UserTablePage['seats'] }> {
  const [head] = await rows(db, headQuery(actor, filters, permission), headRow);
  return readHead(head, permission);
}

/** What `headQuery` answers: the actor's role, and the counts when that role may see them (else null). */
const headRow = z.object({
  actor_role: z.enum(memberRoleValues).nullable(),
  total: column.nullableCount,
  active_members: column.nullableCount,
  seats_used: column.nullableCount,
  departments: column.json(z.array(z.string()).nullable()).optional(),
});

/** `countAndAuthorize`'s statement: one row, its counts null unless the actor's role has `permission`. */
function headQuery(
  actor: Actor,
  filters: Filters,
  permission: Permission = 'console:access',
  withDepartments = false,
): SQL {
  const { organizationId, memberWhere, invitationWhere } = filters;
  const consoleRoles = rolesWith(permission);
  const memberCount = !filters.wantMembers
    ? sql`0`
    : !filters.membersFiltered
      ? sql`members.everyone`
      : filters.searching
        ? sql`(SELECT count(*) FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id WHERE ${memberWhere})`
        : sql`(SELECT count(*) FROM ${memberships} m WHERE ${memberWhere})`;
  return sql`WITH actor AS (${actorRoleQuery(organizationId, actor)}),
        allowed AS (SELECT (SELECT role FROM actor) = ANY(${`{${consoleRoles.join(',')}}`}::member_role[]) AS ok),
        members AS (
          SELECT count(*) AS everyone, count(*) FILTER (WHERE ${activeMember(members)}) AS active
          FROM ${memberships} m WHERE m.organization_id = ${organizationId} AND (SELECT ok FROM allowed)),
        listed AS (
          SELECT count(*) FILTER (WHERE ${filters.wantInvitations ? invitationWhere : sql`false`}) AS matching,
                 count(*) FILTER (WHERE ${openInvitation(now(), invitees)}) AS seats
          FROM ${invitations} i WHERE ${invitationsListed(organizationId)} AND (SELECT ok FROM allowed))
        SELECT (SELECT role::text FROM actor) AS actor_role,
               CASE WHEN allowed.ok THEN (${memberCount} + listed.matching)::int END AS total,
               CASE WHEN allowed.ok THEN members.active::int END AS active_members,
               CASE WHEN allowed.ok THEN (members.active + listed.seats)::int END AS seats_used
               ${withDepartments ? sql`, CASE WHEN allowed.ok THEN ${departmentsJson(organizationId)} END AS departments` : sql``}
        FROM allowed, members, listed`;
}

/** Refuses a non-member (NOT_FOUND) and a role without `permission` (FORBIDDEN); else the counts. */
function readHead(head: z.output<typeof headRow> | undefined, permission: Permission = 'console:access') {
  requirePermission(head?.actor_role, permission);
  return {
    total: head?.total ?? 0,
    seats: { activeMembers: head?.active_members ?? 0, used: head?.seats_used ?? 0 },
    departments: head?.departments ?? [],
  };
}

export { readAllRows, type TableCursor } from './rows';
