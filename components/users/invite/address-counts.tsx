'use client';

import { MAX_INVITATIONS_PER_BATCH } from '@/lib/shared/limits';
import { plural } from '@/lib/shared/text';

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
  const invalid = total - valid;
  const seats = seatsLeft === null ? '' : ` · ${plural(seatsLeft, 'seat')} left`;
  const over = seatsLeft !== null && valid > seatsLeft;
  return (
    <div id={id} className="grid gap-1 text-xs" aria-live="polite">
      <p className="text-muted-foreground" data-testid="invite-counts">
        {total === 0
          ? `Up to ${MAX_INVITATIONS_PER_BATCH} addresses at a time${seats}.`
          : `${valid} to invite${invalid ? ` · ${invalid} invalid (marked in red, not sent)` : ''}${seats}`}
      </p>
      {over ? (
        <p className="font-medium text-amber-800 dark:text-amber-300" data-testid="invite-seats-warning">
          {`${plural(valid, 'address', 'addresses')} but only ${plural(seatsLeft ?? 0, 'seat')} left: ${
            seatsLeft === 1
              ? 'only the first new address'
              : seatsLeft
                ? `only the first ${seatsLeft} new addresses`
                : 'no new address'
          } will be sent (one already a member or invited takes no seat). Free seats or raise the limit in Settings.`}
        </p>
      ) : null}
    </div>
  );
}
