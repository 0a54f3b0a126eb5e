// What inviting did to each address: the result the invite dialog shows, address by address.
import type { ErrorCode } from '../errors';

export type InviteOutcome = 'invited' | 'resent' | 'already_member' | 'invalid' | 'rate_limited' | 'not_delivered';

export interface InviteResult {
  email: string;
  outcome: InviteOutcome;
  invitationId?: string;
  /** Why it was not delivered or was refused, in words. */
  reason?: string;
  /** For `rate_limited`: which limit (RATE_LIMITED for the cooldown and the hourly cap). */
  code?: ErrorCode;
}

export interface InviteSummary {
  results: InviteResult[];
  counts: Record<InviteOutcome, number>;
}

export function countOutcomes(results: InviteResult[]): Record<InviteOutcome, number> {
  const counts: Record<InviteOutcome, number> = {
    invited: 0,
    resent: 0,
    already_member: 0,
    invalid: 0,
    rate_limited: 0,
    not_delivered: 0,
  };
  for (const result of results) counts[result.outcome]++;
  return counts;
}
