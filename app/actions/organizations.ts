'use server';
// Server actions for organizations: create, rename, set member notifications and the seat limit, find a
// member, transfer ownership, delete. Each returns
// `{ ok: true, data } | { ok: false, error: { code, message, details? } }` (see ./result.ts).
import { revalidatePath } from 'next/cache';
import {
  createOrganization,
  deleteOrganization,
  renameOrganization,
  setMemberNotifications,
  setSeatLimit,
  transferOwnership,
  type Organization,
} from '@/lib/organizations';
import { searchMembers, type MemberMatch } from '@/lib/member-search';
import {
  createOrganizationSchema,
  deleteOrganizationSchema,
  memberNotificationsSchema,
  renameOrganizationSchema,
  seatLimitSchema,
  searchMembersSchema,
  transferOwnershipSchema,
} from '@/lib/validation';
import { runAsActor, type ActionResult } from './result';

/**
 * Creates an organization; the caller becomes its Owner. Input: `{ name }` (1 to MAX_ORGANIZATION_NAME characters, lib/limits.ts).
 * Output: the organization `{ id, name, slug, ... }`. Who: anyone signed in.
 * Errors: UNAUTHENTICATED, INVALID_INPUT, ORGANIZATION_LIMIT (ORGANIZATIONS_PER_ACCOUNT_PER_DAY).
 */
export async function createOrganizationAction(input: unknown): Promise<ActionResult<Organization>> {
  return runAsActor(createOrganizationSchema, input, async (actor, data) => {
    const organization = await createOrganization(actor, data);
    revalidatePath('/');
    return organization;
  });
}

/**
 * Renames the organization (its slug and links stay). Input: `{ organizationId, name }`.
 * Output: `{ id, name, slug }`. Who: Owners and Admins. Errors: UNAUTHENTICATED, INVALID_INPUT, NOT_FOUND, FORBIDDEN.
 */
export async function renameOrganizationAction(
  input: unknown,
): Promise<ActionResult<{ id: string; name: string; slug: string }>> {
  return runAsActor(renameOrganizationSchema, input, async (actor, data) => {
    const result = await renameOrganization(actor, data);
    revalidatePath('/', 'layout');
    return result;
  });
}

/**
 * Turns on or off the emails to people whose role changes, who are removed or who are made Owner.
 * Input: `{ organizationId, enabled }`. Output: `{ enabled }`. Who: Owners and Admins. Recorded in the
 * activity log when it changes. Errors: UNAUTHENTICATED, INVALID_INPUT, NOT_FOUND, FORBIDDEN.
 */
export async function setMemberNotificationsAction(
  input: unknown,
): Promise<ActionResult<{ enabled: boolean }>> {
  return runAsActor(memberNotificationsSchema, input, async (actor, data) => {
    const result = await setMemberNotifications(actor, data);
    revalidatePath('/admin/[org]/settings', 'page');
    return result;
  });
}

/**
 * Sets the seat limit (seats: active members + pending unexpired invitations). Input:
 * `{ organizationId, seatLimit }`, a whole number from 1 to MAX_SEAT_LIMIT, or '' / null for no limit.
 * Output: `{ seatLimit, used }`. Who: Owners and Admins. Lowering it below `used` is allowed: new
 * invitations and reactivations are then refused until seats are freed. Recorded in the activity log.
 * Errors: UNAUTHENTICATED, INVALID_INPUT, NOT_FOUND, FORBIDDEN.
 */
export async function setSeatLimitAction(
  input: unknown,
): Promise<ActionResult<{ seatLimit: number | null; used: number }>> {
  return runAsActor(seatLimitSchema, input, async (actor, data) => {
    const result = await setSeatLimit(actor, data);
    revalidatePath('/admin/[org]', 'layout');
    return result;
  });
}

/**
 * Makes another member the Owner; the caller becomes Admin. Input: `{ organizationId, toUserId }` or
 * `{ organizationId, toEmail }`. Output: `{ newOwnerUserId, newOwnerEmail }`. Who: Owners. Errors: UNAUTHENTICATED, INVALID_INPUT, NOT_FOUND,
 * OWNER_REQUIRED, NOT_A_MEMBER.
 */
export async function transferOwnershipAction(
  input: unknown,
): Promise<ActionResult<{ newOwnerUserId: string; newOwnerEmail: string }>> {
  return runAsActor(transferOwnershipSchema, input, async (actor, data) => {
    const result = await transferOwnership(actor, data);
    revalidatePath('/', 'layout');
    return result;
  });
}

/**
 * Finds members by part of their name or email, for the `Transfer ownership` picker. Input:
 * `{ organizationId, query }` (at most MAX_SEARCH characters; empty lists the first members by name).
 * Output: at most MEMBER_SEARCH_RESULTS `{ userId, name, email, role }`, never the caller, matches that
 * start with the query first. Who: Owners and Admins. Errors: UNAUTHENTICATED, INVALID_INPUT, NOT_FOUND, FORBIDDEN.
 */
export async function searchMembersAction(input: unknown): Promise<ActionResult<MemberMatch[]>> {
  return runAsActor(searchMembersSchema, input, (actor, data) => searchMembers(actor, data));
}

/**
 * Deletes the organization with its memberships, invitations and audit log (accounts stay); who
 * deleted it is kept in organization_deletions. Input: `{ organizationId, confirmName }` (the name,
 * typed exactly). Output: `{ id, name }`.
 * Who: Owners. Errors: UNAUTHENTICATED, INVALID_INPUT, NOT_FOUND, FORBIDDEN, CONFIRMATION_MISMATCH.
 */
export async function deleteOrganizationAction(
  input: unknown,
): Promise<ActionResult<{ id: string; name: string }>> {
  return runAsActor(deleteOrganizationSchema, input, async (actor, data) => {
    const result = await deleteOrganization(actor, data);
    revalidatePath('/', 'layout');
    return result;
  });
}
