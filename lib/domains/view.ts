// A domain as the Domains page shows it: its state, the record to publish, and the dates that explain
// the state (since when it counts, the last check and what it found, when a failing one stops counting).
import type { DomainCheck, DomainStatus, JoinPolicy } from '@/db/values';
import type { organizationDomains } from '@/db/schema';
import { verificationRecord, type VerificationRecord } from './record';

/** How long a counting domain whose record is gone keeps counting (docs/rules.md): 7 days. */
export const DOMAIN_GRACE_DAYS = 7;
export const DOMAIN_GRACE_MS = DOMAIN_GRACE_DAYS * 24 * 60 * 60 * 1000;

export type DomainRow = typeof organizationDomains.$inferSelect;

export type DomainView = {
  id: string;
  domain: string;
  status: DomainStatus;
  joinPolicy: JoinPolicy;
  record: VerificationRecord;
  verifiedAt: Date | null;
  lastCheckedAt: Date | null;
  lastCheck: DomainCheck | null;
  lastSeenAt: Date | null;
  failingSince: Date | null;
  /** When a failing domain stops counting unless its record is back: failingSince + 7 days. */
  stopsCountingAt: Date | null;
};

export function domainView(row: DomainRow): DomainView {
  return {
    id: row.id,
    domain: row.domain,
    status: row.status,
    joinPolicy: row.joinPolicy,
    record: verificationRecord(row.domain, row.token),
    verifiedAt: row.verifiedAt,
    lastCheckedAt: row.lastCheckedAt,
    lastCheck: row.lastCheck,
    lastSeenAt: row.lastSeenAt,
    failingSince: row.failingSince,
    stopsCountingAt:
      row.status === 'failing' && row.failingSince
        ? new Date(row.failingSince.getTime() + DOMAIN_GRACE_MS)
        : null,
  };
}
