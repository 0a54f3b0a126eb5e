'use server';
// Server actions for organizations: create, rename, set member notifications and the seat limit, find a
// member, transfer ownership, delete. Each returns
// `{ ok: true, data } | { ok: false, error: { code, message, details? } }` (see ./result.ts).
import {
  createOrganization,
  deleteOrganization,
  renameOrganization,
  setMemberNotifications,
  setSeatLimit,
  transferOwnership,
} from '@/lib/organizations';
import { searchMembers } from '@/lib/members/search';
import {
  createOrganizationSchema,
  deleteOrganizationSchema,
  memberNotificationsSchema,
  renameOrganizationSchema,
  seatLimitSchema,
  searchMembersSchema,
  transferOwnershipSchema,
} from '@/lib/shared/validation';
import { defineAction } from './result';

/**
 * Creates an organization; the caller becomes its Owner. Input: `{ name }` (1 to MAX_ORGANIZATION_NAME characters, lib/shared/limits.ts).
 * Output: the organization `{ id, name, slug, ... }`. Who: anyone signed in. ORGANIZATION_LIMIT: past
 * ORGANIZATIONS_PER_ACCOUNT_PER_DAY.
 */
export const createOrganizationAction = defineAction({
  input: createOrganizationSchema,
  errors: ['ORGANIZATION_LIMIT'],
  run: createOrganization,
  revalidate: ['/'],
});

/**
 * Renames the organization (its slug and links stay). Input: `{ organizationId, name }`.
 * Output: `{ id, name, slug }`. Who: Owners and Admins.
 */
export const renameOrganizationAction = defineAction({
  input: renameOrganizationSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  run: renameOrganization,
  revalidate: [['/', 'layout']],
});

/**
 * Turns on or off the emails to people whose role changes, who are removed or who are made Owner.
 * Input: `{ organizationId, enabled }`. Output: `{ enabled }`. Who: Owners and Admins. Recorded in the
 * activity log when it changes.
 */
export const setMemberNotificationsAction = defineAction({
  input: memberNotificationsSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  run: setMemberNotifications,
  revalidate: [['/admin/[org]/settings', 'page']],
});

/**
 * Sets the seat limit (seats: active members + pending unexpired invitations). Input:
 * `{ organizationId, seatLimit }`, a whole number from 1 to MAX_SEAT_LIMIT, or '' / null for no limit.
 * Output: `{ seatLimit, used }`. Who: Owners and Admins. Lowering it below `used` is allowed: new
 * invitations and reactivations are then refused until seats are freed. Recorded in the activity log.
 */
export const setSeatLimitAction = defineAction({
  input: seatLimitSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  run: setSeatLimit,
  revalidate: [['/admin/[org]', 'layout']],
});

/**
 * Makes another member the Owner; the caller becomes Admin. Input: `{ organizationId, toUserId }` or
 * `{ organizationId, toEmail }`. Output: `{ newOwnerUserId, newOwnerEmail }`. Who: Owners.
 */
export const transferOwnershipAction = defineAction({
  input: transferOwnershipSchema,
  errors: ['NOT_FOUND', 'OWNER_REQUIRED', 'NOT_A_MEMBER', 'MEMBER_SUSPENDED'],
  run: transferOwnership,
  revalidate: [['/', 'layout']],
});

/**
 * Finds members by part of their name or email, for the `Transfer ownership` picker. Input:
 * `{ organizationId, query }` (at most MAX_SEARCH characters; empty lists the first members by name).
 * Output: at most MEMBER_SEARCH_RESULTS `{ userId, name, email, role }`, never the caller, matches that
 * start with the query first. Who: Owners and Admins.
 */
export const searchMembersAction = defineAction({
  input: searchMembersSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  run: (actor, data) => searchMembers(actor, data),
});

/**
 * Deletes the organization with its memberships, invitations and audit log (accounts stay); who
 * deleted it is kept in organization_deletions. Input: `{ organizationId, confirmName }` (the name,
 * typed exactly). Output: `{ id, name }`.
 * Who: Owners.
 */
export const deleteOrganizationAction = defineAction({
  input: deleteOrganizationSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFIRMATION_MISMATCH'],
  run: deleteOrganization,
  revalidate: [['/', 'layout']],
});
