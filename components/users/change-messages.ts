// The words of the toast that confirms a change on the users page, one sentence per kind of change.
import type { RemovalResult } from '@/lib/members';
import type { MemberRole } from '@/db/values';
import type { MemberStatus } from '@/db/values';
import type { ChangeTarget } from './use-bulk-selection';
import type { Translate } from './words';

/** "jane@acme.com" for one row, "3 users" for several, and for every matching row as many as were seen. */
function whom(t: Translate, target: ChangeTarget) {
  if ('matching' in target) return t('users.changes.users', { count: target.matching.count });
  return target.rows.length === 1
    ? target.rows[0].email
    : t('users.changes.users', { count: target.rows.length });
}

export function roleChangeMessage(t: Translate, target: ChangeTarget, role: MemberRole) {
  return t('users.changes.roleChanged', { whom: whom(t, target), role: t(`common.roles.${role}`) });
}

/** Picked rows by name; every matching row by how many the server changed (those already so are not). */
export function statusMessage(t: Translate, target: ChangeTarget, status: MemberStatus, changed: number) {
  const who = 'rows' in target ? whom(t, target) : t('users.changes.users', { count: changed });
  return t(status === 'suspended' ? 'users.changes.suspended' : 'users.changes.reactivated', { whom: who });
}

/** What a removal took away, in words: named for picked rows, counted from the server's answer for every match. */
function removed(
  t: Translate,
  target: ChangeTarget,
  result: RemovalResult,
): [members: string | null, invitations: string | null] {
  const invitationCount = (count: number) => t('users.changes.invitations', { count });
  if ('matching' in target)
    return [
      result.removedMembers ? t('users.changes.users', { count: result.removedMembers }) : null,
      result.revokedInvitations ? invitationCount(result.revokedInvitations) : null,
    ];
  const members = target.rows.filter((row) => row.kind === 'member');
  const invitations = target.rows.filter((row) => row.kind === 'invitation');
  return [
    members.length ? whom(t, { rows: members }) : null,
    invitations.length === 1
      ? t('users.changes.invitationTo', { email: invitations[0].email })
      : invitations.length
        ? invitationCount(invitations.length)
        : null,
  ];
}

/** "Removed jane@acme.com and revoked the invitation to joe@acme.com"; "Removed 28 users and revoked 2 invitations". */
export function removalMessage(t: Translate, target: ChangeTarget, result: RemovalResult) {
  const [members, invitations] = removed(t, target, result);
  if (members && invitations) return t('users.changes.removedAndRevoked', { members, invitations });
  if (members) return t('users.changes.removed', { members });
  return invitations ? t('users.changes.revoked', { invitations }) : '';
}
