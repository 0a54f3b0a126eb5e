// SCIM Groups, read (RFC 7644 §3.4): one of the organization's groups by id, or a page of those a filter
// matches (filter and sortBy: lib/scim/filter), each with its members only when the request wants them
// (./protocol.ts membersWanted): without them a group is one indexed row, however many members it has.
// Another organization's id, or one that is no UUID, is found nowhere.
import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Database } from '@/db/client';
import { memberships, scimGroupMembers, scimGroups, users } from '@/db/schema';
import { fail } from '../../shared/errors';
import { column, rows, uuidArray } from '../../sql';
import { isUuid } from '../protocol';
import { groupFilter, groupOrder } from '../filter';
import type { GroupMember, GroupRow } from './protocol';

const groupColumns = sql`g.id, g.display_name, g.external_id, g.created_at, g.updated_at`;

/** A row of `groupColumns` (or of a write's RETURNING of them), read into the group SCIM sees. */
export const groupRowOf = z
  .object({
    id: z.string(),
    display_name: z.string(),
    external_id: z.string().nullable(),
    created_at: column.date,
    updated_at: column.date,
  })
  .transform((row): GroupRow => ({
    id: row.id,
    displayName: row.display_name,
    externalId: row.external_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));

const memberRow = z.object({ group_id: z.string(), id: z.string(), display: z.string() });

/** A group and its members (null: not read). */
export interface GroupWithMembers {
  group: GroupRow;
  members: GroupMember[] | null;
}

export function groupNotFound(id: string): never {
  fail('NOT_FOUND', `No Group ${id} in this organization.`);
}

/** The group's row, or null (another organization's, or no UUID). */
export async function readGroup(db: Database, organizationId: string, id: string): Promise<GroupRow | null> {
  if (!isUuid(id)) return null;
  const [group] = await rows(
    db,
    sql`SELECT ${groupColumns} FROM ${scimGroups} g
        WHERE g.organization_id = ${organizationId} AND g.id = ${id}::uuid`,
    groupRowOf,
  );
  return group ?? null;
}

/** The members of `groupIds`, in one statement, by group: each shown by the directory's name for them, else their address. */
async function readMembers(db: Database, organizationId: string, groupIds: string[]) {
  const found =
    groupIds.length === 0
      ? []
      : await rows(
          db,
          sql`SELECT gm.group_id, m.id, coalesce(m.directory_name, u.email) AS display
              FROM ${scimGroupMembers} gm
              JOIN ${memberships} m ON m.id = gm.membership_id
              JOIN ${users} u ON u.id = m.user_id
              WHERE gm.organization_id = ${organizationId} AND gm.group_id = ANY(${uuidArray(groupIds)})
              ORDER BY gm.created_at, m.id`,
          memberRow,
        );
  const byGroup = new Map<string, GroupMember[]>(groupIds.map((id) => [id, []]));
  for (const row of found) byGroup.get(row.group_id)?.push({ id: row.id, display: row.display });
  return byGroup;
}

/** One group, with its members when `withMembers`; 404 when the organization has no such group. */
export async function getScimGroup(
  organizationId: string,
  id: string,
  withMembers: boolean,
): Promise<GroupWithMembers> {
  const db = await getDb();
  const group = (await readGroup(db, organizationId, id)) ?? groupNotFound(id);
  const members = withMembers ? (await readMembers(db, organizationId, [group.id])).get(group.id)! : null;
  return { group, members };
}

/** One page of the organization's groups matching `filter`, in `sortBy` order (else oldest first), and how many match. */
export async function listScimGroups(
  organizationId: string,
  query: {
    filter: string | null;
    sortBy: string | null;
    sortOrder: string | null;
    startIndex: number;
    count: number;
    withMembers: boolean;
  },
): Promise<{ total: number; groups: GroupWithMembers[] }> {
  const db = await getDb();
  const condition = groupFilter(organizationId, query.filter);
  const where = condition
    ? sql`g.organization_id = ${organizationId} AND (${condition})`
    : sql`g.organization_id = ${organizationId}`;
  const [[counted], page] = await Promise.all([
    rows(
      db,
      sql`SELECT count(*)::int AS total FROM ${scimGroups} g WHERE ${where}`,
      z.object({ total: column.count }),
    ),
    query.count === 0
      ? Promise.resolve([])
      : rows(
          db,
          sql`SELECT ${groupColumns} FROM ${scimGroups} g WHERE ${where}
              ORDER BY ${groupOrder(query.sortBy, query.sortOrder)} LIMIT ${query.count} OFFSET ${query.startIndex - 1}`,
          groupRowOf,
        ),
  ]);
  const members = query.withMembers
    ? await readMembers(
        db,
        organizationId,
        page.map((group) => group.id),
      )
    : null;
  return {
    total: counted?.total ?? 0,
    groups: page.map((group) => ({ group, members: members?.get(group.id) ?? null })),
  };
}
