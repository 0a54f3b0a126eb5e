// The user table: members and pending invitations of one organization in one list, searched, filtered,
// sorted and paged in the database. One statement per page whatever the organization's size (a second
// one only when the page asked for is past the end).
import { sql, type SQL } from 'drizzle-orm';
import { invitations, memberships, users, type MemberRole } from '@/db/schema';
import type { Actor } from './actor';
import { requireConsoleAccess } from './access';
import { now } from './clock';
import { rows } from './sql';

import { pageSizes, type SortKey, type UserStatus } from './user-table-params';

export * from './user-table-params';

export interface UserTableQuery {
  organizationId: string;
  search?: string;
  roles?: MemberRole[];
  statuses?: UserStatus[];
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
  /** Joined (members) or last sent (invitations). */
  date: Date;
  expiresAt: Date | null;
  invitedBy: string | null;
  deliveryError: string | null;
}

export interface UserTablePage {
  rows: UserRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

const sortColumn: Record<SortKey, SQL> = {
  name: sql`lower(coalesce(t.name, t.email))`,
  email: sql`t.email`,
  role: sql`CASE t.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END`,
  status: sql`CASE t.status WHEN 'active' THEN 0 WHEN 'pending' THEN 1 WHEN 'not_delivered' THEN 2 ELSE 3 END`,
  date: sql`t.date`,
};

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** One page of the user table. Owners and Admins only. */
export async function listUserTable(actor: Actor, query: UserTableQuery): Promise<UserTablePage> {
  const { db } = await requireConsoleAccess(actor, query.organizationId);
  const pageSize = (pageSizes as readonly number[]).includes(query.pageSize ?? 0) ? query.pageSize! : 25;
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const sort = sortColumn[query.sort ?? 'date'];
  const direction = query.direction === 'asc' ? sql`ASC` : sql`DESC`;
  const at = now().toISOString();
  const search = query.search?.trim().toLowerCase().slice(0, 200);
  const pattern = search ? `%${escapeLike(search)}%` : null;
  const wantRoles = query.roles?.length ? query.roles : null;
  const wantStatuses = query.statuses?.length ? query.statuses : null;
  const wantMembers = !wantStatuses || wantStatuses.includes('active');
  const wantInvitations = !wantStatuses || wantStatuses.some((status) => status !== 'active');

  const filters: SQL[] = [];
  if (wantRoles) filters.push(sql`t.role = ANY(${`{${wantRoles.join(',')}}`}::text[])`);
  if (wantStatuses) filters.push(sql`t.status = ANY(${`{${wantStatuses.join(',')}}`}::text[])`);
  const where = filters.length ? sql`WHERE ${sql.join(filters, sql` AND `)}` : sql``;

  const memberPart = sql`
    SELECT 'member' AS kind, m.id, m.user_id, u.name, u.email, m.role::text AS role, 'active' AS status,
           m.created_at AS date, NULL::timestamptz AS expires_at, inviter.email AS invited_by, NULL AS delivery_error
    FROM ${memberships} m
    JOIN ${users} u ON u.id = m.user_id
    LEFT JOIN ${users} inviter ON inviter.id = m.invited_by_id
    WHERE m.organization_id = ${query.organizationId}
      ${pattern ? sql`AND (lower(u.email) LIKE ${pattern} OR lower(coalesce(u.name, '')) LIKE ${pattern})` : sql``}`;
  const invitationPart = sql`
    SELECT 'invitation' AS kind, i.id, NULL::uuid AS user_id, NULL AS name, i.email, i.role::text AS role,
           CASE WHEN i.expires_at <= ${at}::timestamptz THEN 'expired'
                WHEN i.delivery_status = 'failed' THEN 'not_delivered'
                ELSE 'pending' END AS status,
           i.last_sent_at AS date, i.expires_at, inviter.email AS invited_by, i.delivery_error
    FROM ${invitations} i
    LEFT JOIN ${users} inviter ON inviter.id = i.invited_by_id
    WHERE i.organization_id = ${query.organizationId} AND i.status = 'pending'
      ${pattern ? sql`AND i.email LIKE ${pattern}` : sql``}`;
  const parts = [wantMembers ? memberPart : null, wantInvitations ? invitationPart : null].filter(Boolean) as SQL[];
  const union = parts.length ? sql.join(parts, sql` UNION ALL `) : memberPart;

  const found = await rows<{
    kind: 'member' | 'invitation';
    id: string;
    user_id: string | null;
    name: string | null;
    email: string;
    role: MemberRole;
    status: UserStatus;
    date: string | Date;
    expires_at: string | Date | null;
    invited_by: string | null;
    delivery_error: string | null;
    total: number;
  }>(
    db,
    sql`SELECT t.*, count(*) OVER ()::int AS total FROM (${union}) t ${where}
        ORDER BY ${sort} ${direction}, t.email ASC, t.id ASC
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  let total = found[0]?.total ?? 0;
  if (found.length === 0 && page > 1) {
    const [counted] = await rows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM (${union}) t ${where}`);
    total = counted?.total ?? 0;
  }
  return {
    rows: found.map((row) => ({
      kind: row.kind,
      id: row.id,
      userId: row.user_id,
      name: row.name,
      email: row.email,
      role: row.role,
      status: row.status,
      date: new Date(row.date),
      expiresAt: row.expires_at ? new Date(row.expires_at) : null,
      invitedBy: row.invited_by,
      deliveryError: row.delivery_error,
    })),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

