// Which organization offers joining to an address (DESIGN §10): the one whose counting domain is the
// address's own domain (at most one: a domain counts for one organization, db/schema/domains.ts) and
// whose join policy is not Off. Each read walks the partial unique index on the counting domains.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { organizationDomains } from '@/db/schema';
import type { JoinPolicy } from '@/db/values';
import { countingStatus, domainOfAddress } from './counting';

/** A counting domain of an organization that lets people join, or ask to. */
export interface JoinOffer {
  organizationId: string;
  domain: string;
  policy: Exclude<JoinPolicy, 'off'>;
}

/** The offer that applies to `address` (in `organizationId` when given), or null. One statement. */
export async function joinOfferFor(
  db: Database | Transaction,
  address: string,
  organizationId?: string,
): Promise<JoinOffer | null> {
  const domain = domainOfAddress(address);
  if (!domain) return null;
  const [row] = await db
    .select({
      organizationId: organizationDomains.organizationId,
      domain: organizationDomains.domain,
      policy: organizationDomains.joinPolicy,
    })
    .from(organizationDomains)
    .where(
      and(
        eq(organizationDomains.domain, domain),
        countingStatus(),
        sql`${organizationDomains.joinPolicy} <> 'off'`,
        organizationId ? eq(organizationDomains.organizationId, organizationId) : undefined,
      ),
    )
    .limit(1);
  if (!row || row.policy === 'off') return null;
  return { organizationId: row.organizationId, domain: row.domain, policy: row.policy };
}
