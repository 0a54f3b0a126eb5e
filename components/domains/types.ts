// A domain as the Domains page's client components get it: lib/domains/manage.ts's view, its times as
// ISO strings.
import type { DomainView } from '@/lib/domains/manage';

type Times = 'verifiedAt' | 'lastCheckedAt' | 'lastSeenAt' | 'failingSince' | 'stopsCountingAt';

export type DomainRow = Omit<DomainView, Times> & { [K in Times]: string | null };

export function domainRow(view: DomainView): DomainRow {
  const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);
  return {
    ...view,
    verifiedAt: iso(view.verifiedAt),
    lastCheckedAt: iso(view.lastCheckedAt),
    lastSeenAt: iso(view.lastSeenAt),
    failingSince: iso(view.failingSince),
    stopsCountingAt: iso(view.stopsCountingAt),
  };
}
