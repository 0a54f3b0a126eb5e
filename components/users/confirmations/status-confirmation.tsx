import type { ConfirmContent } from '@/components/shared/confirm-dialog';
import type { MemberChange } from '../member-changes';
import type { Translate } from '../words';
import { RowList } from './target-list';

/**
 * Suspend or Reactivate (docs/rules.md rule 8a): says what happens to access and names who, or how many
 * match.
 */
export function statusConfirmation(
  { status, target }: Extract<MemberChange, { kind: 'status' }>,
  organizationName: string,
  t: Translate,
): ConfirmContent {
  const suspend = status === 'suspended';
  const action = suspend ? 'suspend' : 'reactivate';
  const rows = 'rows' in target ? target.rows : [];
  const organization = organizationName;
  return {
    title:
      'matching' in target
        ? t('users.confirm.status.titleMatching', { action, count: target.matching.count })
        : rows.length === 1
          ? t('users.confirm.status.titleOne', { action, email: rows[0].email })
          : t('users.confirm.status.titleMany', { action, count: rows.length }),
    description: (
      <>
        <p>
          {suspend
            ? t('users.confirm.status.suspendBody', { organization })
            : t('users.confirm.status.reactivateBody', { organization })}
        </p>
        {rows.length > 1 ? (
          <RowList
            rows={rows}
            label={t(suspend ? 'users.confirm.status.suspendList' : 'users.confirm.status.reactivateList')}
            t={t}
          />
        ) : null}
      </>
    ),
    confirmLabel: t(suspend ? 'users.confirm.suspend' : 'users.confirm.reactivate'),
    variant: suspend ? 'destructive' : 'default',
  };
}
