// The one place that decides who may do what to whom (docs/rules.md rules 1-6, 8a, 10, 13). Every
// operation in lib/ asks it, inside its transaction; the UI asks it too, but only to decide what to offer
// (./offers.ts). The roles are in ./roles.ts, the permissions per role in ./permissions.ts. Pure, so the
// browser loads it too.
import type { InvitationRole, MemberRole } from '@/db/values';
import type { Actor } from './actor';
import {
  errorMessages,
  roleFromGroupDetail,
  roleFromGroupMessage,
  type ErrorCode,
  type ErrorDetail,
} from './errors';
import { can } from './permissions';
import { invitationRoles, isInvitationRole, roleRank, roles } from './roles';

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
  | {
      kind: 'member';
      userId: string;
      role: MemberRole;
      suspended?: boolean;
      directoryManaged?: boolean;
      /** The directory group whose mapping gives the role (DESIGN §12), and who the person is, to say so. */
      roleGroup?: { group: string; person: string } | null;
    }
  | { kind: 'invitation'; role: InvitationRole; declined?: boolean };

/** A row of the user table (or a target of a bulk change) as the policy sees it. */
export function policyTarget(row: {
  kind: 'member' | 'invitation';
  userId: string | null;
  role: MemberRole;
  declined?: boolean;
  suspended?: boolean;
  directoryManaged?: boolean;
  /** The name of the group the role comes from (memberships.role_group_id), and the person's name. */
  roleGroup?: string | null;
  name?: string | null;
  email?: string;
}): PolicyTarget {
  return row.kind === 'member'
    ? {
        kind: 'member',
        userId: row.userId!,
        role: row.role,
        suspended: row.suspended ?? false,
        directoryManaged: row.directoryManaged ?? false,
        roleGroup: row.roleGroup
          ? { group: row.roleGroup, person: row.name || row.email || 'This person' }
          : null,
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

export type Decision =
  { allowed: true } | { allowed: false; code: ErrorCode; message: string; detail?: ErrorDetail };

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
  // DESIGN §12: a role a group mapping gives is the mapping's. Said before the directory's own refusal
  // (such a member is usually the directory's too), as it names what to change instead; said only to
  // whoever could otherwise change the role. A mapping never gives nor touches Owner: making someone an
  // Owner stays rule 1's, and an Owner's old mark means nothing.
  if (
    action.type === 'change_role' &&
    action.role !== 'owner' &&
    target.role !== 'owner' &&
    target.roleGroup &&
    !actor.directory &&
    (self || can(actor.role, 'members:manage'))
  )
    return {
      allowed: false,
      code: 'ROLE_FROM_GROUP',
      message: roleFromGroupMessage(self ? null : target.roleGroup.person, target.roleGroup.group),
      detail: roleFromGroupDetail(self ? null : target.roleGroup.person, target.roleGroup.group),
    };
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

/**
 * DESIGN §12: may a member with `role` map a directory group to `to` (Admin, Member, or no role)? Those
 * who manage provisioning may (`org:settings`, as the provisioning page's actions ask); mapping to a
 * role gives it to people, so it also takes `members:manage`, and an Admin may already make someone an
 * Admin. No mapping gives Owner (the input's type has none).
 */
export function decideGroupMapping(role: MemberRole | null, to: InvitationRole | null): Decision {
  if (!can(role, 'org:settings')) return deny('FORBIDDEN');
  if (to !== null && !can(role, 'members:manage')) return deny('FORBIDDEN');
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
