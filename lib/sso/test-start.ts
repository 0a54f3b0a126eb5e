// Test connection (Owners): a sign-in round trip through the identity provider that signs nobody in. The
// server issues the request (lib/sso/begin.ts) and the browser goes to the provider; its answer is kept on
// the connection and the Owner comes back to the SSO page (lib/sso/finish.ts), which shows what it sent.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { organizations, ssoConnections } from '@/db/schema';
import type { PersonActor } from '../shared/actor';
import { fail } from '../shared/errors';
import { beginSso } from './begin';
import { isUuid } from './locked';
import { allowProviderCheck } from './provider-input';

/** The SSO page a test returns to, naming the connection tested (the page shows its result there). */
export function testReturnPath(slug: string, connectionId: string): string {
  return `/admin/${slug}/sso?tested=${connectionId}`;
}

/**
 * Starts a Test connection of `connectionId` (turned on or not) and returns the identity provider's URL
 * for the browser to go to. Owners; counted with the organization's other requests to its providers.
 */
export async function startConnectionTest(
  actor: PersonActor,
  organizationId: string,
  connectionId: string,
  /** The browser's SSO cookie (app/_lib/sso-browser.ts): the provider's answer must come back with it. */
  browser: string,
): Promise<{ url: string }> {
  if (!isUuid(connectionId)) fail('SSO_CONNECTION_NOT_FOUND');
  await allowProviderCheck(actor, organizationId);
  const db = await getDb();
  const [found] = await db
    .select({ connection: ssoConnections, slug: organizations.slug })
    .from(ssoConnections)
    .innerJoin(organizations, eq(organizations.id, ssoConnections.organizationId))
    .where(and(eq(ssoConnections.id, connectionId), eq(ssoConnections.organizationId, organizationId)));
  if (!found) fail('SSO_CONNECTION_NOT_FOUND');
  const url = await beginSso(found.connection, {
    purpose: 'test',
    callbackPath: testReturnPath(found.slug, found.connection.id),
    userId: actor.userId,
    browser,
  });
  return { url };
}
