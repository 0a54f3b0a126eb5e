// Dates and an invitation's email history as the user table shows them, in the catalogs' words.
import { dateText, dateTimeText, type Words } from './words';

/** Where an invitation's newest email is, as a message of users.details.delivery (the reason of a failure is in the status's title). */
const deliveryKeys = {
  queued: 'sending',
  sending: 'sending',
  retrying: 'retrying',
  // 'sent' says no more than "Last sent …" already does: no word of its own.
  delayed: 'delayed',
  delivered: 'delivered',
  bounced: 'bounced',
  complained: 'complained',
  failed: 'failed',
} as const;

/** The email's state in words, with the reason when it reached no one ("Bounced: Mailbox does not exist"). */
function deliveryText(words: Words, delivery: string, error?: string | null): string | null {
  const key = deliveryKeys[delivery as keyof typeof deliveryKeys];
  if (!key) return null;
  const state = words.t(`users.details.delivery.${key}`);
  return (delivery === 'bounced' || delivery === 'failed') && error
    ? words.t('users.details.withReason', { state, reason: error })
    : state;
}

/**
 * What an invitation row says about its emails: when the last one went out, how many, where it is
 * (Sending, Delivered, Bounced, …), and when the link expires, or expired ("Expired on …", never
 * "Expires <past date>").
 */
export function invitationDetails(
  row: {
    status: string;
    lastSentAt?: string | null;
    sendCount?: number | null;
    expiresAt?: string | null;
    delivery?: string | null;
    deliveryError?: string | null;
  },
  words: Words,
) {
  const { t } = words;
  const parts: string[] = [];
  if (row.lastSentAt) {
    const count = row.sendCount && row.sendCount > 1 ? row.sendCount : 1;
    const state = row.delivery ? deliveryText(words, row.delivery, row.deliveryError) : null;
    const sent = t('users.details.lastSent', { when: dateTimeText(words, row.lastSentAt), count });
    parts.push(state ? `${sent} · ${state}` : sent);
  }
  if (row.status === 'declined') parts.push(t('users.details.declined'));
  else if (row.expiresAt) parts.push(expiryText(words, row.status, row.expiresAt));
  return parts;
}

/** "Expires Dec 1, 2026, 2:05 PM UTC", or "Expired on …" once it has. */
export function expiryText(words: Words, status: string, expiresAt: string): string {
  const when = dateTimeText(words, expiresAt);
  return words.t(status === 'expired' ? 'users.details.expiredOn' : 'users.details.expires', { when });
}

/**
 * The facts of the columns that hide on narrow screens (Added, Last active, Invited by), as a row's second
 * line there: "Added Mar 3, 2026", "Last active Apr 5, 2026" (or "Never active"), "Invited by Pat".
 * `wide` is the width from which each has its own column again.
 */
export function rowFacts(
  row: {
    kind: 'member' | 'invitation';
    date: string;
    lastActiveAt?: string | null;
    invitedBy?: string | null;
  },
  words: Words,
): { key: string; text: string; wide: 'lg' | 'xl' }[] {
  const { t } = words;
  const date = dateText(words, row.date);
  const facts: { key: string; text: string; wide: 'lg' | 'xl' }[] = [
    {
      key: 'added',
      text: t(row.kind === 'invitation' ? 'users.details.invited' : 'users.details.added', { date }),
      wide: 'lg',
    },
  ];
  if (row.kind === 'member')
    facts.push({
      key: 'active',
      text: row.lastActiveAt
        ? t('users.details.lastActive', { date: dateText(words, row.lastActiveAt) })
        : t('users.details.neverActive'),
      wide: 'lg',
    });
  if (row.invitedBy)
    facts.push({
      key: 'invited-by',
      text: t('users.details.invitedBy', { name: row.invitedBy }),
      wide: 'xl',
    });
  return facts;
}
