// The directory groups as the provisioning page shows them and changes their mapping (DESIGN §12): a
// bounded page of the organization's groups (the first GROUPS_SHOWN by name, or those whose name holds
// a search), each with its member count and mapped role; and the one change the console makes to a
// group, its mapped role, which brings its members' roles in line in the same transaction
// (./roles.ts). The SCIM side of groups (what the directory pushes) is the rest of this folder.
import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { scimGroupMembers, scimGroups } from '@/db/schema';
import { invitationRoleValues, type InvitationRole } from '@/db/values';
import type { PersonActor } from '../../shared/actor';
import { lockOrganization, requireConsoleAccess, requireMember } from '../../access';
import { recordAudit } from '../../audit';
import { decideGroupMapping } from '../../shared/policy';
import { DomainError, fail } from '../../shared/errors';
import { MAX_SEARCH } from '../../shared/limits';
import { column, rows } from '../../sql';
import { escapeLike } from '../../user-table/sql';
import { applyGroupRoles, mappingActor } from './roles';

/** How many groups the page lists at once (the rest are found by name). */
export const GROUPS_SHOWN = 100;
/** Past this many groups, the list's count says "more than" rather than counting on. */
export const COUNT_CAP = 100_000;

export interface ConsoleGroup {
  id: string;
  name: string;
  members: number;
  mappedRole: InvitationRole | null;
}

export interface ConsoleGroups {
  groups: ConsoleGroup[];
  /** The groups matching the search (all of them without one), counted up to COUNT_CAP. */
  total: number;
  totalCapped: boolean;
}

const groupRow = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  mapped_role: z.enum(invitationRoleValues).nullable(),
  members: column.nullableCount,
  total: column.count,
});

/**
 * The organization's groups for the provisioning page, in one statement whose work does not grow with
 * the number of groups: the first GROUPS_SHOWN by name (the unique index on lower(display_name) gives
 * that order), or those whose name contains `search`; the total counted up to COUNT_CAP. The shown
 * groups' members are counted in one grouped pass over scim_group_members (its primary key leads with
 * group_id: an index-only scan of those groups' entries, about 2 ms for a group of 10,000 on
 * PostgreSQL), never once per group. Owners and Admins (who manage provisioning).
 */
export async function listGroupsForConsole(
  actor: PersonActor,
  organizationId: string,
  search = '',
): Promise<ConsoleGroups> {
  const { db } = await requireConsoleAccess(actor, organizationId, 'org:settings');
  const text = search
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .toLowerCase()
    .slice(0, MAX_SEARCH);
  const named = text ? sql`AND lower(g.display_name) LIKE ${`%${escapeLike(text)}%`}` : sql``;
  const found = await rows(
    db,
    sql`WITH shown AS (
          SELECT g.id, g.display_name, g.mapped_role FROM ${scimGroups} g
          WHERE g.organization_id = ${organizationId} ${named}
          ORDER BY lower(g.display_name) LIMIT ${GROUPS_SHOWN}),
        total AS (SELECT count(*) AS n FROM (SELECT 1 FROM ${scimGroups} g
          WHERE g.organization_id = ${organizationId} ${named} LIMIT ${COUNT_CAP + 1}) t),
        counts AS (SELECT gm.group_id, count(*) AS n FROM ${scimGroupMembers} gm
          WHERE gm.group_id IN (SELECT id FROM shown) GROUP BY gm.group_id)
        SELECT s.id, s.display_name AS name, s.mapped_role::text AS mapped_role, total.n AS total,
          coalesce(counts.n, 0) AS members
        FROM total LEFT JOIN shown s ON true LEFT JOIN counts ON counts.group_id = s.id
        ORDER BY lower(s.display_name)`,
    groupRow,
  );
  const total = found[0]?.total ?? 0;
  return {
    groups: found
      .filter((row) => row.id !== null)
      .map((row) => ({
        id: row.id!,
        name: row.name ?? '',
        members: row.members ?? 0,
        mappedRole: row.mapped_role,
      })),
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
  };
}

/** What a change of mapping did: the group's name, its mapping before and after, and how many roles changed. */
export interface GroupRoleChange {
  group: string;
  from: InvitationRole | null;
  to: InvitationRole | null;
  changed: number;
}

const mappedRow = z.object({
  name: z.string(),
  before: z.enum(invitationRoleValues).nullable(),
});

/**
 * Maps the group to `role` (Admin, Member, or none), in one transaction: the organization's lock first
 * (as every change to roles), the policy (decideGroupMapping), the group's new mapping, its audit event
 * under the person's name (group.role_mapped: the group, from, to), then its members' roles brought in
 * line (applyGroupRoles, audited as the directory's "group mapping"). Returns how many roles changed.
 */
export async function setGroupRole(
  actor: PersonActor,
  input: { organizationId: string; groupId: string; role: InvitationRole | null },
): Promise<GroupRoleChange> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockOrganization(tx, input.organizationId, actor);
    const decision = decideGroupMapping(requireMember(org.actorRole), input.role);
    if (!decision.allowed) throw new DomainError(decision.code, decision.message, undefined, decision.detail);
    // The row as it was is read in the same statement (the FROM's snapshot), to audit from → to.
    const [mapped] = await rows(
      tx,
      sql`UPDATE ${scimGroups} g SET mapped_role = ${input.role}::invitation_role, updated_at = now()
          FROM ${scimGroups} old
          WHERE g.id = ${input.groupId} AND g.organization_id = ${org.id} AND old.id = g.id
            AND old.mapped_role IS DISTINCT FROM ${input.role}::invitation_role
          RETURNING g.display_name AS name, old.mapped_role::text AS before`,
      mappedRow,
    );
    if (!mapped) {
      // Unchanged, or not the organization's: which one is one more look-up, only on this path.
      const [same] = await rows(
        tx,
        sql`SELECT display_name AS name, mapped_role::text AS before FROM ${scimGroups}
            WHERE id = ${input.groupId} AND organization_id = ${org.id}`,
        mappedRow,
      );
      if (!same) fail('GROUP_NOT_FOUND');
      return { group: same.name, from: same.before, to: same.before, changed: 0 };
    }
    await recordAudit(tx, org.id, actor, [
      {
        action: 'group.role_mapped',
        targetType: 'group',
        targetId: input.groupId,
        details: { group: mapped.name, from: mapped.before, to: input.role },
      },
    ]);
    const changed = await applyGroupRoles(tx, mappingActor(org.id), org.id, { groupId: input.groupId });
    return { group: mapped.name, from: mapped.before, to: input.role, changed };
  });
}
