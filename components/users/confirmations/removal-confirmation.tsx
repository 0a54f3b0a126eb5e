import type { ConfirmContent } from '@/components/shared/confirm-dialog';
import { plural } from '@/lib/shared/text';
import type { MemberChange } from '../member-changes';
import type { UserTableRow, UsersViewer } from '../types';
import { includesViewer, type MatchingSelection } from '../use-bulk-selection';
import { MatchingNote, RowList } from './target-list';

/** What deleting picked rows does, said in the number it is about (one account, or several). */
function removalSentence(rows: UserTableRow[], organizationName: string): string {
  const members = rows.filter((row) => row.kind === 'member').length;
  const invitations = rows.length - members;
  const links =
    invitations === 0
      ? ''
      : invitations === 1
        ? 'The invitation link will stop working.'
        : 'The invitation links will stop working.';
  if (members === 0) return links;
  const access =
    members === 1
      ? `${rows.length === 1 ? 'They' : 'The member'} will lose access to ${organizationName} at once. Their AI Hub account is kept.`
      : `They will lose access to ${organizationName} at once. Their AI Hub accounts are kept.`;
  return links ? `${access} ${links}` : access;
}

/** Picked rows, named. Removing only yourself is leaving: the dialog then speaks to you and says `Leave`. */
function rowsRemoval(rows: UserTableRow[], organizationName: string): ConfirmContent {
  const self = rows.some((row) => row.isSelf);
  if (rows.length === 1 && self)
    return {
      title: `Leave ${organizationName}?`,
      description: `You will lose access to ${organizationName} and its admin console at once. Your AI Hub account is kept; someone will have to invite you again to come back.`,
      confirmLabel: 'Leave',
      variant: 'destructive',
    };
  return {
    title:
      rows.length > 1
        ? `Delete ${plural(rows.length, 'user')}?`
        : rows[0].kind === 'invitation'
          ? 'Delete this invitation?'
          : 'Delete this user?',
    description: (
      <>
        <p>{removalSentence(rows, organizationName)}</p>
        <RowList rows={rows} label="Users to delete" />
        {self ? (
          <p className="font-medium text-destructive">
            You are removing yourself: you will leave {organizationName} and its admin console.
          </p>
        ) : null}
      </>
    ),
    confirmLabel: 'Delete',
    variant: 'destructive',
  };
}

/** Every matching row, described by the filter; all or nothing, and the viewer warned when among them. */
function matchingRemoval(
  matching: MatchingSelection,
  viewer: UsersViewer,
  organizationName: string,
): ConfirmContent {
  const { count } = matching;
  const self = includesViewer({ matching }, viewer);
  return {
    title: `Delete ${plural(count, 'user')}?`,
    description: (
      <>
        <MatchingNote matching={matching} organizationName={organizationName} />
        <p>
          Members lose access to {organizationName} at once; their AI Hub accounts are kept. Invitation links
          stop working.
        </p>
        {count > 1 ? <p>If any of them can’t be removed, nobody is removed.</p> : null}
        {self ? (
          <p className="font-medium text-destructive">
            {count > 1 ? 'You are among them. ' : ''}You will leave {organizationName} and lose access to its
            admin console.
          </p>
        ) : null}
      </>
    ),
    confirmLabel: 'Delete',
    variant: 'destructive',
  };
}

/** "Delete this user?", "Delete 30 users?", or "Leave Acme?" when it is only you. */
export function removalConfirmation(
  { target }: Extract<MemberChange, { kind: 'remove' }>,
  viewer: UsersViewer,
  organizationName: string,
): ConfirmContent {
  return 'rows' in target
    ? rowsRemoval(target.rows, organizationName)
    : matchingRemoval(target.matching, viewer, organizationName);
}
