'use server';
// Server actions for the user table: change roles, remove, suspend and reactivate, leave, detach from the directory. Each returns
// `{ ok: true, data } | { ok: false, error: { code, message, details? } }` (see ./result.ts).
import { revalidatePath } from 'next/cache';
import {
  changeRoles,
  detachFromDirectory,
  leaveOrganization,
  removeMembers,
  setMemberStatus,
  type RemovalResult,
  type RoleChangeResult,
  type StatusChangeResult,
} from '@/lib/members';
import {
  changeMatchingRolesSchema,
  changeRolesSchema,
  detachSchema,
  organizationIdSchema,
  removeMatchingSchema,
  removeMembersSchema,
  setMatchingStatusSchema,
  setMemberStatusSchema,
} from '@/lib/validation';
import { runAsActor, type ActionResult } from './result';

/**
 * Gives one role to any mix of members and pending invitations.
 * Input: `{ organizationId, ids: (membership or invitation id)[], role: 'owner' | 'admin' | 'member' }`.
 * Output: `{ changed, role, actorLostAccess }`.
 * Who: Owners (any role); Admins (Admin or Member, not on Owners); anyone on themselves, downwards.
 * Errors: UNAUTHENTICATED, INVALID_INPUT, NOT_FOUND, FORBIDDEN, OWNER_REQUIRED, INVITATION_ROLE,
 * INVITATION_DECLINED (a declined invitation is only deleted), LAST_OWNER, BULK_REFUSED (details.refused
 * lists each refused row and why; nothing changed).
 */
export async function changeRolesAction(input: unknown): Promise<ActionResult<RoleChangeResult>> {
  return runAsActor(changeRolesSchema, input, async (actor, data) => {
    const result = await changeRoles(actor, data);
    revalidatePath('/admin/[org]', 'layout');
    return result;
  });
}

/**
 * Removes members (their accounts stay) and revokes pending invitations, all or nothing.
 * Input: `{ organizationId, ids }`. Output: `{ removedMembers, revokedInvitations, actorLeft }`.
 * Who: as changeRolesAction; removing yourself is leaving. Errors: as changeRolesAction.
 */
export async function removeMembersAction(input: unknown): Promise<ActionResult<RemovalResult>> {
  return runAsActor(removeMembersSchema, input, async (actor, data) => {
    const result = await removeMembers(actor, data);
    revalidatePath('/admin/[org]', 'layout');
    revalidatePath('/');
    return result;
  });
}

/**
 * "Select all N matching", then change role: gives one role to every member and pending invitation that
 * the user table's filter matches, on every page, resolved on the server inside the change's transaction.
 * Input: `{ organizationId, matching: { filter: { search, role, status }, count }, role }`, where `filter`
 * is the table's URL state (role and status may be null) and `count` the total the person saw.
 * Output: as changeRolesAction. Who: Owners and Admins, under the same rules, all or nothing.
 * Errors: as changeRolesAction, and SELECTION_CHANGED when the filter no longer matches `count` rows
 * (details: `{ expected, found }`; nothing changed).
 */
export async function changeMatchingRolesAction(input: unknown): Promise<ActionResult<RoleChangeResult>> {
  return runAsActor(changeMatchingRolesSchema, input, async (actor, data) => {
    const result = await changeRoles(actor, data);
    revalidatePath('/admin/[org]', 'layout');
    return result;
  });
}

/**
 * "Select all N matching", then delete: removes every matching member and revokes every matching pending
 * invitation, all or nothing. Input: `{ organizationId, matching }` as changeMatchingRolesAction.
 * Output: as removeMembersAction. Errors: as changeMatchingRolesAction.
 */
export async function removeMatchingAction(input: unknown): Promise<ActionResult<RemovalResult>> {
  return runAsActor(removeMatchingSchema, input, async (actor, data) => {
    const result = await removeMembers(actor, data);
    revalidatePath('/admin/[org]', 'layout');
    revalidatePath('/');
    return result;
  });
}

/**
 * Suspends or reactivates members, all or nothing. A suspended member keeps membership and role and has
 * no access from their next request; reactivating gives it back.
 * Input: `{ organizationId, ids: membership id[], status: 'suspended' | 'active' }`. Output:
 * `{ changed, status }` (members already in that status are not counted).
 * Who: Owners (anyone but themselves); Admins (Admins and Members, not Owners, not themselves).
 * Errors: UNAUTHENTICATED, INVALID_INPUT, NOT_FOUND, FORBIDDEN, OWNER_REQUIRED, SELF_SUSPEND,
 * NOT_SUSPENDABLE (an invitation), LAST_OWNER (the last active Owner), BULK_REFUSED (details.refused).
 */
export async function setMemberStatusAction(input: unknown): Promise<ActionResult<StatusChangeResult>> {
  return runAsActor(setMemberStatusSchema, input, async (actor, data) => {
    const result = await setMemberStatus(actor, data);
    revalidatePath('/admin/[org]', 'layout');
    return result;
  });
}

/**
 * "Select all N matching", then suspend or reactivate: every matching member, all or nothing.
 * Input: `{ organizationId, matching, status }` as changeMatchingRolesAction. Output: as
 * setMemberStatusAction. Errors: as setMemberStatusAction, and SELECTION_CHANGED.
 */
export async function setMatchingStatusAction(input: unknown): Promise<ActionResult<StatusChangeResult>> {
  return runAsActor(setMatchingStatusSchema, input, async (actor, data) => {
    const result = await setMemberStatus(actor, data);
    revalidatePath('/admin/[org]', 'layout');
    return result;
  });
}

/**
 * Leaves the organization. Input: `{ organizationId }`. Output: as removeMembersAction.
 * Who: any member, unless they are the last Owner (LAST_OWNER).
 */
export async function leaveOrganizationAction(input: unknown): Promise<ActionResult<RemovalResult>> {
  return runAsActor(organizationIdSchema, input, async (actor, data) => {
    const result = await leaveOrganization(actor, data);
    revalidatePath('/');
    return result;
  });
}

/**
 * Detaches a member from the directory (docs/rules.md rule 13): the identity provider no longer manages
 * them, and the console may change, suspend or remove them again. Input: `{ organizationId, membershipId }`.
 * Output: `{ detached }`. Who: Owners (OWNER_REQUIRED otherwise). Errors: UNAUTHENTICATED, INVALID_INPUT,
 * NOT_FOUND (not a member the directory manages), OWNER_REQUIRED.
 */
export async function detachFromDirectoryAction(input: unknown): Promise<ActionResult<{ detached: number }>> {
  return runAsActor(detachSchema, input, async (actor, data) => {
    const result = await detachFromDirectory(actor, data);
    revalidatePath('/admin/[org]', 'layout');
    return result;
  });
}
