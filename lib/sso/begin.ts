// Sending a person to their identity provider: the request is recorded first (lib/sso/requests.ts: its
// id is the SAML AuthnRequest's ID, or the OpenID `state`, with the PKCE verifier and nonce kept beside
// it), then the protocol builds the address the browser goes to. A sign-in from the login page and an
// Owner's Test connection start here alike.
import 'server-only';
import { getDb } from '@/db/client';
import type { SsoConnection } from '@/db/schema';
import type { SsoRequestPurpose } from '@/db/values';
import { safeCallbackPath } from '../shared/safe-redirect';
import { newOidcSecrets, oidcSignInUrl } from './oidc/sign-in';
import { issueSsoRequest } from './requests';
import { samlSignInUrl } from './saml/sign-in';

/** The identity provider's address for a new request of `purpose` on `connection`. */
export async function beginSso(
  connection: SsoConnection,
  start: {
    purpose: SsoRequestPurpose;
    callbackPath?: string;
    userId?: string | null;
    /** The browser's SSO cookie (app/_lib/sso-browser.ts): the answer must come back with it. */
    browser: string;
  },
): Promise<string> {
  const db = await getDb();
  const callbackPath = safeCallbackPath(start.callbackPath);
  if (connection.protocol === 'saml') {
    const id = await issueSsoRequest(db, { connectionId: connection.id, ...start, callbackPath });
    return samlSignInUrl(connection, id);
  }
  const secrets = newOidcSecrets();
  const state = await issueSsoRequest(db, {
    connectionId: connection.id,
    ...start,
    callbackPath,
    ...secrets,
  });
  return oidcSignInUrl(connection, { state, ...secrets });
}
