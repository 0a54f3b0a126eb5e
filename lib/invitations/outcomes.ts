// What inviting did to each address: the result the invite dialog shows, address by address.
import type { ErrorCode } from '../errors';

export type InviteOutcome =
  'invited' | 'resent' | 'already_member' | 'invalid' | 'rate_limited' | 'not_delivered';

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

function countOutcomes(results: InviteResult[]): Record<InviteOutcome, number> {
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

/** The summary in input order, as the person typed the addresses, with the count of each outcome. */
export function summarize(order: readonly string[], results: readonly InviteResult[]): InviteSummary {
  const byEmail = new Map(results.map((result) => [result.email, result]));
  const ordered = order.map((email) => byEmail.get(email)!);
  return { results: ordered, counts: countOutcomes(ordered) };
}
