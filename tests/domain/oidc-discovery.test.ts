// Reading an OpenID provider's discovery document (lib/sso/oidc/discovery.ts) and sending a person to it
// (lib/sso/oidc/sign-in.ts), against a server on 127.0.0.1 whose answers each test writes: every way an
// issuer typed by an organization's Owner can be wrong or hostile is refused with a sentence for them,
// and what is fetched is held to its time-out and size cap.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isPublicAddress } from '@/lib/http/outbound';
import {
  OidcSetupError,
  checkOidcIssuer,
  forgetOidcDiscovery,
  oidcConfiguration,
} from '@/lib/sso/oidc/discovery';
import { newOidcSecrets, oidcSignInUrl } from '@/lib/sso/oidc/sign-in';
import { oidcRedirectUrl } from '@/lib/sso/urls';
import { discoveryDocument, oidcConnectionRow, scriptedServer, type ScriptedServer } from '../support/oidc';

const WELL_KNOWN = '/.well-known/openid-configuration';

let server: ScriptedServer;
let closedOrigin: string;

beforeAll(async () => {
  server = await scriptedServer((request, response, origin) => {
    const path = (request.url ?? '').replace(WELL_KNOWN, '');
    const json = (body: unknown) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(body));
    };
    if (!request.url?.endsWith(WELL_KNOWN)) return void response.writeHead(404).end();
    switch (path) {
      case '/good':
        return json(discoveryDocument(`${origin}/good`));
      case '/mismatch':
        return json(discoveryDocument(`${origin}/someone-else`));
      case '/html':
        response.setHeader('content-type', 'text/html');
        return void response.end('<html><body>Welcome</body></html>');
      case '/plain-pkce':
        return json(
          discoveryDocument(`${origin}/plain-pkce`, { code_challenge_methods_supported: ['plain'] }),
        );
      case '/no-token':
        return json(discoveryDocument(`${origin}/no-token`, { token_endpoint: undefined }));
      case '/implicit-only':
        return json(discoveryDocument(`${origin}/implicit-only`, { response_types_supported: ['id_token'] }));
      case '/elsewhere':
        return json(discoveryDocument(`${origin}/elsewhere`, { token_endpoint: 'http://example.com/token' }));
      case '/moved':
        return void response.writeHead(302, { location: `${origin}/good${WELL_KNOWN}` }).end();
      case '/huge': {
        // Chunked, no Content-Length: only counting what arrives can stop it.
        response.setHeader('content-type', 'application/json');
        response.write(`{"issuer":"${origin}/huge","padding":"`);
        const chunk = 'x'.repeat(64 * 1024);
        let sent = 0;
        const more = () => {
          while (sent < 4 * 1024 * 1024) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', more);
          }
          response.end('"}');
        };
        response.on('error', () => undefined);
        return more();
      }
      case '/slow':
        return; // never answers
      case '/drip': {
        // Answers at once, then a byte every 200 ms: each read is quick, the whole never ends.
        response.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => response.write(' '), 200);
        response.on('close', () => clearInterval(timer));
        return;
      }
      default:
        return void response.writeHead(404).end();
    }
  });
  const closed = await scriptedServer(() => undefined);
  closedOrigin = closed.origin;
  await closed.close();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  forgetOidcDiscovery();
});

async function setupRefusal(issuer: string): Promise<string> {
  const caught = await checkOidcIssuer(issuer, 'client', 'secret').then(
    () => null,
    (error: unknown) => error,
  );
  expect(caught, 'expected OidcSetupError').toBeInstanceOf(OidcSetupError);
  return (caught as Error).message;
}

describe('checkOidcIssuer', () => {
  it('accepts an issuer whose discovery document names it and offers the code flow with S256', async () => {
    await expect(checkOidcIssuer(`${server.origin}/good`, 'client', 'secret')).resolves.toBeUndefined();
  });

  it('refuses an issuer nobody answers at', async () => {
    expect(await setupRefusal(`${closedOrigin}/good`)).toMatch(/could not be reached \(ECONNREFUSED\)/);
  });

  it('refuses an issuer without a discovery document (404, an HTML page, a redirect not followed)', async () => {
    for (const path of ['/missing', '/html', '/moved']) {
      expect(await setupRefusal(`${server.origin}${path}`)).toMatch(/has no OpenID discovery document/);
    }
  });

  it('refuses a discovery document that names another issuer', async () => {
    expect(await setupRefusal(`${server.origin}/mismatch`)).toMatch(/does not match the issuer/);
  });

  it('refuses a provider without S256 PKCE, a token endpoint or the code flow', async () => {
    expect(await setupRefusal(`${server.origin}/plain-pkce`)).toMatch(/does not support PKCE with S256/);
    expect(await setupRefusal(`${server.origin}/no-token`)).toMatch(/has no token_endpoint/);
    expect(await setupRefusal(`${server.origin}/implicit-only`)).toMatch(/authorization code flow/);
  });

  it('refuses an endpoint on plain http away from this machine', async () => {
    expect(await setupRefusal(`${server.origin}/elsewhere`)).toMatch(
      /token_endpoint this server will not use/,
    );
  });

  it('stops reading a huge answer at the cap', async () => {
    expect(await setupRefusal(`${server.origin}/huge`)).toMatch(/more than 256 KB/);
  });

  it('gives up on an issuer that never answers after 5 s', async () => {
    const started = Date.now();
    expect(await setupRefusal(`${server.origin}/slow`)).toMatch(/did not answer within 5 s/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('gives up after 5 s on an issuer that answers a byte at a time', async () => {
    const started = Date.now();
    expect(await setupRefusal(`${server.origin}/drip`)).toMatch(/did not answer within 5 s/);
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('refuses addresses that are not an issuer: not a URL, credentials, a query, a .well-known path, ftp', async () => {
    for (const issuer of [
      'not a url',
      'https://user:pass@example.com',
      'https://example.com/?tenant=1',
      `${server.origin}/good${WELL_KNOWN}`,
      'ftp://example.com',
      'http://example.com',
    ]) {
      expect(await setupRefusal(issuer)).toMatch(/The issuer must be an https address/);
    }
    expect(server.asked.some((path) => path.startsWith(`/good${WELL_KNOWN}${WELL_KNOWN}`))).toBe(false);
  });

  it('in production: only https, and never an address on this machine or a private network', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    expect(await setupRefusal(`${server.origin}/good`)).toMatch(/is not an https address/);
    for (const issuer of [
      'https://127.0.0.1',
      'https://10.1.2.3',
      'https://[::1]',
      'https://169.254.169.254',
    ]) {
      expect(await setupRefusal(issuer)).toMatch(/points at this server or a private network/);
    }
    // A name is checked on the addresses it resolves to, as the connection is made.
    expect(await setupRefusal('https://localhost:1')).toMatch(
      /localhost points at this server or a private network/,
    );
  });

  it('asks for an empty client id or secret', async () => {
    await expect(checkOidcIssuer(`${server.origin}/good`, ' ', 'secret')).rejects.toThrow(/client id/);
    await expect(checkOidcIssuer(`${server.origin}/good`, 'client', '')).rejects.toThrow(/client secret/);
  });
});

describe('the addresses a production server refuses', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.0.0.1', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['not-an-address', false],
    ['8.8.8.8', true],
    ['2606:4700:4700::1111', true],
    ['::ffff:8.8.8.8', true],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('oidcConfiguration', () => {
  it('keeps a discovery document a few minutes: a second sign-in does not ask again', async () => {
    const before = server.asked.length;
    await oidcConfiguration(`${server.origin}/good`, 'client', 'secret');
    await oidcConfiguration(`${server.origin}/good`, 'other-client', 'secret');
    expect(server.asked.length - before).toBe(1);
  });
});

describe('oidcSignInUrl', () => {
  it('sends the person to the authorization endpoint with state, nonce, the S256 challenge and our redirect URI', async () => {
    const connection = oidcConnectionRow({
      issuer: `${server.origin}/good`,
      clientId: 'hub',
      clientSecret: 's3cret',
    });
    const secrets = newOidcSecrets();
    const url = new URL(await oidcSignInUrl(connection, { state: '_abc', ...secrets }));
    expect(`${url.origin}${url.pathname}`).toBe(`${server.origin}/good/auth`);
    const challenge = createHash('sha256').update(secrets.codeVerifier).digest('base64url');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'hub',
      redirect_uri: oidcRedirectUrl(connection.id),
      scope: 'openid email profile',
      response_type: 'code',
      state: '_abc',
      nonce: secrets.nonce,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect(url.href).not.toContain(secrets.codeVerifier);
  });

  it('makes a new nonce and verifier each time', () => {
    const first = newOidcSecrets();
    const second = newOidcSecrets();
    expect(first.nonce).not.toBe(second.nonce);
    expect(first.codeVerifier).not.toBe(second.codeVerifier);
    expect(first.codeVerifier.length).toBeGreaterThanOrEqual(43);
  });

  it('refuses a connection whose secret was sealed under another AUTH_SECRET', async () => {
    const connection = oidcConnectionRow({
      issuer: `${server.origin}/good`,
      clientId: 'hub',
      clientSecret: 's3cret',
    });
    vi.stubEnv('AUTH_SECRET', 'another-secret-entirely-0123456789-abcdefghij');
    await expect(oidcSignInUrl(connection, { state: '_abc', ...newOidcSecrets() })).rejects.toThrow(
      /can no longer be read/,
    );
  });
});
