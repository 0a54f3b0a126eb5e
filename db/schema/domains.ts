// Verified domains (DESIGN §10): the domains an organization claims and proves with a DNS TXT record,
// the people who asked to join through one, and the records the development resolver publishes.
import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, updatedAt } from './columns';
import { domainCheck, domainStatus, joinPolicy, joinRequestStatus } from './enums';
import { organizationRef, userRef } from './references';

/**
 * A domain an organization claimed (lib/domains). The TXT record to publish is derived from `token`
 * (lib/domains/record.ts). At most one organization has a domain that counts (verified or failing): the
 * partial unique index decides a race between two organizations verifying the same domain.
 */
export const organizationDomains = pgTable(
  'organization_domains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    /** Lower-case ASCII (an internationalized name in its punycode form), a registrable domain or below. */
    domain: text('domain').notNull(),
    /** The random value of the TXT record that proves it. */
    token: text('token').notNull(),
    status: domainStatus('status').notNull().default('pending'),
    joinPolicy: joinPolicy('join_policy').notNull().default('off'),
    /** Since when it counts (the lookup that first found the record; kept while failing). */
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** The last lookup, by Verify or by the daily re-check, and what it found. */
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    lastCheck: domainCheck('last_check'),
    /** The last lookup that found the record. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    /** The first re-check that missed the record, while it is still missing; it stops counting 7 days later. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('organization_domains_organization_domain_idx').on(t.organizationId, t.domain),
    uniqueIndex('organization_domains_counting_idx')
      .on(t.domain)
      .where(sql`status IN ('verified', 'failing')`),
    // The daily re-check: the counting domains, least recently checked first.
    index('organization_domains_status_checked_idx').on(t.status, t.lastCheckedAt),
  ],
);

/** A person who asked to join an organization through a verified domain with the Suggest policy. */
export const joinRequests = pgTable(
  'join_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    userId: userRef(),
    /** The verified domain of their address when they asked. */
    domain: text('domain').notNull(),
    status: joinRequestStatus('status').notNull().default('pending'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedById: uuid('decided_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('join_requests_open_idx')
      .on(t.organizationId, t.userId)
      .where(sql`status = 'pending'`),
    index('join_requests_organization_status_idx').on(t.organizationId, t.status, t.createdAt),
    index('join_requests_user_idx').on(t.userId),
  ],
);

/**
 * The TXT records a developer published on the development DNS page (/dev/dns): what the development
 * resolver answers, so that the real lookup code verifies a domain on a machine without a public one.
 */
export const developmentDnsRecords = pgTable(
  'development_dns_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Lower-case, without the trailing dot. */
    name: text('name').notNull(),
    value: text('value').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('development_dns_records_name_idx').on(t.name)],
);
