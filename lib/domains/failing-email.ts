// The email to an organization's Owners when the daily re-check (or a Verify) first misses the record of
// a domain that counts (DESIGN §10): once, on the first miss, queued in the transaction that marks the
// domain failing. It goes whatever the member-change notification setting says: it is about the
// organization's own proof of ownership, and the Owners are the only ones who can act on it.
import 'server-only';
import type { Transaction } from '@/db/client';
import type { QueuedEmail } from '../email/queue';
import { senderLocale } from '../email/locale';
import type { Locale } from '../i18n/locales';
import type { Actor } from '../shared/actor';
import { organizationOwners } from '../organizations/owners';
import { verificationRecord } from './record';

/** What the template needs (lib/email/render-queued.ts), as the message's payload. */
export interface DomainFailingFacts {
  organizationName: string;
  organizationSlug: string;
  /** ASCII (punycode), as stored. */
  domain: string;
  recordName: string;
  recordValue: string;
  /** ISO 8601: when it stops counting unless the record is back. */
  stopsCountingAt: string;
  /** The language of the Verify that found the miss (lib/email/locale.ts); the daily re-check has none. */
  locale?: Locale;
}

/**
 * One email to each active Owner of the organization about `domain` (its row's domain and token).
 * `finder`: the person whose Verify found the miss, or null for the daily re-check.
 */
export async function domainFailingEmails(
  tx: Transaction,
  row: { organizationId: string; domain: string; token: string },
  stopsCountingAt: Date,
  finder: Actor | null = null,
): Promise<QueuedEmail[]> {
  const owners = await organizationOwners(tx, row.organizationId);
  const record = verificationRecord(row.domain, row.token);
  return owners.map((owner) => ({
    kind: 'domain_failing',
    recipient: owner.email,
    organizationId: row.organizationId,
    payload: {
      organizationName: owner.organizationName,
      organizationSlug: owner.organizationSlug,
      domain: row.domain,
      recordName: record.name,
      recordValue: record.value,
      stopsCountingAt: stopsCountingAt.toISOString(),
      ...(finder ? senderLocale(finder) : {}),
    } satisfies DomainFailingFacts,
  }));
}
