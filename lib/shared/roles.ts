// The roles: their list and order (most access first), their labels, what each lets its holder do, and
// their rank. The one source of these facts; the values themselves come from db/values.ts. Pure.
import { invitationRoleValues, memberRoleValues, type InvitationRole, type MemberRole } from '@/db/values';

/** Every role, most access first: the order of menus and filters, and of the user table's role sort. */
export const roles = memberRoleValues;
/** The roles an invitation can carry (docs/rules.md rule 3), in the same order. */
export const invitationRoles = invitationRoleValues;

export const roleLabels: Record<MemberRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/**
 * What a role lets its holder do, to follow "you can" (the emails about a role change, and the role's
 * description in the invite dialog). The one description of each role: the permissions below grant it.
 */
export const roleDescriptions: Record<MemberRole, string> = {
  owner: "manage the organization's members and settings, transfer ownership and delete the organization",
  admin: "invite people and manage the organization's members and settings",
  member: 'use AI Hub in the organization, without its admin console',
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
