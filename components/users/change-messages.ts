// The words of the toast that confirms a change on the users page, one sentence per kind of change.
import type { RemovalResult } from '@/lib/members';
import { roleLabels } from '@/lib/shared/roles';
import type { MemberRole } from '@/db/values';
import { plural } from '@/lib/shared/text';
import type { MemberStatus } from '@/db/values';
import type { ChangeTarget } from './use-bulk-selection';

/** "jane@acme.com" for one row, "3 users" for several, and for every matching row as many as were seen. */
function whom(target: ChangeTarget) {
  if ('matching' in target) return plural(target.matching.count, 'user');
  return target.rows.length === 1 ? target.rows[0].email : plural(target.rows.length, 'user');
}

export function roleChangeMessage(target: ChangeTarget, role: MemberRole) {
  return `Changed the role of ${whom(target)} to ${roleLabels[role]}`;
}

/** Picked rows by name; every matching row by how many the server changed (those already so are not). */
export function statusMessage(target: ChangeTarget, status: MemberStatus, changed: number) {
  const verb = status === 'suspended' ? 'Suspended' : 'Reactivated';
  return 'rows' in target ? `${verb} ${whom(target)}` : `${verb} ${plural(changed, 'user')}`;
}

/** What a removal took away, in words: named for picked rows, counted from the server's answer for every match. */
function removed(
  target: ChangeTarget,
  result: RemovalResult,
): [members: string | null, invitations: string | null] {
  if ('matching' in target)
    return [
      result.removedMembers ? plural(result.removedMembers, 'user') : null,
      result.revokedInvitations ? plural(result.revokedInvitations, 'invitation') : null,
    ];
  const members = target.rows.filter((row) => row.kind === 'member');
  const invitations = target.rows.filter((row) => row.kind === 'invitation');
  return [
    members.length ? whom({ rows: members }) : null,
    invitations.length === 1
      ? `the invitation to ${invitations[0].email}`
      : invitations.length
        ? plural(invitations.length, 'invitation')
        : null,
  ];
}

/** "Removed jane@acme.com and revoked the invitation to joe@acme.com"; "Removed 28 users and revoked 2 invitations". */
export function removalMessage(target: ChangeTarget, result: RemovalResult) {
  const [members, invitations] = removed(target, result);
  const parts = [
    members && `Removed ${members}`,
    invitations && `${members ? 'revoked' : 'Revoked'} ${invitations}`,
  ];
  return parts.filter(Boolean).join(' and ');
}
