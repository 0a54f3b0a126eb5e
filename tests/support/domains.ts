// Helpers for the verified-domain tests: an organization with an Owner, an Admin and a Member, a domain
// added and verified through the real functions against the tests' DNS server, a domain written straight
// in the state a test of what it unlocks needs, and the rows to look at.
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { emailMessages, organizationDomains } from '@/db/schema';
import { isCountingStatus, type DomainStatus, type JoinPolicy } from '@/db/values';
import { now } from '@/lib/clock';
import { newVerificationToken } from '@/lib/domains/record';
import { addDomain, verifyDomain } from '@/lib/domains/manage';
import type { DomainRow } from '@/lib/domains/view';
import { addMember, createOrganizationWithOwner } from './factories';
import type { TestDnsServer } from './dns-server';

/** An organization with its Owner, an Admin and a Member. */
export async function organizationWithStaff(name = 'Acme') {
  const { organization, owner } = await createOrganizationWithOwner(name);
  const admin = await addMember(organization.id, 'admin');
  const member = await addMember(organization.id, 'member');
  return { organization, orgId: organization.id, owner, admin, member };
}

/** Adds `domain` as `actor` (an Owner), publishes its record on `dns` and verifies it. */
export async function verifiedDomain(
  dns: TestDnsServer,
  actor: Parameters<typeof addDomain>[0],
  organizationId: string,
  domain: string,
) {
  const added = await addDomain(actor, organizationId, { domain });
  dns.publish(added.domain, added.record.value);
  const { domain: verified, check } = await verifyDomain(actor, organizationId, added.id);
  if (check !== 'found') throw new Error(`expected the record of ${domain} to be found, got ${check}`);
  return verified;
}

export async function domainRowById(id: string): Promise<DomainRow | null> {
  const db = await getDb();
  const [row] = await db.select().from(organizationDomains).where(eq(organizationDomains.id, id));
  return row ?? null;
}

/** The queued emails of `kind`, by recipient. */
export async function queuedEmails(kind: (typeof emailMessages.$inferSelect)['kind']) {
  const db = await getDb();
  return db
    .select({ recipient: emailMessages.recipient, payload: emailMessages.payload })
    .from(emailMessages)
    .where(eq(emailMessages.kind, kind))
    .orderBy(asc(emailMessages.recipient));
}

/** A domain row written straight to the table in the state a test needs, without the DNS lookup. */
export async function insertDomain(
  organizationId: string,
  domain: string,
  options: { status?: DomainStatus; joinPolicy?: JoinPolicy } = {},
) {
  const db = await getDb();
  const status = options.status ?? 'verified';
  const counting = isCountingStatus(status);
  const [row] = await db
    .insert(organizationDomains)
    .values({
      organizationId,
      domain,
      token: newVerificationToken(),
      status,
      joinPolicy: options.joinPolicy ?? 'off',
      verifiedAt: counting ? now() : null,
      failingSince: status === 'failing' ? now() : null,
    })
    .returning();
  return row;
}
