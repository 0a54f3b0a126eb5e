// What openid-client's refusals of an answer mean to this server: each failed check it reports becomes
// one refusal reason (db/values.ts ssoRefusalValues) and a detail for Activity. openid-client wraps the
// check's own error (oauth4webapi's, whose `code` and `cause.claim` name the check) in a ClientError;
// the table reads the innermost one that names a check.
import { AuthorizationResponseError, ResponseBodyError } from 'openid-client';
import type { SsoRefusal } from '../types';
import { OutboundFetchError } from '../../http/outbound';
import { providerText } from '../provider-text';
import { OidcSetupError } from './discovery';

export interface OidcRefusal {
  refusal: SsoRefusal;
  detail: string;
}

const MAX_DETAIL = 300;

/** A provider's own `error` and `error_description`, as one line for Activity. */
export function providerErrorDetail(error: string, description: string | null | undefined): string {
  const said = description ? `${error}: ${description}` : error;
  return providerText(`The identity provider answered ${said}`, MAX_DETAIL);
}

interface Check {
  code?: unknown;
  message: string;
  cause?: unknown;
}

/** The claim a JWT check names (`cause.claim`), or the `alg` it refused (`cause.header.alg`, `cause.alg`). */
function named(check: Check): { claim?: string; alg?: string } {
  const cause = (typeof check.cause === 'object' && check.cause) || {};
  const claim = 'claim' in cause && typeof cause.claim === 'string' ? cause.claim : undefined;
  const header = 'header' in cause && typeof cause.header === 'object' && cause.header ? cause.header : cause;
  const alg = 'alg' in header && typeof header.alg === 'string' ? header.alg : undefined;
  return { claim, alg };
}

/** The check's refusal, by its code and the claim it names; undefined when the table does not know it. */
function refusalOfCheck(check: Check): SsoRefusal | undefined {
  const { claim, alg } = named(check);
  switch (check.code) {
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      return claim === 'nbf' ? 'not_yet_valid' : 'expired'; // exp, iat too old, auth_time too old
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
      if (claim === 'aud' || claim === 'azp') return 'wrong_audience';
      if (claim === 'nonce') return 'unknown_request';
      return 'invalid_response'; // iss, c_hash, s_hash
    case 'OAUTH_KEY_SELECTION_FAILED':
      return 'bad_signature';
    case 'OAUTH_UNSUPPORTED_OPERATION':
      // "none", or a signature this server cannot check against published keys (HS256 and the like)
      return alg === 'none' ? 'unsigned' : 'bad_signature';
    case 'OAUTH_INVALID_RESPONSE':
      if (check.message === 'JWT signature verification failed') return 'bad_signature';
      if (check.message === 'unexpected JWT "alg" header parameter') {
        return alg === 'none' ? 'unsigned' : 'bad_signature';
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Every error in `error`'s cause chain, outermost first. */
function chain(error: unknown): Check[] {
  const found: Check[] = [];
  for (let at = error; at instanceof Error && found.length < 10; at = at.cause) found.push(at);
  return found;
}

/** Why the exchange of a code, or the check of what it brought, failed: a refusal and its detail. */
export function oidcRefusalOf(error: unknown): OidcRefusal {
  if (error instanceof ResponseBodyError) {
    return {
      refusal: 'provider_error',
      detail: providerErrorDetail(`${error.error} to the code exchange`, error.error_description),
    };
  }
  if (error instanceof AuthorizationResponseError) {
    return { refusal: 'provider_error', detail: providerErrorDetail(error.error, error.error_description) };
  }
  if (error instanceof OidcSetupError) return { refusal: 'invalid_response', detail: error.message };
  const checks = chain(error);
  const outbound = checks.find((check) => check instanceof OutboundFetchError);
  if (outbound) return { refusal: 'invalid_response', detail: outbound.message };
  for (const check of checks.slice().reverse()) {
    const refusal = refusalOfCheck(check);
    if (refusal)
      return { refusal, detail: providerText(`The ID token was refused: ${check.message}`, MAX_DETAIL) };
  }
  const innermost = checks.at(-1);
  return {
    refusal: 'invalid_response',
    detail: providerText(`The answer could not be read: ${innermost?.message ?? String(error)}`, MAX_DETAIL),
  };
}
