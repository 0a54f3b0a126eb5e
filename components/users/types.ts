import type { InvitationRole, MemberRole } from '@/lib/policy';
import type { UserStatus } from '@/lib/user-table-params';

/** One row of the user table as the browser gets it: data plus what the policy lets this viewer do. */
export interface UserTableRow {
  kind: 'member' | 'invitation';
  id: string;
  userId: string | null;
  name: string | null;
  email: string;
  role: MemberRole;
  status: UserStatus;
  date: string;
  expiresAt: string | null;
  invitedBy: string | null;
  deliveryError: string | null;
  /** Roles the viewer may give this row, its own excluded (`rowOffer` in lib/policy). */
  allowedRoles: MemberRole[];
  canDelete: boolean;
  /** Why a role change or the removal is not offered (shown in the row's menu), or null. */
  heldBack: string | null;
  canResend: boolean;
  isSelf: boolean;
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
