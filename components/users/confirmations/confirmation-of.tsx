import type { ConfirmContent } from '@/components/shared/confirm-dialog';
import { roleLabels } from '@/lib/shared/roles';
import { plural } from '@/lib/shared/text';
import { heldBackSentence, pastTense, splitSelection, type BulkAction } from '../held-back';
import type { UsersViewer } from '../types';
import type { ConfirmableChange } from '../use-users-dialogs';
import { removalConfirmation } from './removal-confirmation';
import { roleConfirmation } from './role-confirmation';
import { statusConfirmation } from './status-confirmation';

function contentOf(change: ConfirmableChange, viewer: UsersViewer, organizationName: string): ConfirmContent {
  switch (change.kind) {
    case 'role':
      return roleConfirmation(change, viewer, organizationName);
    case 'remove':
      return removalConfirmation(change, viewer, organizationName);
    case 'status':
      return statusConfirmation(change, organizationName);
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
function restLabel(change: ConfirmableChange, count: number): string {
  if (count === 0)
    return change.kind === 'role'
      ? 'Change role'
      : change.kind === 'remove'
        ? 'Delete'
        : change.status === 'suspended'
          ? 'Suspend'
          : 'Reactivate';
  const whom = plural(count, 'user');
  switch (change.kind) {
    case 'role':
      return `Make ${whom} ${roleLabels[change.role]}`;
    case 'status':
      return `${change.status === 'suspended' ? 'Suspend' : 'Reactivate'} ${whom}`;
    case 'remove':
      return `Delete ${whom}`;
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
): { content: ConfirmContent; run: ConfirmableChange } {
  if (!('rows' in change.target))
    return { content: contentOf(change, viewer, organizationName), run: change };
  const action = actionOf(change);
  const split = splitSelection(change.target.rows, action, viewer);
  const sentence = heldBackSentence(split, action);
  if (!sentence) return { content: contentOf(change, viewer, organizationName), run: change };
  const note = <p className="font-medium text-foreground">{sentence}</p>;
  if (split.changeable.length === 0) {
    const total = change.target.rows.length;
    return {
      content: {
        title:
          total === 1
            ? `This user can't be ${pastTense(action)}`
            : `None of the ${plural(total, 'selected user')} can be ${pastTense(action)}`,
        description: note,
        confirmLabel: restLabel(change, 0),
        unavailable: true,
      },
      run: change,
    };
  }
  const run = { ...change, target: { rows: split.changeable } };
  const content = contentOf(run, viewer, organizationName);
  return {
    content: {
      ...content,
      description: (
        <>
          {note}
          {content.description}
        </>
      ),
      confirmLabel: restLabel(change, split.changeable.length),
    },
    run,
  };
}
