// The OpenID Connect sign-in end to end (lib/sso/oidc/callback.ts) against a real OpenID provider on
// 127.0.0.1 (oidc-provider, lib/sso/development/oidc-provider.ts): a browser's round trip through its
// sign-in page, then every way the answer can be wrong, each refused with its reason. On PGlite and
// PostgreSQL (the requests are rows taken once).
import { TEST_BROWSER } from '../support/sso';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { ssoRequests, type SsoConnection } from '@/db/schema';
import { publicUrl } from '@/lib/config';
import { advanceClock, resetClock } from '@/lib/clock';
import {
  startDevelopmentOidcProvider,
  type DevelopmentOidcProvider,
} from '@/lib/sso/development/oidc-provider';
import { readOidcCallback } from '@/lib/sso/oidc/callback';
import { forgetOidcDiscovery } from '@/lib/sso/oidc/discovery';
import { newOidcSecrets, oidcSignInUrl } from '@/lib/sso/oidc/sign-in';
import { issueSsoRequest } from '@/lib/sso/requests';
import type { SsoAnswer } from '@/lib/sso/types';
import { useTestDatabase } from '../support/db';
import { createOrganizationWithOwner } from '../support/factories';
import {
  forgingProvider,
  insertOidcConnection,
  signInAtProvider,
  type ForgingProvider,
} from '../support/oidc';

useTestDatabase({ workJobs: false });

const CLIENT = { clientId: 'ai-hub-test', clientSecret: 'test-secret-0123456789' };
const CALLBACK = /^http:\/\/localhost:\d+\/api\/sso\/oidc\/[0-9a-f-]{36}\/callback$/;

let provider: DevelopmentOidcProvider;

beforeAll(async () => {
  provider = await startDevelopmentOidcProvider({
    client: {
      ...CLIENT,
      redirectUris: [`${publicUrl()}/api/sso/oidc/${randomUUID()}/callback`],
      redirectUriPattern: CALLBACK,
    },
    idTokenTtlSeconds: 60,
  });
});

afterAll(async () => {
  await provider.close();
});

afterEach(() => {
  resetClock();
  forgetOidcDiscovery();
});

async function connection(): Promise<SsoConnection> {
  const { organization } = await createOrganizationWithOwner('Acme');
  return insertOidcConnection(organization.id, { issuer: provider.issuer, ...CLIENT });
}

/** Starts a sign-in on `on` as this server does, and returns the provider's URL and the request's id. */
async function begin(on: SsoConnection) {
  const db = await getDb();
  const secrets = newOidcSecrets();
  const state = await issueSsoRequest(db, {
    connectionId: on.id,
    purpose: 'sign_in',
    browser: TEST_BROWSER,
    ...secrets,
  });
  return { state, secrets, url: await oidcSignInUrl(on, { state, ...secrets }) };
}

async function answerAs(on: SsoConnection, address: string) {
  const started = await begin(on);
  const callback = await signInAtProvider(started.url, `${publicUrl()}/api/sso/oidc/`, { address });
  return { ...started, callback };
}

async function read(on: SsoConnection, url: URL): Promise<SsoAnswer> {
  return readOidcCallback(await getDb(), on, url);
}

function refusalOf(answer: SsoAnswer) {
  if (answer.ok) throw new Error(`expected a refusal, got ${JSON.stringify(answer.identity)}`);
  return answer;
}

describe('a sign-in through the OpenID provider', () => {
  it('is accepted and mapped: address, name, subject, every claim as text; the request is taken', async () => {
    const on = await connection();
    const { callback, state } = await answerAs(on, 'Ada.Lovelace@Acme.test');
    expect(callback.pathname).toBe(`/api/sso/oidc/${on.id}/callback`);
    const answer = await read(on, callback);
    if (!answer.ok) throw new Error(`refused: ${answer.refusal} ${answer.detail}`);
    expect(answer.identity).toMatchObject({
      email: 'ada.lovelace@acme.test',
      name: 'Ada Lovelace',
      subject: 'ada.lovelace@acme.test',
    });
    expect(answer.identity.attributes.email).toEqual(['ada.lovelace@acme.test']);
    expect(answer.identity.attributes.email_verified).toEqual(['true']);
    expect(answer.identity.attributes.iss).toEqual([provider.issuer]);
    expect(Object.getPrototypeOf(answer.identity.attributes)).toBeNull();
    expect(answer.request?.id).toBe(state);
    expect(answer.request?.usedAt).not.toBeNull();
  });
});

describe('the request an answer names (state)', () => {
  it('refuses a state this server never issued, and an answer with none', async () => {
    const on = await connection();
    const { callback } = await answerAs(on, 'ada@acme.test');
    const forged = new URL(callback);
    forged.searchParams.set('state', `_${'0'.repeat(40)}`);
    expect(refusalOf(await read(on, forged))).toMatchObject({ refusal: 'unknown_request' });
    forged.searchParams.delete('state');
    expect(refusalOf(await read(on, forged))).toMatchObject({
      refusal: 'unknown_request',
      claimedRequestId: null,
    });
  });

  it("refuses another connection's request, which stays there for its own connection", async () => {
    const on = await connection();
    const other = await connection();
    const { callback, state } = await answerAs(on, 'ada@acme.test');
    const refused = refusalOf(await read(other, callback));
    expect(refused).toMatchObject({ refusal: 'unknown_request', claimedRequestId: state });
    expect((await read(on, callback)).ok).toBe(true);
  });

  it('refuses the same answer twice: the request is taken once', async () => {
    const on = await connection();
    const { callback } = await answerAs(on, 'ada@acme.test');
    expect((await read(on, callback)).ok).toBe(true);
    expect(refusalOf(await read(on, callback))).toMatchObject({ refusal: 'unknown_request' });
  });

  it('refuses a request past its lifetime', async () => {
    const on = await connection();
    const { callback } = await answerAs(on, 'ada@acme.test');
    advanceClock(11 * 60_000);
    expect(refusalOf(await read(on, callback))).toMatchObject({ refusal: 'unknown_request' });
  });

  it('refuses a state sent twice, even when one of them is right', async () => {
    const on = await connection();
    const { callback, state } = await answerAs(on, 'ada@acme.test');
    const doubled = new URL(callback);
    doubled.searchParams.append('state', state);
    expect(refusalOf(await read(on, doubled))).toMatchObject({ refusal: 'unknown_request' });
  });
});

describe("the provider's answer", () => {
  it('refuses when the code is exchanged with another PKCE verifier', async () => {
    const on = await connection();
    const { callback, state } = await answerAs(on, 'ada@acme.test');
    const db = await getDb();
    await db
      .update(ssoRequests)
      .set({ codeVerifier: newOidcSecrets().codeVerifier })
      .where(eq(ssoRequests.id, state));
    const refused = refusalOf(await read(on, callback));
    expect(refused.refusal).toBe('provider_error');
    expect(refused.detail).toMatch(/invalid_grant to the code exchange/);
  });

  it('refuses an ID token whose nonce is not the request’s', async () => {
    const on = await connection();
    const { callback, state } = await answerAs(on, 'ada@acme.test');
    const db = await getDb();
    await db.update(ssoRequests).set({ nonce: newOidcSecrets().nonce }).where(eq(ssoRequests.id, state));
    const refused = refusalOf(await read(on, callback));
    expect(refused.refusal).toBe('unknown_request');
    expect(refused.detail).toMatch(/nonce/);
  });

  it('refuses an expired ID token (the domain clock past its exp and the 2 minutes of skew)', async () => {
    const on = await connection();
    const { callback } = await answerAs(on, 'ada@acme.test');
    advanceClock(4 * 60_000); // the token lives 60 s; the request 10 minutes
    const refused = refusalOf(await read(on, callback));
    expect(refused.refusal).toBe('expired');
    expect(refused.detail).toMatch(/"exp"/);
  });

  it('accepts an ID token within the 2 minutes of skew', async () => {
    const on = await connection();
    const { callback } = await answerAs(on, 'ada@acme.test');
    advanceClock(150_000); // exp is 60 s ahead: 90 s past it
    expect((await read(on, callback)).ok).toBe(true);
  });

  it('refuses an answer naming another issuer (the iss parameter: a mix-up)', async () => {
    const on = await connection();
    const { callback } = await answerAs(on, 'ada@acme.test');
    callback.searchParams.set('iss', 'https://attacker.example');
    expect(refusalOf(await read(on, callback)).refusal).toBe('invalid_response');
  });

  it('turns Cancel at the provider into provider_error with its description', async () => {
    const on = await connection();
    const { url, state } = await begin(on);
    const callback = await signInAtProvider(url, `${publicUrl()}/api/sso/oidc/`, 'cancel');
    const refused = refusalOf(await read(on, callback));
    expect(refused).toMatchObject({ refusal: 'provider_error', claimedRequestId: state });
    expect(refused.detail).toBe(
      'The identity provider answered access_denied: The person cancelled the sign-in.',
    );
  });

  it("cuts a provider's error description and strips its control characters", async () => {
    const on = await connection();
    const { state } = await begin(on);
    const hostile = new URL(`${publicUrl()}/api/sso/oidc/${on.id}/callback`);
    hostile.searchParams.set('state', state);
    hostile.searchParams.set('error', 'server_error\u0000\u001b[31m');
    hostile.searchParams.set('error_description', `line one\r\nline two\u202e${'x'.repeat(5_000)}`);
    const refused = refusalOf(await read(on, hostile));
    expect(refused.refusal).toBe('provider_error');
    expect(refused.detail.length).toBeLessThanOrEqual(300);
    expect(refused.detail).toMatch(
      /^The identity provider answered server_error \[31m: line one line two x+…$/,
    );
  });

  it('uses the public redirect URI whatever address the request came in on', async () => {
    const on = await connection();
    const { callback } = await answerAs(on, 'ada@acme.test');
    // The route hands the query; a Host header of the attacker's choosing never reaches the provider.
    const elsewhere = new URL(`https://attacker.example/anything${callback.search}`);
    expect((await read(on, elsewhere)).ok).toBe(true);
  });
});

describe('ID tokens no honest provider issues', () => {
  let forger: ForgingProvider;
  const clientId = 'forged-client';

  beforeAll(async () => {
    forger = await forgingProvider();
  });

  afterAll(async () => {
    await forger.close();
  });

  async function forgedSignIn(
    claims: (nonce: string) => Record<string, unknown>,
    options?: { key?: CryptoKey; alg?: string },
  ) {
    const { organization } = await createOrganizationWithOwner('Forged');
    const on = await insertOidcConnection(organization.id, {
      issuer: forger.issuer,
      clientId,
      clientSecret: 'x',
    });
    const { state, secrets } = await begin(on);
    forger.answer(() => forger.sign(claims(secrets.nonce), options));
    const callback = new URL(`${publicUrl()}/api/sso/oidc/${on.id}/callback?code=abc&state=${state}`);
    return read(on, callback);
  }

  const at = () => Math.floor(Date.now() / 1000);
  const honest = (nonce: string) => ({
    iss: forger.issuer,
    aud: clientId,
    sub: 'user-1',
    nonce,
    iat: at(),
    exp: at() + 300,
    email: 'grace@acme.test',
  });

  it('accepts an honest one (the forger itself is sound)', async () => {
    const answer = await forgedSignIn(honest);
    expect(answer.ok && answer.identity.email).toBe('grace@acme.test');
  });

  it('refuses one meant for another client: wrong_audience', async () => {
    const refused = refusalOf(await forgedSignIn((nonce) => ({ ...honest(nonce), aud: 'another-client' })));
    expect(refused.refusal).toBe('wrong_audience');
  });

  it('refuses one also meant for another client (several audiences, azp elsewhere): wrong_audience', async () => {
    const claims = (nonce: string) => ({
      ...honest(nonce),
      aud: [clientId, 'another-client'],
      azp: 'another-client',
    });
    expect(refusalOf(await forgedSignIn(claims)).refusal).toBe('wrong_audience');
  });

  it('refuses an expired one: expired', async () => {
    const claims = (nonce: string) => ({ ...honest(nonce), iat: at() - 3_600, exp: at() - 600 });
    expect(refusalOf(await forgedSignIn(claims)).refusal).toBe('expired');
  });

  it('refuses one signed by a key the provider does not publish: bad_signature', async () => {
    const refused = refusalOf(await forgedSignIn(honest, { key: forger.strangerKey }));
    expect(refused.refusal).toBe('bad_signature');
    expect(refused.detail).toMatch(/signature/);
  });

  it('refuses an unsigned one (alg none): unsigned', async () => {
    const refused = refusalOf(await forgedSignIn(honest, { alg: 'none' }));
    expect(refused.refusal, refused.detail).toBe('unsigned');
  });

  it('refuses one "signed" with a shared secret (HS256): bad_signature', async () => {
    expect(refusalOf(await forgedSignIn(honest, { alg: 'HS256' })).refusal).toBe('bad_signature');
  });

  it('refuses one from another issuer: invalid_response', async () => {
    const claims = (nonce: string) => ({ ...honest(nonce), iss: 'https://elsewhere.example' });
    expect(refusalOf(await forgedSignIn(claims)).refusal).toBe('invalid_response');
  });

  it('refuses an address the provider says is not verified: no_email', async () => {
    const claims = (nonce: string) => ({ ...honest(nonce), email_verified: false });
    expect(refusalOf(await forgedSignIn(claims))).toMatchObject({ refusal: 'no_email' });
  });

  it('keeps a __proto__ claim out of the attributes and any prototype', async () => {
    const answer = await forgedSignIn((nonce) => ({
      ...honest(nonce),
      ['__proto__']: { polluted: true },
      constructor: 'c',
      groups: ['a', 'b', { nested: 1 }],
    }));
    if (!answer.ok) throw new Error(`refused: ${answer.detail}`);
    const { attributes } = answer.identity;
    expect(Object.getPrototypeOf(attributes)).toBeNull();
    expect(Object.hasOwn(attributes, '__proto__')).toBe(false);
    expect(attributes.constructor).toEqual(['c']);
    expect(attributes.groups).toEqual(['a', 'b', '{"nested":1}']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives up on a token endpoint that never answers, after 5 s', async () => {
    forger.hang();
    const started = Date.now();
    const refused = refusalOf(await forgedSignIn(honest));
    expect(refused.refusal).toBe('invalid_response');
    expect(refused.detail).toMatch(/did not answer within 5 s|cut short/);
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});
