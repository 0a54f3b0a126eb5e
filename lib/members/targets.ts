// The rows a bulk change is aimed at: read under the organization's lock with the actor's role and the
// Owner count, then decided one by one by the policy, all or nothing (docs/rules.md rules 4 and 6).
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { type Transaction } from '@/db/client';
import { invitations, memberships, users, type MemberRole } from '@/db/schema';
import type { Actor } from '../actor';
import { lockOrganizationAndRead, requireMember, type LockedOrganization } from '../access';
import { DomainError, errorMessages, fail, type RefusedTarget } from '../errors';
import { MAX_SELECTION } from '../limits';
import { decide, ownersRemainAfter, policyTarget, type TargetAction } from '../policy';
import { uuidArray } from '../sql';

export interface Target {
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

/** Which invitations an action can reach: pending ones, and for a removal declined ones too. */
export type InvitationScope = 'pending' | 'pending_or_declined';

/**
 * The selected rows of the organization: its members and its pending (or declined) invitations. Read inside the
 * second statement of lockOrganizationAndRead (after the lock), which is why it is a fragment of SQL.
 */
function targetsQuery(organizationId: string, ids: string[], scope: InvitationScope): SQL {
  const statuses = scope === 'pending' ? '{pending}' : '{pending,declined}';
  return sql`SELECT 'member' AS kind, m.id, m.user_id, m.role::text AS role, u.email
      FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id
      WHERE m.organization_id = ${organizationId} AND m.id = ANY(${uuidArray(ids)})
    UNION ALL
    SELECT 'invitation' AS kind, i.id, NULL, i.role::text AS role, i.email
      FROM ${invitations} i
      WHERE i.organization_id = ${organizationId} AND i.status = ANY(${statuses}::invitation_status[]) AND i.id = ANY(${uuidArray(ids)})`;
}

/** Locks the organization and reads the actor's role, the Owner count and the targets: two statements. */
export async function lockWithTargets(
  tx: Transaction,
  organizationId: string,
  actor: Actor,
  ids: string[],
  scope: InvitationScope = 'pending',
) {
  const { organization, rows: found } = await lockOrganizationAndRead<TargetRow>(
    tx,
    organizationId,
    actor.userId,
    targetsQuery(organizationId, ids, scope),
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

export function idsOf(targets: Target[], kind: Target['kind']): string[] {
  return targets.filter((target) => target.kind === kind).map((target) => target.id);
}

export function uniqueIds(ids: readonly string[]): string[] {
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
export function authorize(
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
