// The email to an organization's Owners when the daily re-check (or a Verify) first misses the record of
// a domain that counts (DESIGN §10): once, on the first miss, queued in the transaction that marks the
// domain failing. It goes whatever the member-change notification setting says: it is about the
// organization's own proof of ownership, and the Owners are the only ones who can act on it.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { memberships, organizations, users } from '@/db/schema';
import { activeMember } from '../conditions';
import type { QueuedEmail } from '../email/queue';
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
}

/** One email to each active Owner of the organization about `domain` (its row's domain and token). */
export async function domainFailingEmails(
  tx: Transaction,
  row: { organizationId: string; domain: string; token: string },
  stopsCountingAt: Date,
): Promise<QueuedEmail[]> {
  const owners = await tx
    .select({ email: users.email, name: organizations.name, slug: organizations.slug })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(
      and(eq(memberships.organizationId, row.organizationId), eq(memberships.role, 'owner'), activeMember()),
    )
    .orderBy(users.email);
  const record = verificationRecord(row.domain, row.token);
  return owners.map((owner) => ({
    kind: 'domain_failing',
    recipient: owner.email,
    organizationId: row.organizationId,
    payload: {
      organizationName: owner.name,
      organizationSlug: owner.slug,
      domain: row.domain,
      recordName: record.name,
      recordValue: record.value,
      stopsCountingAt: stopsCountingAt.toISOString(),
    } satisfies DomainFailingFacts,
  }));
}
