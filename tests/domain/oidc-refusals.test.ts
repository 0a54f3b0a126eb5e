// The table that turns openid-client's refusals into ours (lib/sso/oidc/refusals.ts), for the checks
// the provider tests (oidc-callback.test.ts) cannot easily make fail: each check's error, as openid-client
// wraps it, gives its one reason.
import { ClientError, ResponseBodyError } from 'openid-client';
import { describe, expect, it } from 'vitest';
import { OutboundFetchError } from '@/lib/http/outbound';
import { OidcSetupError } from '@/lib/sso/oidc/discovery';
import { oidcRefusalOf } from '@/lib/sso/oidc/refusals';

/** A check's error as oauth4webapi throws it, wrapped in a ClientError as openid-client hands it on. */
function wrapped(code: string, message: string, cause: Record<string, unknown> = {}) {
  const inner = Object.assign(new Error(message, { cause }), { code });
  return Object.assign(new ClientError('wrapped', { cause: inner }), { code });
}

describe('oidcRefusalOf', () => {
  it.each([
    [wrapped('OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'exp', { claim: 'exp' }), 'expired'],
    [wrapped('OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'iat too old', { claim: 'iat' }), 'expired'],
    [wrapped('OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'nbf', { claim: 'nbf' }), 'not_yet_valid'],
    [wrapped('OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'aud', { claim: 'aud' }), 'wrong_audience'],
    [wrapped('OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'azp', { claim: 'azp' }), 'wrong_audience'],
    [wrapped('OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'nonce', { claim: 'nonce' }), 'unknown_request'],
    [wrapped('OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'iss', { claim: 'iss' }), 'invalid_response'],
    [wrapped('OAUTH_KEY_SELECTION_FAILED', 'no applicable keys found'), 'bad_signature'],
    [wrapped('OAUTH_INVALID_RESPONSE', 'JWT signature verification failed'), 'bad_signature'],
    [
      wrapped('OAUTH_INVALID_RESPONSE', 'unexpected JWT "alg" header parameter', { header: { alg: 'none' } }),
      'unsigned',
    ],
    [
      wrapped('OAUTH_INVALID_RESPONSE', 'unexpected JWT "alg" header parameter', {
        header: { alg: 'ES512' },
      }),
      'bad_signature',
    ],
    [wrapped('OAUTH_UNSUPPORTED_OPERATION', 'unsupported JWS algorithm', { alg: 'HS256' }), 'bad_signature'],
    [wrapped('OAUTH_INVALID_RESPONSE', 'JWT "sub" (subject) claim missing'), 'invalid_response'],
    [
      new ClientError('something went wrong', { cause: new OutboundFetchError('timeout', 'slow') }),
      'invalid_response',
    ],
    [new OidcSetupError('The issuer could not be reached.'), 'invalid_response'],
    [new TypeError('anything else'), 'invalid_response'],
    ['not even an error', 'invalid_response'],
  ])('%s → %s', (error, refusal) => {
    expect(oidcRefusalOf(error).refusal).toBe(refusal);
  });

  it("gives a token endpoint's refusal as provider_error with its words, one line, cut", () => {
    const error = new ResponseBodyError('server responded with an error in the response body', {
      cause: { error: 'invalid_grant', error_description: `grant request is invalid\n${'y'.repeat(1_000)}` },
      response: new Response(null, { status: 400 }),
    });
    const { refusal, detail } = oidcRefusalOf(error);
    expect(refusal).toBe('provider_error');
    expect(detail).toMatch(
      /^The identity provider answered invalid_grant to the code exchange: grant request is invalid y+…$/,
    );
    expect(detail.length).toBe(300);
  });
});
