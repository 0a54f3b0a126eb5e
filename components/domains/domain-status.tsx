// A domain's state in words: its badge (Pending, Verified, Failing, Removed) and the sentence that says
// what it means now and what to do. Pure: rendered on the server and in the browser alike.
import type { DomainStatus } from '@/db/values';
import { formatDate, formatDateTime } from '@/lib/shared/format';
import type { DomainRow } from './types';

const badges: Record<DomainStatus, { label: string; tone: string }> = {
  pending: { label: 'Pending', tone: 'pending' },
  verified: { label: 'Verified', tone: 'active' },
  failing: { label: 'Failing', tone: 'not_delivered' },
  removed: { label: 'Removed', tone: 'declined' },
};

export function DomainStatusBadge({ status }: { status: DomainStatus }) {
  const { label, tone } = badges[status];
  return (
    <span className="badge" data-tone={tone} data-testid="domain-status">
      {label}
    </span>
  );
}

/** What the status means for the organization, and the next step. */
export function statusSentence(domain: DomainRow): string {
  const lastSeen = domain.lastSeenAt ? ` It was last seen on ${formatDate(domain.lastSeenAt)}.` : '';
  switch (domain.status) {
    case 'pending':
      return 'Not verified yet: publish the TXT record below with your DNS provider, then Verify. Until then the domain unlocks nothing.';
    case 'verified':
      return `Verified${domain.verifiedAt ? ` since ${formatDate(domain.verifiedAt)}` : ''}. Keep the record published: AI Hub checks it every day.`;
    case 'failing':
      return `The daily check no longer finds the record.${lastSeen} The domain still counts${
        domain.stopsCountingAt ? ` until ${formatDateTime(domain.stopsCountingAt)}` : ' for 7 days'
      }: publish the record again, then Verify, or it stops counting then.`;
    case 'removed':
      return `No longer verified: the record was missing for 7 days, so the domain unlocks nothing.${lastSeen} Publish the record again, then Verify.`;
  }
}
