'use server';
// Server actions for the user table: change roles, remove, leave. Each returns
// `{ ok: true, data } | { ok: false, error: { code, message, details? } }` (see ./result.ts).
import { revalidatePath } from 'next/cache';
import {
  changeRoles,
  leaveOrganization,
  removeMembers,
  type RemovalResult,
  type RoleChangeResult,
} from '@/lib/members';
import {
  changeMatchingRolesSchema,
  changeRolesSchema,
  organizationIdSchema,
  removeMatchingSchema,
  removeMembersSchema,
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
