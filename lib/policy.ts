// The one place that decides who may do what. Every operation in lib/ asks it, inside its transaction;
// the UI asks it too, but only to decide what to offer.
import type { InvitationRole, MemberRole } from '@/db/schema';
import { errorMessages, type ErrorCode } from './errors';

export const roles = ['owner', 'admin', 'member'] as const satisfies readonly MemberRole[];
export const invitationRoles = ['admin', 'member'] as const satisfies readonly InvitationRole[];

export const roleLabels: Record<MemberRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

export type Permission =
  | 'org:settings'
  | 'members:invite'
  | 'members:manage'
  | 'billing:manage'
  | 'org:delete'
  | 'console:access';

export const rolePermissions: Record<MemberRole, readonly Permission[]> = {
  owner: ['org:settings', 'members:invite', 'members:manage', 'billing:manage', 'org:delete', 'console:access'],
  admin: ['org:settings', 'members:invite', 'members:manage', 'billing:manage', 'console:access'],
  member: [],
};

export function can(role: MemberRole | null | undefined, permission: Permission): boolean {
  return role ? rolePermissions[role].includes(permission) : false;
}

const rank: Record<MemberRole, number> = { member: 0, admin: 1, owner: 2 };

/** The acting person as the policy sees them: who they are and their role in the organization. */
export interface PolicyActor {
  userId: string;
  role: MemberRole | null;
}

/** A row of the user table that an action is aimed at. */
export type PolicyTarget =
  | { kind: 'member'; userId: string; role: MemberRole }
  | { kind: 'invitation'; role: InvitationRole };

export type TargetAction = { type: 'change_role'; role: MemberRole } | { type: 'remove' };

export type Decision = { allowed: true } | { allowed: false; code: ErrorCode; message: string };

const allow: Decision = { allowed: true };
const deny = (code: ErrorCode): Decision => ({ allowed: false, code, message: errorMessages[code] });

/**
 * May `actor` do `action` to `target`? Covers rules 1–3 and 5 of DESIGN.md §2. Rule 4 (never zero
 * Owners) depends on the whole selection and is answered by `ownersRemainAfter`.
 */
export function decide(actor: PolicyActor, target: PolicyTarget, action: TargetAction): Decision {
  if (!actor.role) return deny('FORBIDDEN');
  const self = target.kind === 'member' && target.userId === actor.userId;

  if (target.kind === 'invitation') {
    if (!can(actor.role, 'members:invite')) return deny('FORBIDDEN');
    if (action.type === 'change_role' && action.role === 'owner') return deny('INVITATION_ROLE');
    return allow;
  }

  if (!can(actor.role, 'members:manage')) {
    // Anyone may leave, or step down; nothing more.
    if (!self) return deny('FORBIDDEN');
    if (action.type === 'remove') return allow;
    return rank[action.role] <= rank[actor.role] ? allow : deny('FORBIDDEN');
  }

  const touchesOwner = target.role === 'owner' || (action.type === 'change_role' && action.role === 'owner');
  if (touchesOwner && actor.role !== 'owner') return deny('OWNER_REQUIRED');
  return allow;
}

/** Rule 4: after the change, does the organization still have an Owner? */
export function ownersRemainAfter(ownersBefore: number, ownersLost: number, ownersGained: number): boolean {
  return ownersBefore - ownersLost + ownersGained > 0;
}

/** The roles `actor` may give to `target` (what the role menu offers). */
export function assignableRoles(actor: PolicyActor, target: PolicyTarget): MemberRole[] {
  return roles.filter((role) => decide(actor, target, { type: 'change_role', role }).allowed);
}

/** The roles an invitation from `role` may carry. */
export function invitableRoles(role: MemberRole | null): InvitationRole[] {
  return can(role, 'members:invite') ? [...invitationRoles] : [];
}

export function canRemove(actor: PolicyActor, target: PolicyTarget): boolean {
  return decide(actor, target, { type: 'remove' }).allowed;
}
