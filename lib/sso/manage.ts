// An organization's SSO connections (DESIGN §11): Owners add, change, test and remove them and set
// Require SSO; Owners and Admins see them (./overview.ts). Each change takes the organization's lock,
// checks 'sso:manage', writes and audits in one transaction; what the identity provider says about itself
// (SAML metadata, an OpenID issuer) is read before it (./provider-input.ts).
//
// A change of what the connection holds of its provider (a certificate, the sign-in URL, the issuer or
// the client) clears its passed test. Require SSO turns on only after a passed test of the current
// settings (./require.ts); one already on stays on (turning it off by itself would reopen the email link
// the company closed), and the page warns until the connection passes again.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { ssoConnections } from '@/db/schema';
import { recordAudit } from '../audit';
import type { Actor } from '../shared/actor';
import { fail } from '../shared/errors';
import { lockForSso, lockedConnection } from './locked';

export { addSamlConnection, refreshSamlMetadata, type MetadataInput } from './manage-saml';
export { addOidcConnection, updateOidcClient } from './manage-oidc';
export { updateConnection, type ConnectionSettings } from './settings';
export { setBreakGlass, setRequireSso } from './require';
export { ssoOverview, type SsoOverview } from './overview';
export type { SsoConnectionView } from './view';

/**
 * Removes a connection (Owners); its requests and remembered assertions go with it. Refused for the
 * connection turned on while Require SSO is on (the people at the domains could not sign in at all).
 */
export async function removeConnection(
  actor: Actor,
  organizationId: string,
  connectionId: string,
): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const org = await lockForSso(tx, organizationId, actor);
    const row = await lockedConnection(tx, org.id, connectionId);
    if (row.enabled && org.requireSso) fail('SSO_REQUIRED');
    await tx.delete(ssoConnections).where(eq(ssoConnections.id, row.id));
    await recordAudit(tx, org.id, actor, [
      {
        action: 'sso.connection_removed',
        targetType: 'organization',
        targetId: org.id,
        details: {
          connection: row.name,
          connectionId: row.id,
          protocol: row.protocol,
          wasEnabled: row.enabled,
        },
      },
    ]);
  });
}
