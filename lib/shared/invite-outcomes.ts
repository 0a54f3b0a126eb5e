// What inviting did to each address: the result the invite dialog shows, address by address, and its
// English words. No server imports. The domain builds its English `reason`s (the API's, the logs') from
// these sentences; the confirmation modal says the same in the reader's language from the catalogs
// (`outcomes`, components/users/invite/outcome-words.ts), from the outcome, its code and its numbers.
import { errorMessages, type ErrorCode } from './errors';

export type InviteOutcome =
  | 'invited'
  | 'resent'
  | 'sending'
  | 'already_member'
  | 'invalid'
  | 'rate_limited'
  | 'no_seat'
  | 'not_delivered';

export interface InviteResult {
  email: string;
  outcome: InviteOutcome;
  invitationId?: string;
  /** Why it was not delivered or was refused, in words. */
  reason?: string;
  /** For `rate_limited`: which limit (RATE_LIMITED for the cooldown and the hourly cap). */
  code?: ErrorCode;
  /** For `rate_limited` by the cooldown (docs/rules.md rule 12): whole seconds until it may be sent again. */
  retryInSeconds?: number;
  /** The limit a refusal names: the organization's hourly cap (`rate_limited`), its seats (`no_seat`). */
  limit?: number;
}

export interface InviteSummary {
  results: InviteResult[];
  counts: Record<InviteOutcome, number>;
}

/** An outcome in words: a short label for its badge and a sentence saying what happened. */
export interface OutcomeWords {
  label: string;
  sentence: string;
}

export const INVALID_ADDRESS = 'Not a valid email address';

/** The cooldown's sentence: the address was sent to a moment ago, and when it may be sent again. */
export function cooldownSentence(seconds: number): string {
  return `Sent moments ago — you can resend in ${seconds} s`;
}

/** Seconds left of a cooldown of `cooldownMs` that started at `sentAt`, at `at`: whole seconds, rounded up; 0 when over. */
export function secondsUntilResend(sentAt: Date, at: Date, cooldownMs: number): number {
  const left = cooldownMs - (at.getTime() - sentAt.getTime());
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/** What the email confirmation modal says about one address, in English (the catalogs' `outcomes` hold the same). */
export function describeOutcome(result: InviteResult): OutcomeWords {
  switch (result.outcome) {
    case 'invited':
      return { label: 'Invited', sentence: 'Invitation sent. They show as Pending until they accept.' };
    case 'resent':
      return {
        label: 'Invited again',
        sentence: 'Invited again with a new link. The link sent before no longer works.',
      };
    case 'sending':
      return {
        label: 'Sending',
        sentence: "Sending — we'll keep trying. If it cannot be delivered, its row in the list will say so.",
      };
    case 'already_member':
      return {
        label: 'Already a member',
        sentence: 'Already a member of this organization. Nothing was sent.',
      };
    case 'invalid':
      return { label: 'Not sent', sentence: INVALID_ADDRESS };
    case 'rate_limited':
      return {
        label: 'Not sent yet',
        sentence:
          result.retryInSeconds !== undefined
            ? cooldownSentence(result.retryInSeconds)
            : (result.reason ?? errorMessages[result.code ?? 'RATE_LIMITED']),
      };
    case 'no_seat':
      return { label: 'No seat', sentence: result.reason ?? 'No seat left. Nothing was sent.' };
    case 'not_delivered':
      return {
        label: 'Not delivered',
        sentence: `Could not be delivered: ${asClause(result.reason ?? 'The email service did not accept it.')}`,
      };
  }
}

/** A sentence made the clause after a colon: its first letter lower-cased, unless it starts an acronym (SMTP). */
function asClause(sentence: string): string {
  return /^[A-Z][a-z]/.test(sentence) ? sentence[0].toLowerCase() + sentence.slice(1) : sentence;
}

function countOutcomes(results: InviteResult[]): Record<InviteOutcome, number> {
  const counts: Record<InviteOutcome, number> = {
    invited: 0,
    resent: 0,
    sending: 0,
    already_member: 0,
    invalid: 0,
    rate_limited: 0,
    no_seat: 0,
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

/** The outcomes after which the address has its invitation (or will have it: still sending). */
const SENT: ReadonlySet<InviteOutcome> = new Set(['invited', 'resent', 'sending']);

/** Whether `result` is one the admin has to act on: the address did not get its invitation. */
export function isNotSent(result: InviteResult): boolean {
  return !SENT.has(result.outcome);
}

/** The results with the ones not sent first, each half in the order typed (a stable sort). */
export function notSentFirst(results: readonly InviteResult[]): InviteResult[] {
  return [...results.filter(isNotSent), ...results.filter((result) => !isNotSent(result))];
}

/** How the summary line counts each outcome that was not sent, in the order it names them. */
const notSentWords: [InviteOutcome, string, string][] = [
  ['invalid', 'not an address', 'not addresses'],
  ['already_member', 'already a member', 'already members'],
  ['no_seat', 'no seat left', 'no seat left'],
  ['rate_limited', 'over a sending limit', 'over a sending limit'],
  ['not_delivered', 'not delivered', 'not delivered'],
];

/**
 * The line above the results when some addresses were not sent, e.g. "2 not sent: 1 not an address,
 * 1 already a member"; null when every address went out.
 */
export function notSentLine(summary: InviteSummary): string | null {
  const parts = notSentWords
    .filter(([outcome]) => summary.counts[outcome] > 0)
    .map(
      ([outcome, one, many]) => `${summary.counts[outcome]} ${summary.counts[outcome] === 1 ? one : many}`,
    );
  const total = notSentWords.reduce((sum, [outcome]) => sum + summary.counts[outcome], 0);
  return total === 0 ? null : `${total} not sent: ${parts.join(', ')}`;
}
