import type { InvitationRole, MemberRole } from '@/db/values';
import type { UserStatus } from '@/lib/shared/user-table';

/**
 * One row of the user table as the browser gets it: data plus what the policy lets this viewer do. Empty
 * fields are left out rather than sent as null: the page carries 25 to 100 of these (a lighter page).
 */
export interface UserTableRow {
  kind: 'member' | 'invitation';
  id: string;
  name?: string;
  email: string;
  role: MemberRole;
  status: UserStatus;
  /** Added: joined (members) or first invited (invitations). */
  date: string;
  /** Invitations: when the link expires, when the last email went out, and how many went out. */
  expiresAt?: string;
  lastSentAt?: string;
  sendCount?: number;
  invitedBy?: string;
  deliveryError?: string;
  /** Invitations: where the newest email is (queued, sending, sent, delivered, bounced, …). */
  delivery?: string;
  /** Members: when they last used AI Hub here; left out when not since joining ("Never"). */
  lastActiveAt?: string;
  /** Roles the viewer may give this row, its own excluded (`rowOffer` in lib/shared/policy.ts). */
  allowedRoles: MemberRole[];
  /** Why a role change or the removal is not offered (shown in the row's menu); left out when both are. */
  heldBack?: string;
  /** Left out when false. */
  canDelete?: boolean;
  canResend?: boolean;
  /** An active member the viewer may suspend; a suspended one they may reactivate (rule 8a). */
  canSuspend?: boolean;
  canReactivate?: boolean;
  /** Managed by the identity provider over SCIM (the `Directory` badge); an Owner may detach them. */
  directory?: boolean;
  canDetach?: boolean;
  /** A member whose address is outside every verified domain of the organization (the `External` badge). */
  external?: boolean;
  /** A member who has signed in through the organization's identity provider (the `SSO` badge). */
  sso?: boolean;
  /** Members: the title and department the directory sent; left out when none. */
  title?: string;
  department?: string;
  /** Members whose role a directory group's mapping gives: the group's name ("Admin · from …"). */
  roleGroup?: string;
  /** Why Change role is not offered when the rest is (a role that a group mapping gives). */
  roleHeldBack?: string;
  isSelf?: boolean;
}

/** A pending request to join through a verified domain, as the users page's Requests section shows it. */
export interface JoinRequestRow {
  id: string;
  email: string;
  name?: string;
  domain: string;
  /** When they asked (ISO). */
  createdAt: string;
}

export interface UsersViewer {
  userId: string;
  /** The viewer's address and name: whether a "Select all N matching" selection includes them. */
  email: string;
  name: string | null;
  role: MemberRole;
  invitableRoles: InvitationRole[];
}

export interface UsersOrganization {
  id: string;
  name: string;
  slug: string;
}
