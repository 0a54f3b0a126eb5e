// A domain's state in words: its badge (Pending, Verified, Failing, Removed) and the sentence that says
// what it means now and what to do. Pure: rendered on the server and in the browser alike.
import { useFormatter, useTranslations } from 'next-intl';
import type { DomainStatus } from '@/db/values';
import type { DomainRow } from './types';

const tones: Record<DomainStatus, string> = {
  pending: 'pending',
  verified: 'active',
  failing: 'not_delivered',
  removed: 'declined',
};

export function DomainStatusBadge({ status }: { status: DomainStatus }) {
  const t = useTranslations('domains.status');
  return (
    <span className="badge" data-tone={tones[status]} data-testid="domain-status">
      {t(status)}
    </span>
  );
}

/** What the status means for the organization, and the next step. */
export function StatusSentence({ domain }: { domain: DomainRow }) {
  const t = useTranslations('domains.statusSentence');
  const format = useFormatter();
  const date = (iso: string) => format.dateTime(new Date(iso), 'date');
  // The day the record was last seen, said only when it ever was ("yes"/"no" select the sentence).
  const seen = {
    seen: domain.lastSeenAt ? 'yes' : 'no',
    lastSeen: domain.lastSeenAt ? date(domain.lastSeenAt) : '',
  };
  switch (domain.status) {
    case 'pending':
      return t('pending');
    case 'verified':
      return domain.verifiedAt ? t('verifiedSince', { date: date(domain.verifiedAt) }) : t('verified');
    case 'failing':
      return domain.stopsCountingAt
        ? t('failingUntil', {
            ...seen,
            time: format.dateTime(new Date(domain.stopsCountingAt), 'dateTime'),
          })
        : t('failing', seen);
    case 'removed':
      return t('removed', seen);
  }
}
