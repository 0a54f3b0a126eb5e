// Reading connections: by id (the protocol routes), and the one that serves an address (the login page):
// the enabled connection of the organization whose verified domain the address is at.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type Database, type Transaction } from '@/db/client';
import { organizationDomains, organizations, ssoConnections, type SsoConnection } from '@/db/schema';
import { countingStatus, domainOfAddress } from '../domains/counting';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The connection `id` (null when there is none, or `id` is not a uuid: a route's segment is anyone's). */
export async function loadConnection(db: Database | Transaction, id: string): Promise<SsoConnection | null> {
  if (!UUID.test(id)) return null;
  const [found] = await db.select().from(ssoConnections).where(eq(ssoConnections.id, id)).limit(1);
  return found ?? null;
}

/**
 * The name of the organization `connectionId` belongs to, and the connection's name and whether it is on
 * (the refusal page and the page that offers the provider name them); null when none.
 */
export async function organizationOfConnection(
  connectionId: string,
): Promise<{ name: string; connection: { name: string; enabled: boolean } } | null> {
  if (!UUID.test(connectionId)) return null;
  const db = await getDb();
  const [found] = await db
    .select({
      name: organizations.name,
      connection: { name: ssoConnections.name, enabled: ssoConnections.enabled },
    })
    .from(ssoConnections)
    .innerJoin(organizations, eq(organizations.id, ssoConnections.organizationId))
    .where(eq(ssoConnections.id, connectionId))
    .limit(1);
  return found ?? null;
}

export interface AddressConnection {
  connection: SsoConnection;
  organization: { id: string; name: string; slug: string; requireSso: boolean };
}

/**
 * The enabled connection serving `address`: its domain counts (verified, or failing within its grace)
 * for an organization with an enabled connection. One index look-up each (a domain counts for at most
 * one organization, which has at most one enabled connection). Null: the address signs in by email.
 */
export async function connectionForAddress(
  db: Database | Transaction,
  address: string,
): Promise<AddressConnection | null> {
  const domain = domainOfAddress(address);
  if (!domain) return null;
  const [found] = await db
    .select({
      connection: ssoConnections,
      organization: {
        id: organizations.id,
        name: organizations.name,
        slug: organizations.slug,
        requireSso: organizations.requireSso,
      },
    })
    .from(organizationDomains)
    .innerJoin(organizations, eq(organizations.id, organizationDomains.organizationId))
    .innerJoin(
      ssoConnections,
      and(eq(ssoConnections.organizationId, organizations.id), eq(ssoConnections.enabled, true)),
    )
    .where(and(eq(organizationDomains.domain, domain), countingStatus()))
    .limit(1);
  return found ?? null;
}
