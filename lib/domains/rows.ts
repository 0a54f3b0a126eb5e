// Reading a domain's row the ways the domain layer needs it: by its id within its organization (locked,
// in a change's transaction), and whether another organization counts the same domain.
import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { organizationDomains } from '@/db/schema';
import { fail } from '../shared/errors';
import { countingStatus } from './counting';
import type { DomainRow } from './view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The row of domain `domainId` in the organization, locked for the rest of `tx` when `lock`; throws
 * DOMAIN_NOT_FOUND when there is none (removed meanwhile, another organization's, not an id at all).
 */
export async function domainRow(
  db: Database | Transaction,
  organizationId: string,
  domainId: string,
  options: { lock?: boolean } = {},
): Promise<DomainRow> {
  if (typeof domainId !== 'string' || !UUID.test(domainId)) fail('DOMAIN_NOT_FOUND');
  const query = db
    .select()
    .from(organizationDomains)
    .where(and(eq(organizationDomains.id, domainId), eq(organizationDomains.organizationId, organizationId)));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) fail('DOMAIN_NOT_FOUND');
  return row;
}

/** Whether an organization other than `organizationId` counts `domain` (verified or failing) now. */
export async function countedElsewhere(
  db: Database | Transaction,
  organizationId: string,
  domain: string,
): Promise<boolean> {
  const [other] = await db
    .select({ id: organizationDomains.id })
    .from(organizationDomains)
    .where(
      and(
        eq(organizationDomains.domain, domain),
        ne(organizationDomains.organizationId, organizationId),
        countingStatus(),
      ),
    )
    .limit(1);
  return other !== undefined;
}
