import type { ConfirmContent } from '@/components/shared/confirm-dialog';
import { roleDescriptions, roleLabels, roleRank } from '@/lib/shared/roles';
import type { MemberRole } from '@/db/values';
import { endSentence, plural } from '@/lib/shared/text';
import type { MemberChange } from '../member-changes';
import type { UserTableRow, UsersViewer } from '../types';
import { countOf, includesViewer } from '../use-bulk-selection';
import { RowList, TargetList } from './target-list';

/** What the viewer loses by giving themselves `role`, or null when it takes nothing from them. */
function selfWarning(role: MemberRole, viewerRole: MemberRole, organizationName: string) {
  if (roleRank[role] >= roleRank[viewerRole]) return null;
  return role === 'member'
    ? `Members cannot open the admin console: you will be taken out of the console of ${organizationName}, and only an Owner or Admin can give your access back.`
    : `${endSentence(`You will no longer be an Owner of ${organizationName}`)} Only an Owner can make you an Owner again.`;
}

/** "an Owner", "a Member". */
const withArticle = (role: MemberRole) => `${role === 'member' ? 'a' : 'an'} ${roleLabels[role]}`;

/** What `role` lets its holder do: "Admins can invite people …". */
function allows(role: MemberRole): string {
  return `${roleLabels[role]}s can ${roleDescriptions[role]}.`;
}

/**
 * One person's role change that grants or takes away Owner or Admin: names them, the new role and what
 * it allows, and what they lose when it is less than they had (asksFirst in ../use-users-dialogs.ts).
 */
function oneRowRoleChange(row: UserTableRow, role: MemberRole): ConfirmContent {
  const lower = roleRank[role] < roleRank[row.role];
  const invitation = row.kind === 'invitation';
  return {
    title: invitation
      ? `Change the invitation to ${row.email} to ${roleLabels[role]}?`
      : `Make ${row.name ?? row.email} ${withArticle(role)}?`,
    description: (
      <>
        <RowList rows={[row]} label="User" />
        {lower && !invitation ? (
          <p className="font-medium text-foreground">
            {`They will no longer be ${withArticle(row.role)}: ${allows(row.role)}`}
          </p>
        ) : null}
        <p>
          {invitation
            ? `When they accept, they join as ${withArticle(role)}. ${allows(role)}`
            : `${lower ? '' : `Now ${withArticle(row.role)}. `}${allows(role)}`}
        </p>
      </>
    ),
    confirmLabel: `Make ${roleLabels[role]}`,
  };
}

/**
 * "Change the role of 37 users to Admin?": names the rows (or the filter that finds them) and warns the
 * viewer who is among them and loses access. The viewer alone is asked about their own role.
 */
export function roleConfirmation(
  { role, target }: Extract<MemberChange, { kind: 'role' }>,
  viewer: UsersViewer,
  organizationName: string,
): ConfirmContent {
  const count = countOf(target);
  const self = includesViewer(target, viewer);
  const alone = self && count === 1;
  if ('rows' in target && count === 1 && !alone) return oneRowRoleChange(target.rows[0], role);
  const warning = self ? selfWarning(role, viewer.role, organizationName) : null;
  return {
    title: alone
      ? `Change your own role to ${roleLabels[role]}?`
      : `Change the role of ${plural(count, 'user')} to ${roleLabels[role]}?`,
    description: (
      <>
        {/* The viewer alone: the title says whose role it is. */}
        {alone ? null : (
          <TargetList target={target} label="Selected users" organizationName={organizationName} />
        )}
        <p>{allows(role)}</p>
        {count > 1 ? <p>If any of them can’t be given this role, nobody’s role changes.</p> : null}
        {warning ? (
          <p className="font-medium text-destructive">{alone ? warning : `You are among them. ${warning}`}</p>
        ) : null}
      </>
    ),
    confirmLabel: alone ? 'Change my role' : 'Change role',
  };
}
