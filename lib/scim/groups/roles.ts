// Group → role mapping (DESIGN §12, docs/rules.md): "members of Engineering Leads are Admins". A member in
// at least one mapped group holds the highest role those groups map to (Admin over Member) and is marked
// with the group it came from (memberships.role_group_id, the first by name among equals); a member whose
// role came from a mapping and who is in no mapped group any more returns to the default role, Member.
// An Owner is never changed by a mapping, and no mapping gives Owner (a mapped role is Admin or Member).
// Seats are not touched: a role is not a seat. Each change is audited as the directory's, naming the
// group; no email is sent (the directory's group changes are the company's own, and a push of 1,000
// members would otherwise be 1,000 emails and 1,000 statements of the notices' limits).
import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Transaction } from '@/db/client';
import { memberships, scimGroupMembers, scimGroups, users } from '@/db/schema';
import { invitationRoleValues, memberRoleValues, type InvitationRole } from '@/db/values';
import type { DirectoryActor } from '../../shared/actor';
import { auditInsert, type AuditEntry } from '../../audit';
import { rows, uuidArray } from '../../sql';

/** Whose roles to bring in line: the members of a group (and those whose role came from it), or these members. */
export type RoleScope = { groupId: string } | { membershipIds: readonly string[] };

/**
 * The actor of a role change that a console change of a mapping causes: the directory's rule, not the
 * person who changed the mapping (their change is audited as group.role_mapped under their name).
 * Never used to lock or authorize: only to name the change in the audit log, "Directory (group mapping)".
 */
export function mappingActor(organizationId: string): DirectoryActor {
  return { kind: 'directory', organizationId, tokenId: '', tokenName: 'group mapping' };
}

const wanted = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(memberRoleValues),
  role_group_id: z.string().nullable(),
  group_id: z.string().nullable(),
  group_name: z.string().nullable(),
  mapped_role: z.enum(invitationRoleValues).nullable(),
});

function scopeCondition(scope: RoleScope) {
  return 'groupId' in scope
    ? sql`(m.role_group_id = ${scope.groupId}::uuid OR m.id IN (
        SELECT membership_id FROM ${scimGroupMembers} WHERE group_id = ${scope.groupId}::uuid))`
    : sql`m.id = ANY(${uuidArray(scope.membershipIds)})`;
}

/**
 * Brings the roles of the members in `scope` in line with the organization's mappings, in two statements
 * whatever their number: one read of what each should hold, one write of the roles, the marks and their
 * audit events. The caller holds the organization's lock (lockOrganizationRow, taken first by every
 * change to membership) in `tx`, and has written the group membership or the mapping that changed.
 * Returns how many roles changed.
 */
export async function applyGroupRoles(
  tx: Transaction,
  actor: DirectoryActor,
  organizationId: string,
  scope: RoleScope,
): Promise<number> {
  if ('membershipIds' in scope && scope.membershipIds.length === 0) return 0;
  const found = await rows(
    tx,
    sql`SELECT m.id, u.email, m.role::text AS role, m.role_group_id, best.id AS group_id,
          best.display_name AS group_name, best.mapped_role::text AS mapped_role
        FROM ${memberships} m
        JOIN ${users} u ON u.id = m.user_id
        LEFT JOIN LATERAL (
          SELECT g.id, g.display_name, g.mapped_role FROM ${scimGroupMembers} gm
          JOIN ${scimGroups} g ON g.id = gm.group_id
          WHERE gm.membership_id = m.id AND g.mapped_role IS NOT NULL
          ORDER BY g.mapped_role = 'admin' DESC, lower(g.display_name), g.id
          LIMIT 1
        ) best ON true
        WHERE m.organization_id = ${organizationId} AND m.role <> 'owner' AND ${scopeCondition(scope)}
          AND (best.id IS NOT NULL OR m.role_group_id IS NOT NULL)`,
    wanted,
  );
  const changes = found
    .map((row) => ({ ...row, to: (row.mapped_role ?? 'member') satisfies InvitationRole }))
    .filter((row) => row.to !== row.role || row.group_id !== row.role_group_id);
  if (changes.length === 0) return 0;
  const audit = changes
    .filter((row) => row.to !== row.role)
    .map((row): AuditEntry => ({
      action: 'member.role_changed',
      targetType: 'member',
      targetId: row.id,
      targetEmail: row.email,
      details: { from: row.role, to: row.to, group: row.group_name },
    }));
  const values = changes.map((row) => ({ id: row.id, role: row.to, group_id: row.group_id }));
  await tx.execute(sql`
    WITH changed AS (
      UPDATE ${memberships} m
      SET role = v.role::member_role, role_group_id = v.group_id, updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(id uuid, role text, group_id uuid)
      WHERE m.organization_id = ${organizationId} AND m.id = v.id AND m.role <> 'owner'
      RETURNING m.id
    )${audit.length > 0 ? sql`, logged AS (${auditInsert(organizationId, actor, audit, { onlyWritten: { member: sql`SELECT id FROM changed` } })})` : sql``}
    SELECT count(*)::int AS n FROM changed`);
  return audit.length;
}
