// Helpers for the SSO tests: a connection written straight to the table in the state a test needs, a
// request issued to it, and the rows to look at.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { organizationDomains, ssoConnections, type SsoConnection } from '@/db/schema';
import { issueSsoRequest, takeSsoRequest, type NewSsoRequest } from '@/lib/sso/requests';

/** The SSO cookie of the tests' browser (app/_lib/sso-browser.ts): requests are issued for it. */
export const TEST_BROWSER = 'test-browser-cookie-0001';

/** A domain no other test uses (a domain counts for one organization across the database). */
export const freshDomain = () => `corp-${randomBytes(4).toString('hex')}.test`;

/** `domain` as a verified domain of `organizationId`, written straight to the table. */
export async function verifiedDomainRow(organizationId: string, domain = freshDomain()) {
  const db = await getDb();
  await db
    .insert(organizationDomains)
    .values({ organizationId, domain, status: 'verified', token: randomBytes(8).toString('hex') });
  return domain;
}

/** A connection of `organizationId` (SAML, enabled, Member, just-in-time on unless overridden). */
export async function insertConnection(
  organizationId: string,
  overrides: Partial<typeof ssoConnections.$inferInsert> = {},
): Promise<SsoConnection> {
  const db = await getDb();
  const [row] = await db
    .insert(ssoConnections)
    .values({ organizationId, protocol: 'saml', name: 'Okta', enabled: true, ...overrides })
    .returning();
  return row;
}

export async function connectionRow(id: string): Promise<SsoConnection> {
  const db = await getDb();
  const [row] = await db.select().from(ssoConnections).where(eq(ssoConnections.id, id));
  return row;
}

/** A request issued to `connectionId` and taken, as a protocol takes the one its answer names. */
export async function takenRequest(connectionId: string, request: Partial<NewSsoRequest> = {}) {
  const db = await getDb();
  const id = await issueSsoRequest(db, {
    connectionId,
    purpose: 'sign_in',
    browser: TEST_BROWSER,
    ...request,
  });
  const taken = await takeSsoRequest(db, connectionId, id);
  if (!taken) throw new Error('the request just issued could not be taken');
  return taken;
}
