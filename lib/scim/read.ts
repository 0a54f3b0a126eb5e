// SCIM Users, read (RFC 7644 §3.4): the organization's members as SCIM sees them, a page of those a
// filter matches in the order asked (lib/scim/filter: parameterized SQL), or one by id. Another
// organization's id, or one that is no UUID, is found nowhere.
import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db/client';
import { memberships, users } from '@/db/schema';
import { z } from 'zod';
import { memberRoleValues, memberStatusValues } from '@/db/values';
import { column, rows } from '../sql';
import { userFilter, userOrder } from './filter';
import { fail } from '../shared/errors';
import { storedProfile } from './profile';
import { isUuid, type ScimMember } from './protocol';

const columns = sql`m.id, u.email, m.directory_name AS name, u.name AS account_name, m.role::text AS role,
  m.status::text AS status, m.external_id, m.scim_user_name, m.scim_profile, m.role_group_id, m.directory_managed, m.created_at,
  m.updated_at`;

/** A row of `columns`, read into the member SCIM sees. */
const memberRow = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    account_name: z.string().nullable(),
    role: z.enum(memberRoleValues),
    status: z.enum(memberStatusValues),
    external_id: z.string().nullable(),
    scim_user_name: z.string().nullable(),
    scim_profile: z.unknown(),
    role_group_id: z.string().nullable(),
    directory_managed: z.boolean(),
    created_at: column.date,
    updated_at: column.date,
  })
  .transform((row): ScimMember => ({
    id: row.id,
    email: row.email,
    name: row.name,
    accountName: row.account_name,
    role: row.role,
    active: row.status === 'active',
    externalId: row.external_id,
    userName: row.scim_user_name,
    profile: storedProfile(row.scim_profile),
    roleGroupId: row.role_group_id,
    directoryManaged: row.directory_managed,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));

/** What a list of Users asks for: a filter, an order (RFC 7644 §3.4.2.3) and a page. */
export interface UserQuery {
  filter: string | null;
  sortBy?: string | null;
  sortOrder?: string | null;
  startIndex: number;
  count: number;
}

/**
 * One page of the organization's members matching `filter`, in `sortBy`'s order (oldest first when none
 * is given; the id breaks ties), and how many match.
 */
export async function listScimUsers(
  organizationId: string,
  query: UserQuery,
): Promise<{ total: number; members: ScimMember[] }> {
  const db = await getDb();
  const condition = userFilter(organizationId, query.filter);
  const order = userOrder(query.sortBy ?? null, query.sortOrder ?? null);
  const where = condition
    ? sql`m.organization_id = ${organizationId} AND (${condition})`
    : sql`m.organization_id = ${organizationId}`;
  const [[counted], page] = await Promise.all([
    rows(
      db,
      condition
        ? sql`SELECT count(*)::int AS total FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id WHERE ${where}`
        : sql`SELECT count(*)::int AS total FROM ${memberships} m WHERE ${where}`,
      z.object({ total: column.count }),
    ),
    query.count === 0
      ? Promise.resolve([])
      : rows(
          db,
          sql`SELECT ${columns} FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id WHERE ${where}
              ORDER BY ${order} LIMIT ${query.count} OFFSET ${query.startIndex - 1}`,
          memberRow,
        ),
  ]);
  return { total: counted?.total ?? 0, members: page };
}

export async function readMember(
  db: Database,
  organizationId: string,
  id: string,
): Promise<ScimMember | null> {
  if (!isUuid(id)) return null;
  const [member] = await rows(
    db,
    sql`SELECT ${columns} FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id
        WHERE m.organization_id = ${organizationId} AND m.id = ${id}::uuid`,
    memberRow,
  );
  return member ?? null;
}

export function notFound(id: string): never {
  fail('NOT_FOUND', `No User ${id} in this organization.`);
}

/** One member, or 404 (another organization's id included). */
export async function getScimUser(organizationId: string, id: string): Promise<ScimMember> {
  return (await readMember(await getDb(), organizationId, id)) ?? notFound(id);
}
