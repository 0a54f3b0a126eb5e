// The user table: members and pending invitations of one organization in one list, searched, filtered,
// sorted and paged in the database. Two statements per page whatever the organization's size: the
// access check with the total, then the page. The page reads only what it shows: each half (members,
// invitations) walks its own index in the order asked for and stops after the rows needed, and a page
// past the middle is read from the other end (the last page costs what the first one does).
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, type Database } from '@/db/client';
import { invitations, memberships, users, type MemberRole } from '@/db/schema';
import type { Actor } from './actor';
import { actorRoleQuery, requirePermission } from './access';
import { now } from './clock';
import { seatsUsedQuery } from './seats';
import { MAX_SEARCH } from './limits';
import { isInvitationRole, rolesWith, type Permission } from './policy';
import { clampPage } from './paging';
import { rows } from './sql';
import { memberStatuses, pageSizeOf, type SortKey, type UserStatus } from './user-table-params';
import { and, escapeLike, oneOf, sortKeyOf } from './user-table-sql';

export * from './user-table-params';

const DAY = 24 * 60 * 60 * 1000;

export interface UserTableQuery {
  organizationId: string;
  search?: string;
  roles?: MemberRole[];
  statuses?: UserStatus[];
  /** Only members not active for this many days (never active: counted from when they joined). */
  inactiveDays?: number | null;
  sort?: SortKey;
  direction?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export interface UserRow {
  kind: 'member' | 'invitation';
  /** Membership id or invitation id: what row actions send back. */
  id: string;
  userId: string | null;
  name: string | null;
  email: string;
  role: MemberRole;
  status: UserStatus;
  /** Added: joined (members) or first invited (invitations); a resend does not move it. */
  date: Date;
  expiresAt: Date | null;
  /** Invitations: when the last email went out and how many went out. */
  lastSentAt: Date | null;
  sendCount: number | null;
  invitedBy: string | null;
  deliveryError: string | null;
  /** Invitations: where the newest email is (db/schema.ts's delivery_status). */
  deliveryStatus: string | null;
  /** Members: when they last used AI Hub here (lib/last-active.ts); null when not since joining. */
  lastActiveAt: Date | null;
  /** Members the identity provider manages over SCIM (docs/rules.md rule 13). */
  directoryManaged: boolean;
}

export interface UserTablePage {
  rows: UserRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** The organization's members who are active, and the seats in use (lib/seats.ts), whatever the filter. */
  seats: { activeMembers: number; used: number };
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
  /** A search reads the members' names and addresses, so their count joins users. */
  searching: boolean;
  memberWhere: SQL;
  invitationWhere: SQL;
  /** An invitation's status as the table shows it: declined, expired, not delivered or pending. */
  invitationStatus: SQL;
}

/** One page of the user table. Owners and Admins only. */
export async function listUserTable(actor: Actor, query: UserTableQuery): Promise<UserTablePage> {
  const db = await getDb();
  const filters = readFilters(query);
  const { total, seats } = await countAndAuthorize(db, actor, filters);
  const { page, pageSize } = filters;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const nothingToRead = filters.offset >= total || (!filters.wantMembers && !filters.wantInvitations);
  const rows = nothingToRead ? [] : await readPage(db, filters, total);
  return { rows, total, page, pageSize, pageCount, seats };
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
  if (pattern)
    memberWhere.push(sql`(lower(u.email) LIKE ${pattern} OR lower(coalesce(u.name, '')) LIKE ${pattern})`);

  const invitationStatus = sql`CASE WHEN i.status = 'declined' THEN 'declined'
    WHEN i.expires_at <= ${at}::timestamptz THEN 'expired'
    WHEN i.delivery_status IN ('failed', 'bounced', 'complained') THEN 'not_delivered' ELSE 'pending' END`;
  // Pending and declined invitations, in the words of the index that serves them (db/schema.ts).
  const invitationWhere: SQL[] = [
    sql`i.organization_id = ${organizationId}`,
    sql`i.status NOT IN ('accepted', 'revoked')`,
  ];
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
      (!invitationRoles || invitationRoles.length > 0) &&
      (!invitationStatuses || invitationStatuses.length > 0),
    searching: pattern !== null,
    memberWhere: and(memberWhere),
    invitationWhere: and(invitationWhere),
    invitationStatus,
  };
}

/**
 * The access check, the total and the seats in use, in one statement; refuses a non-member (NOT_FOUND)
 * and a role without `permission` (FORBIDDEN). The counts are computed only for a role the policy gives
 * it, and nothing is returned before the check passes.
 */
export async function countAndAuthorize(
  db: Database,
  actor: Actor,
  filters: Filters,
  permission: Permission = 'console:access',
): Promise<{ total: number; seats: UserTablePage['seats'] }> {
  const { organizationId, memberWhere, invitationWhere } = filters;
  const consoleRoles = rolesWith(permission);
  const memberCount = filters.wantMembers
    ? filters.searching
      ? sql`(SELECT count(*) FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id WHERE ${memberWhere})`
      : sql`(SELECT count(*) FROM ${memberships} m WHERE ${memberWhere})`
    : sql`0`;
  const invitationCount = filters.wantInvitations
    ? sql`(SELECT count(*) FROM ${invitations} i WHERE ${invitationWhere})`
    : sql`0`;
  const allowed = sql`(SELECT role FROM actor) = ANY(${`{${consoleRoles.join(',')}}`}::member_role[])`;
  const [head] = await rows<{
    actor_role: MemberRole | null;
    total: number | null;
    active_members: number | null;
    seats_used: number | null;
  }>(
    db,
    sql`WITH actor AS (${actorRoleQuery(organizationId, actor.userId)})
        SELECT (SELECT role::text FROM actor) AS actor_role,
               CASE WHEN ${allowed} THEN (${memberCount} + ${invitationCount})::int END AS total,
               CASE WHEN ${allowed} THEN (SELECT count(*) FROM ${memberships} m
                 WHERE m.organization_id = ${organizationId} AND m.status = 'active')::int END AS active_members,
               CASE WHEN ${allowed} THEN (${seatsUsedQuery(organizationId, now())})::int END AS seats_used`,
  );
  requirePermission(head?.actor_role, permission);
  return {
    total: Number(head?.total ?? 0),
    seats: { activeMembers: Number(head?.active_members ?? 0), used: Number(head?.seats_used ?? 0) },
  };
}

interface PageRow {
  kind: 'member' | 'invitation';
  id: string;
  user_id: string | null;
  name: string | null;
  email: string;
  role: MemberRole;
  status: UserStatus;
  date: string | Date;
  expires_at: string | Date | null;
  last_sent_at: string | Date | null;
  send_count: number | null;
  invited_by: string | null;
  delivery_error: string | null;
  delivery_status: string | null;
  last_active_at: string | Date | null;
  directory_managed: boolean;
  /** The sort key as text: where a keyset read resumes (TableCursor). */
  k: string;
}

/**
 * The page, in one statement: each half reads at most the rows the page needs through its own index,
 * and the union is sorted and cut. Past the middle the page is read from the other end (reversed order,
 * a small offset) and turned back.
 */
async function readPage(db: Database, filters: Filters, total: number): Promise<UserRow[]> {
  const { pageSize, offset } = filters;
  const reverse = 2 * offset + pageSize > total;
  const limit = reverse ? Math.min(pageSize, total - offset) : pageSize;
  const skip = reverse ? Math.max(0, total - offset - pageSize) : offset;
  const found = await readRows(db, filters, { limit, skip, reverse, after: null });
  if (reverse) found.reverse();
  return found.map(toUserRow);
}

/**
 * Where a read in the table's order resumes: the last row read, by its sort key (as text, cast back to
 * its type), address and id. Reading after it walks each half's index from there, so every chunk of a
 * long read (an export) costs what the first one does.
 */
export interface TableCursor {
  key: string;
  email: string;
  id: string;
}

/** The SQL type of each sort key, to cast a cursor's key back. */
const sortKeyTypes: Record<SortKey, string> = {
  date: 'timestamptz',
  name: 'text',
  email: 'text',
  role: 'int',
  status: 'int',
  active: 'timestamptz',
};

/**
 * Every row of the view in its order, `chunkSize` rows per statement, each chunk read after the last
 * row of the one before (keyset paging): the memory held is one chunk's, whatever the view's size.
 */
export async function* readAllRows(
  db: Database,
  filters: Filters,
  chunkSize: number,
): AsyncGenerator<UserRow[]> {
  if (!filters.wantMembers && !filters.wantInvitations) return;
  let after: TableCursor | null = null;
  for (;;) {
    const found: PageRow[] = await readRows(db, filters, {
      limit: chunkSize,
      skip: 0,
      reverse: false,
      after,
    });
    if (found.length === 0) return;
    yield found.map(toUserRow);
    if (found.length < chunkSize) return;
    const last: PageRow = found[found.length - 1];
    after = { key: last.k, email: last.email, id: last.id };
  }
}

/** Rows `after` the cursor of one half, by its sort key, address and id, in the order read. */
function afterCursor(key: SQL, email: SQL, id: SQL, cursor: TableCursor, type: string, descending: boolean) {
  const at = sql`${cursor.key}::${sql.raw(type)}`;
  // The first comparison bounds the index walk; the second leaves out the rows already read at that key.
  return sql`${key} ${sql.raw(descending ? '<=' : '>=')} ${at}
    AND (${key} ${sql.raw(descending ? '<' : '>')} ${at} OR (${email}, ${id}) > (${cursor.email}, ${cursor.id}::uuid))`;
}

/** Rows of the view in its order (reversed with `reverse`), `skip` of them passed over, after `after` if given. */
async function readRows(
  db: Database,
  filters: Filters,
  window: { limit: number; skip: number; reverse: boolean; after: TableCursor | null },
): Promise<PageRow[]> {
  const { limit, skip, reverse, after } = window;
  const { descending } = filters;
  const keyDirection = sql.raw(descending !== reverse ? 'DESC' : 'ASC');
  const tieDirection = sql.raw(reverse ? 'DESC' : 'ASC');
  const key = sortKeyOf(filters.sortKey, filters.invitationStatus);
  const keyType = sortKeyTypes[filters.sortKey];
  const parts: SQL[] = [];
  if (filters.wantMembers) {
    const where = after
      ? sql`${filters.memberWhere} AND ${afterCursor(key.member, sql`u.email`, sql`m.id`, after, keyType, descending)}`
      : filters.memberWhere;
    parts.push(sql`(SELECT 'member' AS kind, m.id, m.user_id, u.name, u.email, m.role::text AS role, m.status::text AS status,
        m.created_at AS date, NULL::timestamptz AS expires_at, NULL::timestamptz AS last_sent_at, NULL::int AS send_count, m.invited_by_id, NULL::text AS delivery_error, NULL::text AS delivery_status, m.last_active_at, m.directory_managed, ${key.member} AS k
      FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id
      WHERE ${where}
      ORDER BY ${key.member} ${keyDirection}, u.email ${tieDirection}, m.id ${tieDirection}
      LIMIT ${skip + limit})`);
  }
  if (filters.wantInvitations) {
    const where = after
      ? sql`${filters.invitationWhere} AND ${afterCursor(key.invitation, sql`i.email`, sql`i.id`, after, keyType, descending)}`
      : filters.invitationWhere;
    parts.push(sql`(SELECT 'invitation' AS kind, i.id, NULL::uuid AS user_id, NULL::text AS name, i.email, i.role::text AS role,
        ${filters.invitationStatus} AS status, i.created_at AS date, i.expires_at, i.last_sent_at, i.send_count, i.invited_by_id, i.delivery_error, i.delivery_status::text AS delivery_status, NULL::timestamptz AS last_active_at, false AS directory_managed, ${key.invitation} AS k
      FROM ${invitations} i
      WHERE ${where}
      ORDER BY ${key.invitation} ${keyDirection}, i.email ${tieDirection}, i.id ${tieDirection}
      LIMIT ${skip + limit})`);
  }
  return rows<PageRow>(
    db,
    sql`SELECT p.kind, p.id, p.user_id, p.name, p.email, p.role, p.status, p.date, p.expires_at,
               p.last_sent_at, p.send_count, inviter.email AS invited_by, p.delivery_error, p.delivery_status,
               p.last_active_at, p.directory_managed, p.k::text AS k
        FROM (SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) t
              ORDER BY t.k ${keyDirection}, t.email ${tieDirection}, t.id ${tieDirection}
              LIMIT ${limit} OFFSET ${skip}) p
        LEFT JOIN ${users} inviter ON inviter.id = p.invited_by_id
        ORDER BY p.k ${keyDirection}, p.email ${tieDirection}, p.id ${tieDirection}`,
  );
}

function toUserRow(row: PageRow): UserRow {
  return {
    kind: row.kind,
    id: row.id,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    role: row.role,
    status: row.status,
    date: new Date(row.date),
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
    lastSentAt: row.last_sent_at ? new Date(row.last_sent_at) : null,
    sendCount: row.send_count === null ? null : Number(row.send_count),
    invitedBy: row.invited_by,
    deliveryError: row.delivery_error,
    deliveryStatus: row.delivery_status,
    lastActiveAt: row.last_active_at === null ? null : new Date(row.last_active_at),
    directoryManaged: Boolean(row.directory_managed),
  };
}
