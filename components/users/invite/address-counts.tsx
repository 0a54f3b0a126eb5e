'use client';

import { useTranslations } from 'next-intl';
import { MAX_INVITATIONS_PER_BATCH } from '@/lib/shared/limits';

/**
 * The line under the address input: how many addresses will go and how many are invalid, the seats
 * left when the organization has a limit, and a warning when the list is longer than the seats left.
 * The server still decides each address (one already a member or invited takes no new seat); this is
 * the warning before sending, not the rule.
 */
export function AddressCounts({
  id,
  total,
  valid,
  seatsLeft,
}: {
  id: string;
  total: number;
  valid: number;
  /** Seats left in the organization; null without a limit. */
  seatsLeft: number | null;
}) {
  const t = useTranslations('invite.counts');
  const invalid = total - valid;
  const seats = seatsLeft === null ? null : t('seatsLeft', { count: seatsLeft });
  const over = seatsLeft !== null && valid > seatsLeft;
  const counts = [
    t('toInvite', { count: valid }),
    ...(invalid ? [t('invalid', { count: invalid })] : []),
    ...(seats ? [seats] : []),
  ];
  return (
    <div id={id} className="grid gap-1 text-xs" aria-live="polite">
      <p className="text-muted-foreground" data-testid="invite-counts">
        {total === 0
          ? t('empty', { max: MAX_INVITATIONS_PER_BATCH, seats: seats ? ` · ${seats}` : '' })
          : counts.join(' · ')}
      </p>
      {over ? (
        <p className="font-medium text-amber-800 dark:text-amber-300" data-testid="invite-seats-warning">
          {t('seatsWarning', { valid, left: seatsLeft ?? 0 })}
        </p>
      ) : null}
    </div>
  );
}
