// Changing roles and removing people: any mix of members and pending invitations, one or many, all or
// nothing (docs/rules.md rule 6). Each call is one transaction of three statements whatever the
// selection's size: lock the organization; read the actor's role, the Owner count and the targets; write
// the change with its audit events.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { invitations, memberships, users, type MemberRole } from '@/db/schema';
import type { Actor } from './actor';
import { lockOrganizationAndRead, membershipOf, requireMember, type LockedOrganization } from './access';
import { auditInsert, type AuditEntry } from './audit';
import { DomainError, errorMessages, fail, type RefusedTarget } from './errors';
import { MAX_SELECTION } from './limits';
import { decide, ownersRemainAfter, policyTarget, roleLabels, type TargetAction } from './policy';
import { rows, uuidArray } from './sql';

interface Target {
  kind: 'member' | 'invitation';
  id: string;
  userId: string | null;
  role: MemberRole;
  email: string;
}

/** A row of targetsQuery, as JSON. */
interface TargetRow {
  kind: 'member' | 'invitation';
  id: string;
  user_id: string | null;
  role: MemberRole;
  email: string;
}

/**
 * The selected rows of the organization: its members and its pending invitations. Read inside the
 * second statement of lockOrganizationAndRead (after the lock), which is why it is a fragment of SQL.
 */
function targetsQuery(organizationId: string, ids: string[]): SQL {
  return sql`SELECT 'member' AS kind, m.id, m.user_id, m.role::text AS role, u.email
      FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id
      WHERE m.organization_id = ${organizationId} AND m.id = ANY(${uuidArray(ids)})
    UNION ALL
    SELECT 'invitation' AS kind, i.id, NULL, i.role::text AS role, i.email
      FROM ${invitations} i
      WHERE i.organization_id = ${organizationId} AND i.status = 'pending' AND i.id = ANY(${uuidArray(ids)})`;
}

/** Locks the organization and reads the actor's role, the Owner count and the targets: two statements. */
async function lockWithTargets(tx: Transaction, organizationId: string, actor: Actor, ids: string[]) {
  const { organization, rows: found } = await lockOrganizationAndRead<TargetRow>(
    tx,
    organizationId,
    actor.userId,
    targetsQuery(organizationId, ids),
  );
  const targets: Target[] = found.map((row) => ({
    kind: row.kind,
    id: row.id,
    userId: row.user_id,
    role: row.role,
    email: row.email,
  }));
  return { org: organization, targets };
}

function idsOf(targets: Target[], kind: Target['kind']): string[] {
  return targets.filter((target) => target.kind === kind).map((target) => target.id);
}

function uniqueIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) fail('INVALID_INPUT', 'Select at least one user.');
  if (unique.length > MAX_SELECTION)
    fail('INVALID_INPUT', `Select at most ${MAX_SELECTION.toLocaleString('en-US')} users at a time.`);
  return unique;
}

/**
 * Checks every target against the policy and docs/rules.md rule 4. Throws BULK_REFUSED naming each refused row, or
 * LAST_OWNER; returns the targets otherwise.
 */
function authorize(
  org: LockedOrganization,
  actor: Actor,
  ids: string[],
  targets: Target[],
  action: TargetAction,
) {
  const policyActor = { userId: actor.userId, role: requireMember(org.actorRole) };
  const byId = new Map(targets.map((target) => [target.id, target]));
  const refused: RefusedTarget[] = [];
  for (const id of ids) {
    const target = byId.get(id);
    if (!target) {
      refused.push({ id, email: '', code: 'NOT_FOUND', message: errorMessages.NOT_FOUND });
      continue;
    }
    const decision = decide(policyActor, policyTarget(target), action);
    if (!decision.allowed)
      refused.push({ id, email: target.email, code: decision.code, message: decision.message });
  }
  if (refused.length > 0) {
    if (ids.length === 1) {
      const [only] = refused;
      throw new DomainError(only.code, only.message, { refused });
    }
    const reasons = [...new Set(refused.map((row) => row.message))].join(' ');
    throw new DomainError(
      'BULK_REFUSED',
      `Nothing was changed: ${refused.length} of the ${ids.length} selected users can't be changed. ${reasons}`,
      { refused },
    );
  }
  const members = targets.filter((target) => target.kind === 'member');
  const lost = members.filter(
    (t) => t.role === 'owner' && (action.type === 'remove' || action.role !== 'owner'),
  ).length;
  const gained =
    action.type === 'change_role' && action.role === 'owner'
      ? members.filter((t) => t.role !== 'owner').length
      : 0;
  if (!ownersRemainAfter(org.ownerCount, lost, gained)) fail('LAST_OWNER');
}

export interface RoleChangeResult {
  /** How many rows changed (rows that already had the role are left alone and not counted). */
  changed: number;
  role: MemberRole;
  /** True when the actor changed their own role and no longer has console access. */
  actorLostAccess: boolean;
}

/**
 * Gives `role` to every selected member and pending invitation of the organization. All or nothing:
 * when any row may not be changed, nothing changes and the error lists each refused row and why.
 */
export async function changeRoles(
  actor: Actor,
  input: { organizationId: string; ids: readonly string[]; role: MemberRole },
): Promise<RoleChangeResult> {
  const ids = uniqueIds(input.ids);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { org, targets } = await lockWithTargets(tx, input.organizationId, actor, ids);
    authorize(org, actor, ids, targets, { type: 'change_role', role: input.role });
    const toChange = targets.filter((target) => target.role !== input.role);
    if (toChange.length > 0) await writeRoleChange(tx, org.id, actor, toChange, input.role);
    const self = toChange.find((t) => t.kind === 'member' && t.userId === actor.userId);
    return {
      changed: toChange.length,
      role: input.role,
      actorLostAccess: Boolean(self) && input.role === 'member',
    };
  });
}

/** The role change's one write: the members' and the invitations' updates and their audit events. */
async function writeRoleChange(
  tx: Transaction,
  organizationId: string,
  actor: Actor,
  targets: Target[],
  role: MemberRole,
) {
  const audit = targets.map((t): AuditEntry => ({
    action: t.kind === 'member' ? 'member.role_changed' : 'invitation.role_changed',
    targetType: t.kind,
    targetId: t.id,
    targetEmail: t.email,
    details: { from: t.role, to: role },
  }));
  // The policy gives no invitation the Owner role, so with 'owner' the invitations' list is empty.
  const invitationRole = role === 'owner' ? 'admin' : role;
  await tx.execute(sql`
    WITH m AS (
      UPDATE ${memberships} SET role = ${role}::member_role, updated_at = now()
      WHERE organization_id = ${organizationId} AND id = ANY(${uuidArray(idsOf(targets, 'member'))})
      RETURNING id
    ), i AS (
      UPDATE ${invitations} SET role = ${invitationRole}::invitation_role, updated_at = now()
      WHERE organization_id = ${organizationId} AND status = 'pending' AND id = ANY(${uuidArray(idsOf(targets, 'invitation'))})
      RETURNING id
    )
    ${auditInsert(organizationId, actor, audit)}`);
}

export interface RemovalResult {
  removedMembers: number;
  revokedInvitations: number;
  /** True when the actor removed themselves (left the organization). */
  actorLeft: boolean;
}

/**
 * Removes every selected member (their account stays) and revokes every selected pending invitation.
 * All or nothing, under the same rules as changeRoles; removing yourself is leaving.
 */
export async function removeMembers(
  actor: Actor,
  input: { organizationId: string; ids: readonly string[] },
): Promise<RemovalResult> {
  const ids = uniqueIds(input.ids);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { org, targets } = await lockWithTargets(tx, input.organizationId, actor, ids);
    authorize(org, actor, ids, targets, { type: 'remove' });
    return writeRemoval(tx, org.id, actor, targets);
  });
}

/**
 * The removal's one write: delete the memberships, revoke the invitations, record the events. What is
 * reported and recorded is what the statement changed (its RETURNING rows), not the rows read before it:
 * the two agree under the organization's lock, and a test proves the count would notice if they did not.
 */
async function writeRemoval(
  tx: Transaction,
  organizationId: string,
  actor: Actor,
  targets: Target[],
): Promise<RemovalResult> {
  const audit = targets.map((t): AuditEntry => ({
    action:
      t.kind === 'invitation'
        ? 'invitation.revoked'
        : t.userId === actor.userId
          ? 'member.left'
          : 'member.removed',
    targetType: t.kind,
    targetId: t.id,
    targetEmail: t.email,
    details: { role: t.role, roleLabel: roleLabels[t.role] },
  }));
  const [done] = await rows<{ removed_members: number; revoked_invitations: number; actor_left: boolean }>(
    tx,
    sql`
    WITH m AS (
      DELETE FROM ${memberships} WHERE organization_id = ${organizationId} AND id = ANY(${uuidArray(idsOf(targets, 'member'))})
      RETURNING id, user_id
    ), i AS (
      UPDATE ${invitations} SET status = 'revoked', updated_at = now()
      WHERE organization_id = ${organizationId} AND status = 'pending' AND id = ANY(${uuidArray(idsOf(targets, 'invitation'))})
      RETURNING id
    ), a AS (
      ${auditInsert(organizationId, actor, audit, { onlyWritten: { member: sql`SELECT id FROM m`, invitation: sql`SELECT id FROM i` } })}
    )
    SELECT (SELECT count(*) FROM m)::int AS removed_members, (SELECT count(*) FROM i)::int AS revoked_invitations,
           EXISTS (SELECT 1 FROM m WHERE user_id = ${actor.userId}::uuid) AS actor_left`,
  );
  return {
    removedMembers: Number(done?.removed_members ?? 0),
    revokedInvitations: Number(done?.revoked_invitations ?? 0),
    actorLeft: Boolean(done?.actor_left),
  };
}

/** Leaves the organization (any role), unless you are its last Owner. */
export async function leaveOrganization(
  actor: Actor,
  input: { organizationId: string },
): Promise<RemovalResult> {
  const db = await getDb();
  const [own] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(membershipOf(input.organizationId, actor.userId));
  if (!own) fail('NOT_FOUND');
  return removeMembers(actor, { organizationId: input.organizationId, ids: [own.id] });
}
