// What makes a domain the organization's: its status counts (verified, or failing within its grace).
// Each condition is written once and asked by everything a verified domain unlocks: the directory's
// take-over of existing accounts (lib/scim), the join policy (lib/domains/join), and the External
// marker of the users list.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database, Transaction } from '@/db/client';
import { organizationDomains } from '@/db/schema';
import { countingDomainStatuses } from '@/db/values';

/** A domain row that counts, in any organization. */
export function countingStatus(): SQL {
  return inArray(organizationDomains.status, [...countingDomainStatuses]);
}

/** A domain row that counts, in `organizationId`. */
export function countingDomain(organizationId: string | SQL | AnyPgColumn): SQL {
  return and(eq(organizationDomains.organizationId, organizationId), countingStatus())!;
}

/** The domain of an address, lower-cased: what follows its last "@"; '' when it has none. */
export function domainOfAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0
    ? ''
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** The domain part of an address column or value, lower-cased, as SQL. */
export function addressDomain(address: AnyPgColumn | SQL): SQL<string> {
  return sql<string>`lower(split_part(${address}, '@', 2))`;
}

/** Whether `address` is at one of the organization's counting domains (an address's own domain, not a subdomain's). */
export function atCountingDomain(
  organizationId: string | SQL | AnyPgColumn,
  address: AnyPgColumn | SQL,
): SQL {
  return sql`EXISTS (SELECT 1 FROM ${organizationDomains} WHERE ${countingDomain(organizationId)} AND ${organizationDomains.domain} = ${addressDomain(address)})`;
}

/** The organization's counting domains, in name order. */
export async function countingDomains(db: Database | Transaction, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ domain: organizationDomains.domain })
    .from(organizationDomains)
    .where(countingDomain(organizationId))
    .orderBy(organizationDomains.domain);
  return rows.map((row) => row.domain);
}
