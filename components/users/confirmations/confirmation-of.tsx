import type { ConfirmContent } from '@/components/shared/confirm-dialog';
import { actionWords, heldBackSentence, splitSelection, type BulkAction } from '../held-back';
import type { UsersViewer } from '../types';
import type { ConfirmableChange } from '../use-users-dialogs';
import type { Translate, Words } from '../words';
import { removalConfirmation } from './removal-confirmation';
import { roleConfirmation } from './role-confirmation';
import { statusConfirmation } from './status-confirmation';

function contentOf(
  change: ConfirmableChange,
  viewer: UsersViewer,
  organizationName: string,
  words: Words,
): ConfirmContent {
  switch (change.kind) {
    case 'role':
      return roleConfirmation(change, viewer, organizationName, words);
    case 'remove':
      return removalConfirmation(change, viewer, organizationName, words.t);
    case 'status':
      return statusConfirmation(change, organizationName, words.t);
  }
}

function actionOf(change: ConfirmableChange): BulkAction {
  switch (change.kind) {
    case 'role':
      return { kind: 'role', role: change.role };
    case 'status':
      return { kind: 'status', status: change.status };
    case 'remove':
      return { kind: 'remove' };
  }
}

/** The button that goes on with the rest: "Suspend 22 users", "Make 3 users Admin"; with none, its verb. */
function restLabel(change: ConfirmableChange, count: number, t: Translate): string {
  if (count === 0)
    return change.kind === 'role'
      ? t('users.confirm.changeRole')
      : change.kind === 'remove'
        ? t('common.actions.delete')
        : change.status === 'suspended'
          ? t('users.confirm.suspend')
          : t('users.confirm.reactivate');
  switch (change.kind) {
    case 'role':
      return t('users.confirm.makeUsers', { count, role: t(`common.roles.${change.role}`) });
    case 'status':
      return t(
        change.status === 'suspended' ? 'users.confirm.suspendUsers' : 'users.confirm.reactivateUsers',
        {
          count,
        },
      );
    case 'remove':
      return t('users.confirm.deleteUsers', { count });
  }
}

/**
 * What the confirmation of `change` says, and the change that confirming it runs. Picked rows that the
 * change cannot apply to (../held-back.ts) are known now: the confirmation says which and why, and
 * offers to go on with the rest, which is what it runs (all or nothing for those). Every matching row is
 * resolved on the server only: asked about as it is, all or nothing.
 */
export function confirmationOf(
  change: ConfirmableChange,
  viewer: UsersViewer,
  organizationName: string,
  words: Words,
): { content: ConfirmContent; run: ConfirmableChange } {
  const { t } = words;
  if (!('rows' in change.target))
    return { content: contentOf(change, viewer, organizationName, words), run: change };
  const action = actionOf(change);
  const split = splitSelection(change.target.rows, action, viewer);
  const sentence = heldBackSentence(split, action, words);
  if (!sentence) return { content: contentOf(change, viewer, organizationName, words), run: change };
  const note = <p className="font-medium text-foreground">{sentence}</p>;
  if (split.changeable.length === 0) {
    const total = change.target.rows.length;
    return {
      content: {
        title:
          total === 1
            ? t('users.confirm.noneOne', actionWords(action, t))
            : t('users.confirm.noneMany', { count: total, ...actionWords(action, t) }),
        description: note,
        confirmLabel: restLabel(change, 0, t),
        unavailable: true,
      },
      run: change,
    };
  }
  const run = { ...change, target: { rows: split.changeable } };
  const content = contentOf(run, viewer, organizationName, words);
  return {
    content: {
      ...content,
      description: (
        <>
          {note}
          {content.description}
        </>
      ),
      confirmLabel: restLabel(change, split.changeable.length, t),
    },
    run,
  };
}
