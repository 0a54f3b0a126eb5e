// The OpenID provider sends the browser back here with a code (or an error) and our `state`. The state
// must name a request this server issued for this connection, unexpired and unused, and is taken once;
// then the code is exchanged with the request's PKCE verifier, and openid-client checks the ID token
// (issuer, audience, expiry, the request's nonce, and its signature against the provider's keys).
import 'server-only';
import * as client from 'openid-client';
import type { Database, Transaction } from '@/db/client';
import { takeSsoRequest } from '../requests';
import { providerText } from '../provider-text';
import type { SsoAnswer, SsoConnection, SsoRefusal } from '../types';
import { oidcRedirectUrl } from '../urls';
import { oidcIdentity } from './identity';
import { oidcRefusalOf, providerErrorDetail } from './refusals';
import { connectionConfiguration } from './sign-in';

/** Longer than any id this server issues ("_" and 40 hex): not worth a database look-up. */
const MAX_STATE = 100;

/** The one value of `name` in the query, or null when it is missing or sent more than once. */
function single(query: URLSearchParams, name: string): string | null {
  const values = query.getAll(name);
  return values.length === 1 ? values[0] : null;
}

/**
 * Reads the provider's answer at this connection's redirect URI. Only the query of `url` is read: the
 * address handed to openid-client (whose path it sends back as redirect_uri) is always this
 * connection's own, on the public URL, whatever Host the request named.
 */
export async function readOidcCallback(
  db: Database | Transaction,
  connection: SsoConnection,
  url: URL,
): Promise<SsoAnswer> {
  const current = new URL(oidcRedirectUrl(connection.id));
  current.search = url.search;
  const query = current.searchParams;
  const state = single(query, 'state');
  const claimedRequestId = state && state.length <= MAX_STATE ? providerText(state, MAX_STATE) : null;
  const refuse = (refusal: SsoRefusal, detail: string): SsoAnswer => ({
    ok: false,
    refusal,
    detail,
    claimedRequestId,
  });

  const request =
    claimedRequestId && state === claimedRequestId ? await takeSsoRequest(db, connection.id, state) : null;
  if (!request || !request.codeVerifier || !request.nonce) {
    return refuse(
      'unknown_request',
      state
        ? 'The answer names no sign-in started here, or one already used or expired.'
        : 'The answer has no state.',
    );
  }
  const error = single(query, 'error');
  if (error !== null || query.has('error')) {
    return refuse(
      'provider_error',
      providerErrorDetail(error ?? 'an error', single(query, 'error_description')),
    );
  }

  try {
    const configuration = await connectionConfiguration(connection);
    const tokens = await client.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: request.codeVerifier,
      expectedNonce: request.nonce,
      expectedState: request.id,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) return refuse('invalid_response', 'The provider sent no ID token.');
    const userinfo = configuration.serverMetadata().userinfo_endpoint
      ? await client.fetchUserInfo(configuration, tokens.access_token, claims.sub)
      : undefined;
    const identity = oidcIdentity(claims, userinfo);
    if ('refusal' in identity) return refuse(identity.refusal, identity.detail);
    return { ok: true, identity, request };
  } catch (failure) {
    const { refusal, detail } = oidcRefusalOf(failure);
    return refuse(refusal, detail);
  }
}
