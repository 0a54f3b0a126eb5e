// Helpers for the OpenID Connect tests: an OpenID connection row (in memory or inserted) whose client
// secret is sealed as the console stores it, and a small HTTP server on 127.0.0.1 whose answers a test
// writes itself (discovery documents good and bad, slow, huge).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ssoConnections, type SsoConnection } from '@/db/schema';
import { seal } from '@/lib/sealed';
import { insertConnection } from './sso';

export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** An OpenID connection as read from the database, not stored (for the URL builders). */
export function oidcConnectionRow(settings: OidcClientSettings, id = randomUUID()): SsoConnection {
  const at = new Date();
  return {
    id,
    organizationId: randomUUID(),
    protocol: 'oidc',
    name: 'Test provider',
    enabled: true,
    defaultRole: 'member',
    justInTime: true,
    allowIdpInitiated: false,
    samlEntityId: null,
    samlSsoUrl: null,
    samlCertificates: [],
    samlMetadataUrl: null,
    oidcIssuer: settings.issuer,
    oidcClientId: settings.clientId,
    oidcClientSecret: seal(settings.clientSecret, 'sso client secret'),
    lastTestedAt: null,
    lastTest: null,
    testPassedAt: null,
    expiryWarned: [],
    createdById: null,
    createdAt: at,
    updatedAt: at,
  };
}

/** Stores an enabled OpenID connection of `organizationId` (tests/support/sso.ts) and returns its row. */
export async function insertOidcConnection(
  organizationId: string,
  settings: OidcClientSettings,
  overrides: Partial<typeof ssoConnections.$inferInsert> = {},
): Promise<SsoConnection> {
  return insertConnection(organizationId, {
    protocol: 'oidc',
    name: 'Test provider',
    oidcIssuer: settings.issuer,
    oidcClientId: settings.clientId,
    oidcClientSecret: seal(settings.clientSecret, 'sso client secret'),
    ...overrides,
  });
}

export interface ScriptedServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Every path asked, in order. */
  asked: string[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 (a free port) answering with `handle`; closed by the test's afterAll. */
export async function scriptedServer(
  handle: (request: IncomingMessage, response: ServerResponse, origin: string) => void,
): Promise<ScriptedServer> {
  const asked: string[] = [];
  let origin = '';
  const server = createServer((request, response) => {
    asked.push(request.url ?? '');
    handle(request, response, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    asked,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A discovery document for `issuer` that a sign-in can use. */
export function discoveryDocument(issuer: string, changes: Record<string, unknown> = {}) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    userinfo_endpoint: `${issuer}/me`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    ...changes,
  };
}

/**
 * A browser at the development OpenID provider: follows its redirects with its cookies from the
 * authorization URL to its sign-in page, types `address` (or presses Cancel) and follows on until the
 * provider sends the browser to `redirectPrefix`; returns that URL (our callback, with code and state).
 */
export async function signInAtProvider(
  authorizationUrl: string,
  redirectPrefix: string,
  answer: { address: string } | 'cancel',
): Promise<URL> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  };
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | null = null;
  for (let hop = 0; hop < 10; hop += 1) {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ?? undefined,
    });
    remember(response);
    form = null;
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(redirectPrefix)) return next;
      url = next;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200 || !html.includes('name="email"')) {
      throw new Error(`the provider answered ${response.status}: ${html.slice(0, 300)}`);
    }
    form =
      answer === 'cancel'
        ? new URLSearchParams({ action: 'cancel' })
        : new URLSearchParams({ email: answer.address, action: 'sign-in' });
  }
  throw new Error('the provider never sent the browser back');
}

export interface ForgingProvider {
  issuer: string;
  /** What its token endpoint answers next: an ID token the test signs (or not) as it likes. */
  answer: (idToken: () => Promise<string>) => void;
  /** Its token endpoint stops answering (a hostile provider holding the connection open). */
  hang: () => void;
  /** Signs `claims` with its published key, or with `key` (one it does not publish). */
  sign: (claims: Record<string, unknown>, options?: { key?: CryptoKey; alg?: string }) => Promise<string>;
  /** A key that is not in its key set. */
  strangerKey: CryptoKey;
  close: () => Promise<void>;
}

/**
 * An OpenID provider on 127.0.0.1 whose token endpoint hands out whatever ID token the test made, signed
 * with jose: the ID token checks (audience, expiry, signature, alg "none") are tried on tokens no honest
 * provider would issue. It publishes one RS256 key, and no userinfo endpoint.
 */
export async function forgingProvider(): Promise<ForgingProvider> {
  const { SignJWT, exportJWK, generateKeyPair } = await import('jose');
  const own = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(own.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  let next: (() => Promise<string>) | null = null;
  let hanging = false;
  const server = await scriptedServer((request, response, origin) => {
    const path = new URL(request.url ?? '/', origin).pathname;
    const json = (body: unknown) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(body));
    };
    if (path === '/.well-known/openid-configuration') {
      return json(
        discoveryDocument(origin, {
          userinfo_endpoint: undefined,
          id_token_signing_alg_values_supported: ['RS256', 'HS256', 'none'],
        }),
      );
    }
    if (path === '/jwks') return json({ keys: [publicJwk] });
    if (path === '/token' && request.method === 'POST') {
      if (hanging) return;
      const make = next;
      next = null;
      if (!make) return void response.writeHead(400).end('{"error":"invalid_grant"}');
      void make().then((idToken) =>
        json({ access_token: 'opaque', token_type: 'Bearer', expires_in: 60, id_token: idToken }),
      );
      return;
    }
    response.writeHead(404).end();
  });
  const sign = async (claims: Record<string, unknown>, options: { key?: CryptoKey; alg?: string } = {}) => {
    const alg = options.alg ?? 'RS256';
    if (alg === 'none') {
      const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
    }
    if (alg === 'HS256') {
      return new SignJWT(claims)
        .setProtectedHeader({ alg })
        .sign(new TextEncoder().encode('a shared secret of 32 bytes!!!!!'));
    }
    return new SignJWT(claims).setProtectedHeader({ alg, kid: 'k1' }).sign(options.key ?? own.privateKey);
  };
  return {
    issuer: server.origin,
    answer: (idToken) => {
      next = idToken;
    },
    hang: () => {
      hanging = true;
    },
    sign,
    strangerKey: stranger.privateKey,
    close: () => server.close(),
  };
}
