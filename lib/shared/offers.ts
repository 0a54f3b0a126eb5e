// What the console offers on a row, a menu or the home page, and why it holds something back: the
// policy's answers (./policy.ts) put the way the UI needs them, so that it never offers what the server
// would refuse (docs/rules.md rules 4, 5 and 13). Pure.
import type { MemberRole } from '@/db/values';
import { errorMessages, type ErrorCode, type ErrorDetail } from './errors';
import { assignableRoles, decide, isSoleOwner, type PolicyActor, type PolicyTarget } from './policy';

/**
 * Why an option is held back, as a refusal is told: its code, its English (what tests and logs read) and,
 * when the sentence is not its code's, the sentence's key in the catalogs' `errors.detail`. A page says it
 * in the reader's language with app/_lib/error-text.ts errorTextIn, as the server says a refusal.
 */
export interface HeldBack {
  code: ErrorCode;
  message: string;
  detail?: ErrorDetail;
}

/** Why the only Owner is not offered to step down or leave: said where the option would be. */
export const soleOwnerReason = 'You are the only Owner. Make someone else an Owner first.';

export const soleOwnerRefusal: HeldBack = {
  code: 'LAST_OWNER',
  message: soleOwnerReason,
  detail: { key: 'soleOwner' },
};

/** Why a member the directory manages is not offered Leave (docs/rules.md rule 13). */
export const directoryMemberReason =
  'Your identity provider manages your membership: ask your IT team to remove you there.';

const directoryMemberRefusal: HeldBack = {
  code: 'DIRECTORY_MANAGED',
  message: directoryMemberReason,
  detail: { key: 'directoryMember' },
};

/** Why `Leave organization` is not offered to a member, or null when it is. */
export function leaveRefusal(membership: {
  role: MemberRole;
  ownerCount: number;
  directoryManaged?: boolean;
}): HeldBack | null {
  if (membership.directoryManaged) return directoryMemberRefusal;
  return isSoleOwner(membership.role, membership.ownerCount) ? soleOwnerRefusal : null;
}

/** Why an Admin is offered nothing on an Owner's row (docs/rules.md rule 1, said for that row). */
export const ownerRowReason = 'Only an Owner can change, suspend or remove an Owner.';

const ownerRowRefusal: HeldBack = {
  code: 'OWNER_REQUIRED',
  message: ownerRowReason,
  detail: { key: 'ownerRow' },
};

/** A refusing decision of the policy as a reason to hold an option back. */
function heldBack(decision: { code: ErrorCode; message: string; detail?: ErrorDetail }): HeldBack {
  return {
    code: decision.code,
    message: decision.message,
    ...(decision.detail ? { detail: decision.detail } : {}),
  };
}

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
  reason: HeldBack | null;
  /** Why no role change is offered though the rest may be (a role a group mapping gives); absent else. */
  roleReason?: HeldBack;
}

/**
 * The row's options: `assignableRoles` and `canRemove`, less what rule 4 would refuse (the only Owner
 * stepping down or leaving, counted with `ownerCount`), with the reason for whatever is held back.
 */
export function rowOffer(actor: PolicyActor, target: PolicyTarget, ownerCount: number): RowOffer {
  const detach = target.kind === 'member' && decide(actor, target, { type: 'detach' }).allowed;
  const roleReason = roleRefusal(actor, target);
  return { ...offerOf(actor, target, ownerCount), detach, ...(roleReason ? { roleReason } : {}) };
}

/** The policy's ROLE_FROM_GROUP for the row (DESIGN §12), said where Change role would be; else null. */
function roleRefusal(actor: PolicyActor, target: PolicyTarget): HeldBack | null {
  if (target.kind !== 'member' || !target.roleGroup) return null;
  const decision = decide(actor, target, { type: 'change_role', role: 'member' });
  return !decision.allowed && decision.code === 'ROLE_FROM_GROUP' ? heldBack(decision) : null;
}

function offerOf(
  actor: PolicyActor,
  target: PolicyTarget,
  ownerCount: number,
): Omit<RowOffer, 'detach' | 'roleReason'> {
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
      reason: self ? soleOwnerRefusal : { code: 'LAST_OWNER', message: errorMessages.LAST_OWNER },
    };
  }
  const suspend =
    target.kind === 'member' && !suspended && decide(actor, target, { type: 'suspend' }).allowed;
  if (!removal.allowed) {
    const reason = removal.code === 'OWNER_REQUIRED' ? ownerRowRefusal : heldBack(removal);
    return { roles: given, remove: false, resend, suspend, reactivate, reason };
  }
  return { roles: given, remove: true, resend, suspend, reactivate, reason: null };
}
