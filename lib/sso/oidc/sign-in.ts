// Sending a person to their OpenID provider: the authorization code flow with PKCE (S256), a `state` that
// is the id of the request this server recorded (lib/sso/requests.ts) and a `nonce` the ID token must
// carry back. The verifier and the nonce are kept with the request, never sent in the clear: the
// provider sees only the verifier's hash.
import 'server-only';
import * as client from 'openid-client';
import { unseal } from '../../sealed';
import type { SsoConnection } from '../types';
import { oidcRedirectUrl } from '../urls';
import { OidcSetupError, oidcConfiguration } from './discovery';

/** What this server asks the provider to tell about the person. */
export const OIDC_SCOPE = 'openid email profile';

/** A fresh nonce and PKCE code verifier for one sign-in (stored with its request). */
export function newOidcSecrets(): { nonce: string; codeVerifier: string } {
  return { nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
}

/**
 * The openid-client configuration of an OpenID `connection`, its client secret unsealed. OidcSetupError
 * when the connection is not an OpenID one, lacks its settings, its secret was sealed under another
 * AUTH_SECRET, or its provider cannot be used (lib/sso/oidc/discovery.ts).
 */
export async function connectionConfiguration(connection: SsoConnection): Promise<client.Configuration> {
  const { protocol, oidcIssuer, oidcClientId, oidcClientSecret } = connection;
  if (protocol !== 'oidc' || !oidcIssuer || !oidcClientId || !oidcClientSecret) {
    throw new OidcSetupError(
      `The connection ${connection.name} lacks its OpenID issuer, client id or secret.`,
    );
  }
  const secret = unseal(oidcClientSecret, 'sso client secret');
  if (secret === null) {
    throw new OidcSetupError(
      `The client secret of ${connection.name} can no longer be read (AUTH_SECRET changed): enter it again.`,
    );
  }
  return oidcConfiguration(oidcIssuer, oidcClientId, secret);
}

/**
 * Where to send the browser: the provider's authorization endpoint asking for a code for this
 * connection's redirect URI, with `state` (the request's id), `nonce` and the S256 challenge of
 * `codeVerifier`. OidcSetupError when the provider cannot be used.
 */
export async function oidcSignInUrl(
  connection: SsoConnection,
  request: { state: string; nonce: string; codeVerifier: string },
): Promise<string> {
  const configuration = await connectionConfiguration(connection);
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidcRedirectUrl(connection.id),
    scope: OIDC_SCOPE,
    response_type: 'code',
    state: request.state,
    nonce: request.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(request.codeVerifier),
    code_challenge_method: 'S256',
  });
  return url.href;
}
