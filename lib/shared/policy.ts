// The one place that decides who may do what. Every operation in lib/ asks it, inside its transaction;
// the UI asks it too, but only to decide what to offer. It is also the one source of the roles: their
// list and order, their labels and their rank. Pure, so the browser loads it too.
import { invitationRoleValues, memberRoleValues } from '@/db/roles';
import type { Actor } from './actor';
import { errorMessages, type ErrorCode } from './errors';

export type MemberRole = (typeof memberRoleValues)[number];
export type InvitationRole = (typeof invitationRoleValues)[number];

/** Every role, most access first: the order of menus and filters, and of the user table's role sort. */
export const roles = memberRoleValues;
/** The roles an invitation can carry (docs/rules.md rule 3), in the same order. */
export const invitationRoles = invitationRoleValues;

export const roleLabels: Record<MemberRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/** What a role lets its holder do, to follow "As an Admin you can" (the emails about a role change). */
export const roleSummaries: Record<MemberRole, string> = {
  owner: 'manage its members and settings, transfer ownership and delete the organization',
  admin: 'invite people and manage its members and settings',
  member: 'use AI Hub in the organization; its Owners and Admins manage who belongs to it',
};

/** A role's place in `roles`: 0 for Owner. What the user table sorts by. */
export const roleOrder = Object.fromEntries(roles.map((role, index) => [role, index])) as Record<
  MemberRole,
  number
>;

/** How much access a role gives: Member 0, Admin 1, Owner 2. A higher rank may do all a lower one may. */
export const roleRank = Object.fromEntries(
  roles.map((role, index) => [role, roles.length - 1 - index]),
) as Record<MemberRole, number>;

export function isRole(value: unknown): value is MemberRole {
  return (roles as readonly unknown[]).includes(value);
}

export function isInvitationRole(value: unknown): value is InvitationRole {
  return (invitationRoles as readonly unknown[]).includes(value);
}

/** "Owner, Admin or Member": the roles in words, for messages. */
export function roleList(list: readonly MemberRole[]): string {
  const labels = list.map((role) => roleLabels[role]);
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}` : (labels[0] ?? '');
}

export type Permission =
  | 'org:settings'
  | 'members:invite'
  | 'members:manage'
  | 'members:export'
  | 'billing:manage'
  | 'org:delete'
  | 'console:access';

export const rolePermissions: Record<MemberRole, readonly Permission[]> = {
  owner: [
    'org:settings',
    'members:invite',
    'members:manage',
    'members:export',
    'billing:manage',
    'org:delete',
    'console:access',
  ],
  admin: [
    'org:settings',
    'members:invite',
    'members:manage',
    'members:export',
    'billing:manage',
    'console:access',
  ],
  member: [],
};

export function can(role: MemberRole | null | undefined, permission: Permission): boolean {
  return role ? rolePermissions[role].includes(permission) : false;
}

/** The roles that hold `permission` (for a query that must admit the same roles as `can`). */
export function rolesWith(permission: Permission): MemberRole[] {
  return roles.filter((role) => can(role, permission));
}

/**
 * The actor as the policy sees them: their account (none for the directory) and their role in the
 * organization. `directory` is required, never optional: an absent property would be read off the
 * prototype, and a polluted prototype must not make a person the directory.
 */
export interface PolicyActor {
  userId: string | null;
  role: MemberRole | null;
  /** The organization's identity provider over SCIM (docs/rules.md rule 13), acting as an Admin. */
  directory: boolean;
}

/** `actor` with `role` as the policy sees them. */
export function policyActorOf(actor: Actor, role: MemberRole | null): PolicyActor {
  return actor.kind === 'directory'
    ? { userId: null, role, directory: true }
    : { userId: actor.userId, role, directory: false };
}

/**
 * A row of the user table that an action is aimed at. An invitation has no account yet: its role counts,
 * and whether the invitee declined it (docs/rules.md rule 10).
 */
export type PolicyTarget =
  | { kind: 'member'; userId: string; role: MemberRole; suspended?: boolean; directoryManaged?: boolean }
  | { kind: 'invitation'; role: InvitationRole; declined?: boolean };

/** A row of the user table (or a target of a bulk change) as the policy sees it. */
export function policyTarget(row: {
  kind: 'member' | 'invitation';
  userId: string | null;
  role: MemberRole;
  declined?: boolean;
  suspended?: boolean;
  directoryManaged?: boolean;
}): PolicyTarget {
  return row.kind === 'member'
    ? {
        kind: 'member',
        userId: row.userId!,
        role: row.role,
        suspended: row.suspended ?? false,
        directoryManaged: row.directoryManaged ?? false,
      }
    : {
        kind: 'invitation',
        role: isInvitationRole(row.role) ? row.role : 'member',
        declined: row.declined ?? false,
      };
}

/** What a bulk change does to each of its rows. */
export type TargetAction =
  | { type: 'change_role'; role: MemberRole }
  | { type: 'remove' }
  | { type: 'suspend' }
  | { type: 'reactivate' }
  | { type: 'detach' }
  // The directory writing what it keeps on a member (externalId, userName, name: lib/scim).
  | { type: 'sync' };

/** What is done to one invitation alone. */
export type InvitationAction = { type: 'resend' };

export type Decision = { allowed: true } | { allowed: false; code: ErrorCode; message: string };

const allow: Decision = { allowed: true };
const deny = (code: ErrorCode): Decision => ({ allowed: false, code, message: errorMessages[code] });

/**
 * May `actor` do `action` to `target`? Covers docs/rules.md rules 1–3, 5, 8a (suspension) and 10 (a
 * declined invitation is only removed). Rule 4 (never zero Owners) depends on the whole selection and is answered by
 * `ownersRemainAfter`.
 */
export function decide(
  actor: PolicyActor,
  target: PolicyTarget,
  action: TargetAction | InvitationAction,
): Decision {
  if (!actor.role) return deny('FORBIDDEN');
  const self = target.kind === 'member' && actor.userId !== null && target.userId === actor.userId;

  if (target.kind === 'invitation') {
    if (!can(actor.role, 'members:invite')) return deny('FORBIDDEN');
    if (action.type === 'suspend' || action.type === 'reactivate') return deny('NOT_SUSPENDABLE');
    if (action.type === 'detach' || action.type === 'sync') return deny('NOT_FOUND');
    if (target.declined && action.type !== 'remove') return deny('INVITATION_DECLINED');
    if (action.type === 'change_role' && action.role === 'owner') return deny('INVITATION_ROLE');
    return allow;
  }
  // Only an invitation is sent again.
  if (action.type === 'resend') return deny('NOT_FOUND');

  // docs/rules.md rule 13: a member the directory manages is the directory's; an Owner may detach them
  // (they become an ordinary member), and nothing else is done to them from the console.
  if (action.type === 'detach') {
    if (actor.directory || !target.directoryManaged) return deny('NOT_FOUND');
    return makesOwners(actor.role) ? allow : deny('OWNER_REQUIRED');
  }
  if (action.type === 'sync') {
    if (!actor.directory) return deny('FORBIDDEN');
    return target.role === 'owner' && !makesOwners(actor.role) ? deny('OWNER_REQUIRED') : allow;
  }
  if (target.directoryManaged && !actor.directory) return deny('DIRECTORY_MANAGED');

  // docs/rules.md rule 8a: nobody suspends or reactivates themselves.
  if ((action.type === 'suspend' || action.type === 'reactivate') && self) return deny('SELF_SUSPEND');

  if (!can(actor.role, 'members:manage')) {
    // Anyone may leave, or step down; nothing more.
    if (!self) return deny('FORBIDDEN');
    if (action.type === 'remove') return allow;
    if (action.type !== 'change_role') return deny('FORBIDDEN');
    return roleRank[action.role] <= roleRank[actor.role] ? allow : deny('FORBIDDEN');
  }

  const touchesOwner = target.role === 'owner' || (action.type === 'change_role' && action.role === 'owner');
  if (touchesOwner && !makesOwners(actor.role)) return deny('OWNER_REQUIRED');
  return allow;
}

/** docs/rules.md rule 1: only an Owner makes someone an Owner, or changes or removes one. */
function makesOwners(role: MemberRole): boolean {
  return role === 'owner';
}

/** What may be done to the organization as a whole beyond the permission table. */
export type OrganizationAction = 'transfer_ownership';

/**
 * May a member with `role` do `action` to their organization? Handing it over makes another member an
 * Owner, so rule 1 answers: Owners only.
 */
export function decideForOrganization(role: MemberRole, action: OrganizationAction): Decision {
  switch (action) {
    case 'transfer_ownership':
      return makesOwners(role) ? allow : deny('OWNER_REQUIRED');
  }
}

/** docs/rules.md rule 4: after the change, does the organization still have an active Owner? */
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

/**
 * docs/rules.md rule 4 for one person: holding the Owner role where `ownerCount` Owners remain, may
 * they step down or leave? Not when they are the only one; the server refuses it with LAST_OWNER.
 */
export function isSoleOwner(role: MemberRole | null | undefined, ownerCount: number): boolean {
  return role === 'owner' && ownerCount <= 1;
}

/** Why the only Owner is not offered to step down or leave: said where the option would be. */
export const soleOwnerReason = 'You are the only Owner. Make someone else an Owner first.';

/** Why a member the directory manages is not offered Leave (docs/rules.md rule 13). */
export const directoryMemberReason =
  'Your identity provider manages your membership: ask your IT team to remove you there.';

/** Why `Leave organization` is not offered to a member, or null when it is. */
export function leaveRefusal(membership: {
  role: MemberRole;
  ownerCount: number;
  directoryManaged?: boolean;
}): string | null {
  if (membership.directoryManaged) return directoryMemberReason;
  return isSoleOwner(membership.role, membership.ownerCount) ? soleOwnerReason : null;
}

/** Why an Admin is offered nothing on an Owner's row (docs/rules.md rule 1, said for that row). */
export const ownerRowReason = 'Only an Owner can change, suspend or remove an Owner.';

/** What the console offers on one row of the user table, and why when something is held back. */
export interface RowOffer {
  /** The roles `actor` may give the row, its own role excluded. */
  roles: MemberRole[];
  remove: boolean;
  /** An invitation that may be sent again. */
  resend: boolean;
  /** An active member who may be suspended; a suspended one who may be reactivated. */
  suspend: boolean;
  reactivate: boolean;
  /** A member the directory manages that the actor (an Owner) may detach from it. */
  detach: boolean;
  /** Why a change or the removal is not offered, or null when everything is. */
  reason: string | null;
}

/**
 * The row's options: `assignableRoles` and `canRemove`, less what rule 4 would refuse (the only Owner
 * stepping down or leaving, counted with `ownerCount`), with the reason for whatever is held back.
 */
export function rowOffer(actor: PolicyActor, target: PolicyTarget, ownerCount: number): RowOffer {
  const detach = target.kind === 'member' && decide(actor, target, { type: 'detach' }).allowed;
  return { ...offerOf(actor, target, ownerCount), detach };
}

function offerOf(actor: PolicyActor, target: PolicyTarget, ownerCount: number): Omit<RowOffer, 'detach'> {
  const given = assignableRoles(actor, target).filter((role) => role !== target.role);
  const removal = decide(actor, target, { type: 'remove' });
  const resend = target.kind === 'invitation' && decide(actor, target, { type: 'resend' }).allowed;
  const suspended = target.kind === 'member' && Boolean(target.suspended);
  const reactivate = suspended && decide(actor, target, { type: 'reactivate' }).allowed;
  // The only active Owner: a suspended Owner is not one of them (rule 8a).
  const lastOwner = target.kind === 'member' && !suspended && isSoleOwner(target.role, ownerCount);
  if (lastOwner && (given.length > 0 || removal.allowed)) {
    // Everything but Owner is a step down for an Owner, and suspending them would leave none: nothing is
    // left to offer.
    const self = target.kind === 'member' && target.userId === actor.userId;
    return {
      roles: [],
      remove: false,
      resend,
      suspend: false,
      reactivate: false,
      reason: self ? soleOwnerReason : errorMessages.LAST_OWNER,
    };
  }
  const suspend =
    target.kind === 'member' && !suspended && decide(actor, target, { type: 'suspend' }).allowed;
  if (!removal.allowed) {
    const reason = removal.code === 'OWNER_REQUIRED' ? ownerRowReason : removal.message;
    return { roles: given, remove: false, resend, suspend, reactivate, reason };
  }
  return { roles: given, remove: true, resend, suspend, reactivate, reason: null };
}
