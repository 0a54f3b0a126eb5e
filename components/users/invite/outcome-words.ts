// What the email confirmation modal says about each address, in the reader's language: the outcome's
// label and sentence from the catalogs (`outcomes`), built from the outcome, its code and its numbers
// rather than from the English `reason` the domain writes (lib/shared/invite-outcomes.ts), which is
// shown only where it is the email service's own words.
import type { InviteResult, InviteSummary, OutcomeWords } from '@/lib/shared/invite-outcomes';
import { listText, type Words, type Translate } from '../words';

/** A rate limit that is not the cooldown, by its code; the hourly cap names its number when known. */
function limitSentence(t: Translate, result: InviteResult): string {
  switch (result.code) {
    case 'INVITATION_ADDRESS_LIMIT':
      return t('outcomes.sentences.addressLimit');
    case 'INVITATION_ACCOUNT_LIMIT':
      return t('outcomes.sentences.accountLimit');
    default:
      return result.limit !== undefined
        ? t('outcomes.sentences.hourly', { limit: result.limit })
        : t('outcomes.sentences.tooMany');
  }
}

/** A sentence made the clause after a colon: its first letter lower-cased, unless it starts an acronym (SMTP). */
function asClause(sentence: string): string {
  return /^[A-Z][a-z]/.test(sentence) ? sentence[0].toLowerCase() + sentence.slice(1) : sentence;
}

function sentenceOf(t: Translate, result: InviteResult): string {
  switch (result.outcome) {
    case 'invited':
      return t('outcomes.sentences.invited');
    case 'resent':
      return t('outcomes.sentences.resent');
    case 'sending':
      return t('outcomes.sentences.sending');
    case 'already_member':
      return t('outcomes.sentences.alreadyMember');
    case 'invalid':
      return t('outcomes.sentences.invalid');
    case 'rate_limited':
      return result.retryInSeconds !== undefined
        ? t('outcomes.sentences.cooldown', { seconds: result.retryInSeconds })
        : limitSentence(t, result);
    case 'no_seat':
      return result.limit !== undefined
        ? t('outcomes.sentences.noSeat', { limit: result.limit })
        : t('outcomes.sentences.noSeatLeft');
    case 'not_delivered':
      // The reason is the email service's own (a bounce, a refusal): shown as it came.
      return t('outcomes.sentences.notDelivered', {
        reason: result.reason ? asClause(result.reason) : t('outcomes.sentences.notAccepted'),
      });
  }
}

/** The label of the outcome's badge and the sentence that says what happened. */
export function outcomeWords(t: Translate, result: InviteResult): OutcomeWords {
  return { label: t(`outcomes.labels.${result.outcome}`), sentence: sentenceOf(t, result) };
}

/** The outcomes not sent, in the order the line above the results names them. */
const notSentOrder = ['invalid', 'already_member', 'no_seat', 'rate_limited', 'not_delivered'] as const;

/**
 * The line above the results when some addresses were not sent, e.g. "2 not sent: 1 not an address,
 * 1 already a member"; null when every address went out.
 */
export function notSentText(words: Words, summary: InviteSummary): string | null {
  const { t } = words;
  const shown = notSentOrder.filter((outcome) => summary.counts[outcome] > 0);
  const total = notSentOrder.reduce((sum, outcome) => sum + summary.counts[outcome], 0);
  if (total === 0) return null;
  const parts = shown.map((outcome) => t(`outcomes.notSent.${outcome}`, { count: summary.counts[outcome] }));
  return t('outcomes.notSent.line', { total, parts: listText(words, parts) });
}
