import type { ConfirmContent } from '@/components/shared/confirm-dialog';
import { roleRank } from '@/lib/shared/roles';
import type { MemberRole } from '@/db/values';
import type { MemberChange } from '../member-changes';
import type { UserTableRow, UsersViewer } from '../types';
import { countOf, includesViewer } from '../use-bulk-selection';
import type { Translate, Words } from '../words';
import { RowList, TargetList } from './target-list';

/**
 * `text` ending a sentence: a full stop is added unless it already ends with one (an organization named
 * "Acme Inc." never reads "Acme Inc.."), in the marks of every language of the catalogs.
 */
function endSentence(text: string): string {
  return /[.!?…。！？]["'”’)\]」』]*$/u.test(text) ? text : `${text}.`;
}

/** What the viewer loses by giving themselves `role`, or null when it takes nothing from them. */
function selfWarning(role: MemberRole, viewerRole: MemberRole, organization: string, t: Translate) {
  if (roleRank[role] >= roleRank[viewerRole]) return null;
  return role === 'member'
    ? t('users.confirm.role.selfToMember', { organization })
    : t('users.twoSentences', {
        first: endSentence(t('users.confirm.role.noLongerOwner', { organization })),
        second: t('users.confirm.role.ownerAgain'),
      });
}

/**
 * One person's role change that grants or takes away Owner or Admin: names them, the new role and what
 * it allows, and what they lose when it is less than they had (asksFirst in ../use-users-dialogs.ts).
 */
function oneRowRoleChange(row: UserTableRow, role: MemberRole, t: Translate): ConfirmContent {
  const lower = roleRank[role] < roleRank[row.role];
  const invitation = row.kind === 'invitation';
  const allows = t(`users.roleAllows.${role}`);
  return {
    title: invitation
      ? t('users.confirm.role.invitationTitle', { email: row.email, role: t(`common.roles.${role}`) })
      : t('users.confirm.role.memberTitle', { name: row.name ?? row.email, role }),
    description: (
      <>
        <RowList rows={[row]} label={t('users.confirm.role.listLabel')} t={t} />
        {lower && !invitation ? (
          <p className="font-medium text-foreground">
            {t('users.confirm.role.noLonger', { role: row.role, allows: t(`users.roleAllows.${row.role}`) })}
          </p>
        ) : null}
        <p>
          {invitation
            ? t('users.confirm.role.whenAccepted', { role, allows })
            : lower
              ? allows
              : t('users.confirm.role.now', { role: row.role, allows })}
        </p>
      </>
    ),
    confirmLabel: t('users.confirm.role.make', { role: t(`common.roles.${role}`) }),
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
  { t }: Words,
): ConfirmContent {
  const count = countOf(target);
  const self = includesViewer(target, viewer);
  const alone = self && count === 1;
  if ('rows' in target && count === 1 && !alone) return oneRowRoleChange(target.rows[0], role, t);
  const warning = self ? selfWarning(role, viewer.role, organizationName, t) : null;
  const label = t(`common.roles.${role}`);
  return {
    title: alone
      ? t('users.confirm.role.titleSelf', { role: label })
      : t('users.confirm.role.titleMany', { count, role: label }),
    description: (
      <>
        {/* The viewer alone: the title says whose role it is. */}
        {alone ? null : (
          <TargetList
            target={target}
            label={t('users.confirm.role.selectedLabel')}
            organizationName={organizationName}
            t={t}
          />
        )}
        <p>{t(`users.roleAllows.${role}`)}</p>
        {count > 1 ? <p>{t('users.confirm.role.allOrNothing')}</p> : null}
        {warning ? (
          <p className="font-medium text-destructive">
            {alone ? warning : t('users.confirm.role.among', { warning })}
          </p>
        ) : null}
      </>
    ),
    confirmLabel: alone ? t('users.confirm.role.changeMine') : t('users.confirm.changeRole'),
  };
}
