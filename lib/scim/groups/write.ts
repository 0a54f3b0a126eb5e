// SCIM Groups, written (RFC 7644 §3.3, §3.5, §3.6; docs/rules.md rules 32–33): create, change (a PUT or
// a PATCH, composed by the caller into one GroupChange) and delete. Each is one transaction that takes
// the organization's lock first (as every change to membership does, so a group change and a role
// change never interleave), checks If-Match against the row read under it, writes the members set-based
// (./members.ts), brings the roles of the members concerned in line with the mappings (./roles.ts), and
// records one audit event per kind of change, as the directory's. A constant number of statements
// whatever the number of members.
import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { scimGroups } from '@/db/schema';
import type { DirectoryActor } from '../../shared/actor';
import { lockOrganizationRow } from '../../access';
import { recordAudit, type AuditEntry } from '../../audit';
import { now } from '../../clock';
import { fail } from '../../shared/errors';
import { isUniqueViolation, rows } from '../../sql';
import { requireVersion, resourceVersion } from '../version';
import type { ScimGroupInput } from './input';
import { addMembers, noMemberChange, replaceMembers, type GroupChange } from './change';
import { writeMembers } from './members';
import type { GroupRow } from './protocol';
import { groupNotFound, groupRowOf, readGroup } from './read';
import { applyGroupRoles } from './roles';

const NAME_INDEX = 'scim_groups_organization_display_name_idx';

function nameTaken(displayName: string): never {
  fail(
    'SCIM_UNIQUENESS',
    `A group named ${JSON.stringify(displayName)} exists in this organization already.`,
  );
}

/** Runs `write`, answering 409 uniqueness when it breaks the unique index of group names. */
async function uniquelyNamed<T>(displayName: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, NAME_INDEX)) nameTaken(displayName);
    throw error;
  }
}

function groupEntry(action: AuditEntry['action'], id: string, details: Record<string, unknown>): AuditEntry {
  return { action, targetType: 'group', targetId: id, details };
}

/** Under the organization's lock: the group, or 404; and If-Match checked against it. */
async function lockedGroup(tx: Transaction, organizationId: string, id: string, ifMatch: string | null) {
  if (!(await lockOrganizationRow(tx, organizationId))) groupNotFound(id);
  const group = (await readGroup(tx, organizationId, id)) ?? groupNotFound(id);
  requireVersion(ifMatch, resourceVersion(group.updatedAt));
  return group;
}

/**
 * Creates a group with its members (each a User of the organization, else 400 naming it); 409
 * uniqueness when its name is taken in the organization, whatever its case.
 */
export async function createScimGroup(
  actor: DirectoryActor,
  organizationId: string,
  input: ScimGroupInput,
): Promise<GroupRow> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!(await lockOrganizationRow(tx, organizationId))) fail('NOT_FOUND');
    const at = now().toISOString();
    const [group] = await uniquelyNamed(input.displayName, () =>
      rows(
        tx,
        sql`INSERT INTO ${scimGroups} (organization_id, display_name, external_id, created_at, updated_at)
            VALUES (${organizationId}, ${input.displayName}, ${input.externalId}, ${at}, ${at})
            RETURNING id, display_name, external_id, created_at, updated_at`,
        groupRowOf,
      ),
    );
    const members = noMemberChange();
    addMembers(members, input.memberIds);
    const { added } = await writeMembers(tx, organizationId, group.id, members);
    if (added > 0) await applyGroupRoles(tx, actor, organizationId, { groupId: group.id });
    await recordAudit(tx, organizationId, actor, [
      groupEntry('group.created', group.id, { group: group.displayName }),
      ...(added > 0
        ? [groupEntry('group.members_changed', group.id, { group: group.displayName, added, removed: 0 })]
        : []),
    ]);
    return group;
  });
}

/**
 * Makes the group what `change` says, in one transaction under the organization's lock, If-Match checked
 * against the row read under it. The row's updated_at moves on whenever anything changed, by at least a
 * millisecond, so its version (W/"<ms>") always changes with it.
 */
export async function changeScimGroup(
  actor: DirectoryActor,
  organizationId: string,
  id: string,
  ifMatch: string | null,
  change: GroupChange,
): Promise<GroupRow> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const current = await lockedGroup(tx, organizationId, id, ifMatch);
    const { added, removed } = await writeMembers(tx, organizationId, id, change.members);
    const displayName = change.displayName ?? current.displayName;
    const externalId = change.externalId === undefined ? current.externalId : change.externalId;
    const updated = displayName !== current.displayName || externalId !== current.externalId;
    if (!updated && added === 0 && removed === 0) return current;
    const [group] = await uniquelyNamed(displayName, () =>
      rows(
        tx,
        sql`UPDATE ${scimGroups} g SET display_name = ${displayName}, external_id = ${externalId},
              updated_at = greatest(${now().toISOString()}::timestamptz, g.updated_at + interval '1 millisecond')
            WHERE g.organization_id = ${organizationId} AND g.id = ${id}::uuid
            RETURNING g.id, g.display_name, g.external_id, g.created_at, g.updated_at`,
        groupRowOf,
      ),
    );
    // A rename can change which of a member's equal groups their role is marked as coming from.
    await applyGroupRoles(tx, actor, organizationId, { groupId: id });
    await recordAudit(tx, organizationId, actor, [
      ...(updated
        ? [groupEntry('group.updated', id, { group: displayName, from: current.displayName })]
        : []),
      ...(added > 0 || removed > 0
        ? [groupEntry('group.members_changed', id, { group: displayName, added, removed })]
        : []),
    ]);
    return group;
  });
}

/**
 * Deletes the group. Its members leave it first and their roles are brought in line while the group
 * still marks the roles it gave (memberships.role_group_id, which the group's deletion would clear), so
 * that each returns to their other groups' role or to Member; then the group goes.
 */
export async function deleteScimGroup(
  actor: DirectoryActor,
  organizationId: string,
  id: string,
  ifMatch: string | null,
): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const group = await lockedGroup(tx, organizationId, id, ifMatch);
    const members = noMemberChange();
    replaceMembers(members, []);
    await writeMembers(tx, organizationId, id, members);
    await applyGroupRoles(tx, actor, organizationId, { groupId: id });
    await tx.execute(
      sql`DELETE FROM ${scimGroups} WHERE organization_id = ${organizationId} AND id = ${id}::uuid`,
    );
    await recordAudit(tx, organizationId, actor, [
      groupEntry('group.deleted', id, { group: group.displayName }),
    ]);
  });
}
