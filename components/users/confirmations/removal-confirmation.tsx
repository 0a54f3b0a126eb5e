import type { ConfirmContent } from '@/components/shared/confirm-dialog';
import type { MemberChange } from '../member-changes';
import type { UserTableRow, UsersViewer } from '../types';
import { includesViewer, type MatchingSelection } from '../use-bulk-selection';
import type { Translate } from '../words';
import { MatchingNote, RowList } from './target-list';

/** What deleting picked rows does, said in the number it is about (one account, or several). */
function removalSentence(rows: UserTableRow[], organizationName: string, t: Translate): string {
  const members = rows.filter((row) => row.kind === 'member').length;
  const invitations = rows.length - members;
  const links =
    invitations === 0
      ? ''
      : invitations === 1
        ? t('users.confirm.removal.linkOne')
        : t('users.confirm.removal.linkMany');
  if (members === 0) return links;
  const organization = organizationName;
  const access =
    members === 1
      ? t(rows.length === 1 ? 'users.confirm.removal.accessThey' : 'users.confirm.removal.accessMember', {
          organization,
        })
      : t('users.confirm.removal.accessMany', { organization });
  return links ? t('users.twoSentences', { first: access, second: links }) : access;
}

/** Picked rows, named. Removing only yourself is leaving: the dialog then speaks to you and says `Leave`. */
function rowsRemoval(rows: UserTableRow[], organizationName: string, t: Translate): ConfirmContent {
  const organization = organizationName;
  const self = rows.some((row) => row.isSelf);
  if (rows.length === 1 && self)
    return {
      title: t('users.confirm.removal.leaveTitle', { organization }),
      description: t('users.confirm.removal.leaveDescription', { organization }),
      confirmLabel: t('users.confirm.removal.leave'),
      variant: 'destructive',
    };
  return {
    title:
      rows.length > 1
        ? t('users.confirm.removal.titleMany', { count: rows.length })
        : rows[0].kind === 'invitation'
          ? t('users.confirm.removal.titleInvitation')
          : t('users.confirm.removal.titleUser'),
    description: (
      <>
        <p>{removalSentence(rows, organizationName, t)}</p>
        <RowList rows={rows} label={t('users.confirm.removal.listLabel')} t={t} />
        {self ? (
          <p className="font-medium text-destructive">
            {t('users.confirm.removal.removingSelf', { organization })}
          </p>
        ) : null}
      </>
    ),
    confirmLabel: t('common.actions.delete'),
    variant: 'destructive',
  };
}

/** Every matching row, described by the filter; all or nothing, and the viewer warned when among them. */
function matchingRemoval(
  matching: MatchingSelection,
  viewer: UsersViewer,
  organizationName: string,
  t: Translate,
): ConfirmContent {
  const organization = organizationName;
  const { count } = matching;
  const self = includesViewer({ matching }, viewer);
  return {
    title: t('users.confirm.removal.titleMany', { count }),
    description: (
      <>
        <MatchingNote matching={matching} organizationName={organizationName} t={t} />
        <p>{t('users.confirm.removal.matching', { organization })}</p>
        {count > 1 ? <p>{t('users.confirm.removal.allOrNothing')}</p> : null}
        {self ? (
          <p className="font-medium text-destructive">
            {t(count > 1 ? 'users.confirm.removal.selfAmongMatching' : 'users.confirm.removal.selfMatching', {
              organization,
            })}
          </p>
        ) : null}
      </>
    ),
    confirmLabel: t('common.actions.delete'),
    variant: 'destructive',
  };
}

/** "Delete this user?", "Delete 30 users?", or "Leave Acme?" when it is only you. */
export function removalConfirmation(
  { target }: Extract<MemberChange, { kind: 'remove' }>,
  viewer: UsersViewer,
  organizationName: string,
  t: Translate,
): ConfirmContent {
  return 'rows' in target
    ? rowsRemoval(target.rows, organizationName, t)
    : matchingRemoval(target.matching, viewer, organizationName, t);
}
