// Dates and an invitation's email history as the user table shows them.

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

export function formatDate(iso: string) {
  return dateFormat.format(new Date(iso));
}

// Always UTC, so the server's HTML and the browser's render agree; the text says so.
const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** "Dec 1, 2026, 2:05 PM UTC". */
export function formatDateTime(iso: string) {
  return `${dateTimeFormat.format(new Date(iso))} UTC`;
}

/** Where an invitation's newest email is, in words (the reason of a failure is in the status's title). */
const deliveryWords: Record<string, string> = {
  queued: 'Sending',
  sending: 'Sending',
  retrying: "Sending — the email service did not answer, we'll keep trying",
  // 'sent' says no more than "Last sent …" already does: no word of its own.
  delayed: 'Delivery delayed — the receiving server is still trying',
  delivered: 'Delivered',
  bounced: 'Bounced',
  complained: 'Marked as spam by the recipient',
  failed: 'Not delivered',
};

/** The email's state in words, with the reason when it reached no one ("Bounced: Mailbox does not exist"). */
function deliveryText(delivery: string, error?: string | null): string | null {
  const words = deliveryWords[delivery];
  if (!words) return null;
  return (delivery === 'bounced' || delivery === 'failed') && error ? `${words}: ${error}` : words;
}

/**
 * What an invitation row says about its emails: when the last one went out, how many, where it is
 * (Sending, Delivered, Bounced, …), and when the link expires, or expired ("Expired on …", never
 * "Expires <past date>").
 */
export function invitationDetails(row: {
  status: string;
  lastSentAt?: string | null;
  sendCount?: number | null;
  expiresAt?: string | null;
  delivery?: string | null;
  deliveryError?: string | null;
}) {
  const parts: string[] = [];
  if (row.lastSentAt) {
    const times = row.sendCount && row.sendCount > 1 ? ` (sent ${row.sendCount} times)` : ' (sent once)';
    const state = row.delivery ? deliveryText(row.delivery, row.deliveryError) : null;
    const where = state ? ` · ${state}` : '';
    parts.push(`Last sent ${formatDateTime(row.lastSentAt)}${times}${where}`);
  }
  if (row.status === 'declined') parts.push('Declined by the invitee');
  else if (row.expiresAt)
    parts.push(`${row.status === 'expired' ? 'Expired on' : 'Expires'} ${formatDateTime(row.expiresAt)}`);
  return parts;
}

/**
 * The facts of the columns that hide on narrow screens (Added, Last active, Invited by), as a row's second
 * line there: "Added Mar 3, 2026", "Last active Apr 5, 2026" (or "Never active"), "Invited by Pat".
 * `wide` is the width from which each has its own column again.
 */
export function rowFacts(row: {
  kind: 'member' | 'invitation';
  date: string;
  lastActiveAt?: string | null;
  invitedBy?: string | null;
}): { key: string; text: string; wide: 'lg' | 'xl' }[] {
  const facts: { key: string; text: string; wide: 'lg' | 'xl' }[] = [
    {
      key: 'added',
      text: `${row.kind === 'invitation' ? 'Invited' : 'Added'} ${formatDate(row.date)}`,
      wide: 'lg',
    },
  ];
  if (row.kind === 'member')
    facts.push({
      key: 'active',
      text: row.lastActiveAt ? `Last active ${formatDate(row.lastActiveAt)}` : 'Never active',
      wide: 'lg',
    });
  if (row.invitedBy) facts.push({ key: 'invited-by', text: `Invited by ${row.invitedBy}`, wide: 'xl' });
  return facts;
}
