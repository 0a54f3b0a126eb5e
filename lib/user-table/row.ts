// One row of the user table as the domain reads it (lib/user-table/rows.ts), a member or an invitation.
import type { MemberRole } from '@/db/values';
import type { UserStatus } from '../shared/user-table';

export interface UserRow {
  kind: 'member' | 'invitation';
  /** Membership id or invitation id: what row actions send back. */
  id: string;
  userId: string | null;
  name: string | null;
  email: string;
  role: MemberRole;
  status: UserStatus;
  /** Added: joined (members) or first invited (invitations); a resend does not move it. */
  date: Date;
  expiresAt: Date | null;
  /** Invitations: when the last email went out and how many went out. */
  lastSentAt: Date | null;
  sendCount: number | null;
  invitedBy: string | null;
  deliveryError: string | null;
  /** Invitations: where the newest email is (db/values.ts deliveryStatusValues). */
  deliveryStatus: string | null;
  /** Members: when they last used AI Hub here (lib/members/last-active.ts); null when not since joining. */
  lastActiveAt: Date | null;
  /** Members the identity provider manages over SCIM (docs/rules.md rule 13). */
  directoryManaged: boolean;
  /** Members who have signed in through the organization's identity provider (marked SSO). */
  sso: boolean;
  /** Members whose address is outside every counting domain of an organization that has one (External). */
  external: boolean;
  /** Members: the title and department the directory sent (memberships.title, .department). */
  title: string | null;
  department: string | null;
  /** Members: the name of the directory group whose mapping gives the role (DESIGN §12), else null. */
  roleGroup: string | null;
}
