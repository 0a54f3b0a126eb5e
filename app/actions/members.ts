'use server';
// Server actions for the user table: change roles, remove, suspend and reactivate, leave, detach from the
// directory. Each answers `{ ok: true, data } | { ok: false, error: { code, message, details? } }`
// (./result.ts), with an error code from its `errors` (and INVALID_INPUT, INTERNAL, UNAUTHENTICATED).
//
// A bulk change is aimed at a selection (lib/members Selection): `ids` (membership or invitation ids), or
// `matching: { filter: { search, role, status, inactive }, count }` for "Select all N matching": every
// row the user table's filter matches on every page, resolved on the server inside the change's
// transaction, refused with SELECTION_CHANGED (details `{ expected, found }`) when it no longer matches
// `count` rows. Either way all or nothing: BULK_REFUSED lists each refused row and why in
// details.refused, and nothing changes.
import {
  changeRoles,
  detachFromDirectory,
  leaveOrganization,
  removeMembers,
  setMemberStatus,
} from '@/lib/members';
import {
  changeRolesSchema,
  detachSchema,
  organizationIdSchema,
  removeMembersSchema,
  setMemberStatusSchema,
} from '@/lib/shared/validation';
import { defineAction } from './result';

/** What every change to the table's rows may be refused with. */
const rowRefusals = [
  'NOT_FOUND',
  'FORBIDDEN',
  'OWNER_REQUIRED',
  'LAST_OWNER',
  'DIRECTORY_MANAGED',
  'BULK_REFUSED',
  'SELECTION_CHANGED',
] as const;

/**
 * Gives one role to any mix of members and pending invitations.
 * Input: `{ organizationId, role: 'owner' | 'admin' | 'member' }` and a selection (`ids` or `matching`).
 * Output: `{ changed, role, actorLostAccess }`.
 * Who: Owners (any role); Admins (Admin or Member, not on Owners); anyone on themselves, downwards.
 * A declined invitation is only deleted (INVITATION_DECLINED); an invitation is never made Owner
 * (INVITATION_ROLE).
 */
export const changeRolesAction = defineAction({
  input: changeRolesSchema,
  errors: [...rowRefusals, 'INVITATION_ROLE', 'INVITATION_DECLINED', 'ROLE_FROM_GROUP'],
  run: changeRoles,
  revalidate: [['/admin/[org]', 'layout']],
});

/**
 * Removes members (their accounts stay) and revokes pending and declined invitations, all or nothing.
 * Input: `{ organizationId }` and a selection. Output: `{ removedMembers, revokedInvitations, actorLeft }`.
 * Who: as changeRolesAction; removing yourself is leaving.
 */
export const removeMembersAction = defineAction({
  input: removeMembersSchema,
  errors: rowRefusals,
  run: removeMembers,
  revalidate: [['/admin/[org]', 'layout'], '/'],
});

/**
 * Suspends or reactivates members, all or nothing. A suspended member keeps membership and role and has
 * no access from their next request; reactivating gives it back, within the seats (SEAT_LIMIT).
 * Input: `{ organizationId, status: 'suspended' | 'active' }` and a selection. Output: `{ changed, status }`
 * (members already in that status are not counted).
 * Who: Owners (anyone but themselves); Admins (Admins and Members, not Owners, not themselves).
 */
export const setMemberStatusAction = defineAction({
  input: setMemberStatusSchema,
  errors: [...rowRefusals, 'SELF_SUSPEND', 'NOT_SUSPENDABLE', 'SEAT_LIMIT'],
  run: setMemberStatus,
  revalidate: [['/admin/[org]', 'layout']],
});

/**
 * Leaves the organization. Input: `{ organizationId }`. Output: as removeMembersAction.
 * Who: any member, unless they are the last Owner (LAST_OWNER) or the directory manages them.
 */
export const leaveOrganizationAction = defineAction({
  input: organizationIdSchema,
  errors: ['NOT_FOUND', 'LAST_OWNER', 'DIRECTORY_MANAGED'],
  run: leaveOrganization,
  revalidate: ['/'],
});

/**
 * Detaches a member from the directory (docs/rules.md rule 13): the identity provider no longer manages
 * them, and the console may change, suspend or remove them again. Input: `{ organizationId, membershipId }`.
 * Output: `{ detached }`. Who: Owners. NOT_FOUND: not a member the directory manages.
 */
export const detachFromDirectoryAction = defineAction({
  input: detachSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'OWNER_REQUIRED'],
  run: detachFromDirectory,
  revalidate: [['/admin/[org]', 'layout']],
});
