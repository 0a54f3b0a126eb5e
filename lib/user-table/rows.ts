// The user table's rows, read in the table's order (lib/user-table/list.ts decides what to read): a page,
// each half (members, invitations) walking its own index and stopping after the rows needed, a page past
// the middle read from the other end; or every row, chunk after chunk by keyset (an export).
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { invitations, memberships, scimGroups, users } from '@/db/schema';
import { z } from 'zod';
import { memberRoleValues } from '@/db/values';
import { column, rows } from '../sql';
import type { Filters } from './list';
import type { UserRow } from './row';
import { userStatuses, type SortKey } from '../shared/user-table';
import { externalMember, sortKeyOf } from './sql';

/** A row as `rowsQuery` reads it. */
const pageRow = z.object({
  kind: z.enum(['member', 'invitation']),
  id: z.string(),
  user_id: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string(),
  role: z.enum(memberRoleValues),
  status: z.enum(userStatuses),
  date: column.date,
  expires_at: column.nullableDate,
  last_sent_at: column.nullableDate,
  send_count: column.nullableCount,
  invited_by: z.string().nullable(),
  delivery_error: z.string().nullable(),
  delivery_status: z.string().nullable(),
  last_active_at: column.nullableDate,
  directory_managed: z.boolean(),
  sso: z.boolean(),
  external: z.boolean(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  role_group: z.string().nullable(),
  /** The sort key as text: where a keyset read resumes (TableCursor). */
  k: z.string(),
  /** The row's place in the order read (the text of `k` does not always sort as the key does). */
  position: column.count,
});
type PageRow = z.output<typeof pageRow>;

/**
 * The page, in one statement: each half reads at most the rows the page needs through its own index,
 * and the union is sorted and cut. Past the middle the page is read from the other end (reversed order,
 * a small offset) and turned back.
 */
export async function readPage(db: Database, filters: Filters, total: number): Promise<UserRow[]> {
  const { pageSize, offset } = filters;
  const reverse = 2 * offset + pageSize > total;
  const limit = reverse ? Math.min(pageSize, total - offset) : pageSize;
  const skip = reverse ? Math.max(0, total - offset - pageSize) : offset;
  const found = await readRows(db, filters, { limit, skip, reverse, after: null });
  if (reverse) found.reverse();
  return found.map(toUserRow);
}

/**
 * The first page together with `head` (the access check and the counts: one row, whose `total` is null
 * when the check fails), in one statement. The first page is read forward whatever the total, so it need
 * not wait for it; its rows are read only once the check has passed (a one-time filter on `head`), and
 * each comes with `head`'s columns (one row of them alone when the page is empty).
 */
export async function readFirstPage<H extends z.ZodType>(
  db: Database,
  head: { sql: SQL; row: H },
  filters: Filters,
): Promise<{ head: z.output<H> | undefined; rows: UserRow[] }> {
  const window: ReadWindow = { limit: filters.pageSize, skip: 0, reverse: false, after: null };
  const page = rowsQuery(filters, window);
  if (!page) {
    const [only] = await rows(db, head.sql, head.row);
    return { head: only, rows: [] };
  }
  // Each row is the head's columns and a page row's, or the head's alone (its page columns null).
  const found = await rows(
    db,
    sql`WITH head AS (${head.sql}),
             page AS (SELECT * FROM (${page}) p WHERE (SELECT total FROM head) IS NOT NULL)
        SELECT head.*, page.* FROM head LEFT JOIN page ON true
        ORDER BY page.position`,
    z.looseObject({ id: z.string().nullable() }),
  );
  return {
    head: found.length > 0 ? head.row.parse(found[0]) : undefined,
    rows: found.filter((row) => row.id !== null).map((row) => toUserRow(pageRow.parse(row))),
  };
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

interface ReadWindow {
  limit: number;
  skip: number;
  reverse: boolean;
  after: TableCursor | null;
}

/** Rows of the view in its order (reversed with `reverse`), `skip` of them passed over, after `after` if given. */
async function readRows(db: Database, filters: Filters, window: ReadWindow): Promise<PageRow[]> {
  const statement = rowsQuery(filters, window);
  return statement ? rows(db, statement, pageRow) : [];
}

/** The SELECT of `readRows` (null when the filters leave neither half), ordered by `rowOrder`. */
function rowsQuery(filters: Filters, window: ReadWindow): SQL | null {
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
        m.created_at AS date, NULL::timestamptz AS expires_at, NULL::timestamptz AS last_sent_at, NULL::int AS send_count, m.invited_by_id, NULL::text AS delivery_error, NULL::text AS delivery_status, m.last_active_at, m.directory_managed, m.sso_signed_in_at IS NOT NULL AS sso, m.title, m.department, m.role_group_id, ${key.member} AS k
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
        ${filters.invitationStatus} AS status, i.created_at AS date, i.expires_at, i.last_sent_at, i.send_count, i.invited_by_id, i.delivery_error, i.delivery_status::text AS delivery_status, NULL::timestamptz AS last_active_at, false AS directory_managed, false AS sso, NULL::text AS title, NULL::text AS department, NULL::uuid AS role_group_id, ${key.invitation} AS k
      FROM ${invitations} i
      WHERE ${where}
      ORDER BY ${key.invitation} ${keyDirection}, i.email ${tieDirection}, i.id ${tieDirection}
      LIMIT ${skip + limit})`);
  }
  if (parts.length === 0) return null;
  return sql`SELECT p.kind, p.id, p.user_id, p.name, p.email, p.role, p.status, p.date, p.expires_at,
               p.last_sent_at, p.send_count, inviter.email AS invited_by, p.delivery_error, p.delivery_status,
               p.last_active_at, p.directory_managed, p.sso, p.title, p.department,
               CASE WHEN p.role <> 'owner' THEN rg.display_name END AS role_group,
               (p.kind = 'member' AND ${externalMember(filters.organizationId, sql`p.email`)}) AS external, p.k::text AS k,
               row_number() OVER (ORDER BY ${rowOrder(filters, window.reverse, 'p')}) AS position
        FROM (SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) t
              ORDER BY t.k ${keyDirection}, t.email ${tieDirection}, t.id ${tieDirection}
              LIMIT ${limit} OFFSET ${skip}) p
        LEFT JOIN ${users} inviter ON inviter.id = p.invited_by_id
        LEFT JOIN ${scimGroups} rg ON rg.id = p.role_group_id
        ORDER BY position`;
}

/** The order of rows read from `alias`: the sort key, then address and id (reversed with `reverse`). */
function rowOrder(filters: Filters, reverse: boolean, alias: string): SQL {
  const keyDirection = sql.raw(filters.descending !== reverse ? 'DESC' : 'ASC');
  const tieDirection = sql.raw(reverse ? 'DESC' : 'ASC');
  const at = sql.raw(alias);
  return sql`${at}.k ${keyDirection}, ${at}.email ${tieDirection}, ${at}.id ${tieDirection}`;
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
    date: row.date,
    expiresAt: row.expires_at,
    lastSentAt: row.last_sent_at,
    sendCount: row.send_count,
    invitedBy: row.invited_by,
    deliveryError: row.delivery_error,
    deliveryStatus: row.delivery_status,
    lastActiveAt: row.last_active_at,
    directoryManaged: row.directory_managed,
    sso: row.sso,
    external: row.external,
    title: row.title,
    department: row.department,
    roleGroup: row.role_group,
  };
}
