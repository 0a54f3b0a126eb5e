import type { ConfirmContent } from '@/components/shared/confirm-dialog';
import { plural } from '@/lib/shared/text';
import type { MemberChange } from '../member-changes';
import { RowList } from './target-list';

/**
 * Suspend or Reactivate (docs/rules.md rule 8a): says what happens to access and names who, or how many
 * match.
 */
export function statusConfirmation(
  { status, target }: Extract<MemberChange, { kind: 'status' }>,
  organizationName: string,
): ConfirmContent {
  const suspend = status === 'suspended';
  const verb = suspend ? 'Suspend' : 'Reactivate';
  const rows = 'rows' in target ? target.rows : [];
  return {
    title:
      'matching' in target
        ? `${verb} all ${plural(target.matching.count, 'matching user')}?`
        : rows.length === 1
          ? `${verb} ${rows[0].email}?`
          : `${verb} ${plural(rows.length, 'user')}?`,
    description: (
      <>
        <p>
          {suspend
            ? `They keep their role but lose access to ${organizationName} at once, until they are reactivated. Their AI Hub accounts are kept.`
            : `They get their access to ${organizationName} back at once, with the role they had.`}
        </p>
        {rows.length > 1 ? (
          <RowList rows={rows} label={suspend ? 'Users to suspend' : 'Users to reactivate'} />
        ) : null}
      </>
    ),
    confirmLabel: verb,
    variant: suspend ? 'destructive' : 'default',
  };
}
