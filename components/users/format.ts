import { roleLabels, type MemberRole } from '@/lib/policy';

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

export function formatDate(iso: string) {
  return dateFormat.format(new Date(iso));
}

export function plural(count: number, one: string, many = `${one}s`) {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** "jane@acme.com" for one row, "3 users" for several. */
export function who(emails: string[]) {
  return emails.length === 1 ? emails[0] : plural(emails.length, 'user');
}

export function roleChangeMessage(emails: string[], role: MemberRole) {
  return `Changed the role of ${who(emails)} to ${roleLabels[role]}`;
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
