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

/** What each control of a domain's card gets: the domain, and whether the viewer may change it (an Owner). */
export interface DomainControlProps {
  organizationId: string;
  domain: DomainRow;
  /** An Owner: the control. Others read what it shows. */
  manage: boolean;
}
