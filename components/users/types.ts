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
  /** Added: joined (members) or first invited (invitations). */
  date: string;
  expiresAt: string | null;
  /** Invitations: when the last email went out, and how many went out. */
  lastSentAt: string | null;
  sendCount: number | null;
  invitedBy: string | null;
  deliveryError: string | null;
  /** Roles the viewer may give this row (from lib/policy). */
  allowedRoles: MemberRole[];
  canDelete: boolean;
  canResend: boolean;
  isSelf: boolean;
}

export interface UsersViewer {
  userId: string;
  role: MemberRole;
  invitableRoles: InvitationRole[];
}

export interface UsersOrganization {
  id: string;
  name: string;
  slug: string;
}
