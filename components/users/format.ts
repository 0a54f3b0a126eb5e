import { roleLabels } from '@/lib/shared/roles';
import type { MemberRole } from '@/db/values';
import { formatDateTime } from '@/lib/shared/format';
import { plural } from '@/lib/shared/text';

/** Where an invitation's newest email is, in words (the reason of a failure is in the status's title). */
const deliveryWords: Record<string, string> = {
  queued: 'Sending',
  sending: 'Sending',
  retrying: "Sending — the email service did not answer, we'll keep trying",
  sent: 'Sent',
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

export { plural };

/** "jane@acme.com" for one row, "3 users" for several. */
export function who(emails: string[]) {
  return emails.length === 1 ? emails[0] : plural(emails.length, 'user');
}

export function roleChangeMessage(emails: string[], role: MemberRole) {
  return `Changed the role of ${who(emails)} to ${roleLabels[role]}`;
}

export function statusMessage(emails: string[], status: 'active' | 'suspended') {
  return `${status === 'suspended' ? 'Suspended' : 'Reactivated'} ${who(emails)}`;
}

export function removalMessage(members: string[], invitations: string[]) {
  const parts: string[] = [];
  if (members.length) parts.push(`Removed ${who(members)}`);
  if (invitations.length) {
    const text =
      invitations.length === 1
        ? `the invitation to ${invitations[0]}`
        : plural(invitations.length, 'invitation');
    parts.push(parts.length ? `revoked ${text}` : `Revoked ${text}`);
  }
  return parts.join(' and ');
}
