// The development OpenID provider (lib/sso/development): never in production, on the port of its setting
// inside `npm run dev`, and its one client accepts exactly the redirect URIs of this app's connections.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { developmentOidcPort, publicUrl } from '@/lib/config';
import { startupProblems } from '@/lib/config/settings.mjs';
import {
  startDevelopmentOidcProvider,
  type DevelopmentOidcProvider,
} from '@/lib/sso/development/oidc-provider';
import {
  DEVELOPMENT_OIDC_CLIENT_ID,
  DEVELOPMENT_OIDC_CLIENT_SECRET,
  developmentRedirectPattern,
} from '@/lib/sso/development/start';
import { beginSso } from '@/lib/sso/begin';
import { readOidcCallback } from '@/lib/sso/oidc/callback';
import { checkOidcIssuer } from '@/lib/sso/oidc/discovery';
import { useTestDatabase } from '../support/db';
import { createOrganizationWithOwner } from '../support/factories';
import { insertOidcConnection, signInAtProvider } from '../support/oidc';
import { TEST_BROWSER } from '../support/sso';

useTestDatabase({ workJobs: false });

describe('DEVELOPMENT_OIDC_PORT', () => {
  it('is 3901 unless set, a port when set, none when off, and in production only when set for a trial on this machine', () => {
    expect(developmentOidcPort({})).toBe(3901);
    expect(developmentOidcPort({ DEVELOPMENT_OIDC_PORT: '4000' })).toBe(4000);
    expect(developmentOidcPort({ DEVELOPMENT_OIDC_PORT: 'OFF' })).toBeNull();
    const production = { NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) };
    expect(
      developmentOidcPort({
        ...production,
        APP_URL: 'https://console.example.com',
        DEVELOPMENT_OIDC_PORT: '4000',
      }),
    ).toBeNull();
    expect(developmentOidcPort({ ...production, APP_URL: 'http://localhost:3000' })).toBeNull();
    expect(
      developmentOidcPort({ ...production, APP_URL: 'http://localhost:3000', DEVELOPMENT_OIDC_PORT: '4000' }),
    ).toBe(4000);
    expect(() => developmentOidcPort({ DEVELOPMENT_OIDC_PORT: '70000' })).toThrow(
      'DEVELOPMENT_OIDC_PORT must be a port number from 1 to 65535, or "off", not "70000".',
    );
  });

  it('keeps a production server from starting unless the public URL is loopback', () => {
    const remote = {
      AUTH_SECRET: 'x'.repeat(32),
      APP_URL: 'https://console.example.com',
      RESEND_API_KEY: 're_x',
      DEVELOPMENT_OIDC_PORT: '3901',
    };
    expect(startupProblems(remote, { production: true }).join('\n')).toMatch(
      /DEVELOPMENT_OIDC_PORT is only for a trial on this machine/,
    );
    expect(startupProblems({ ...remote, DEVELOPMENT_OIDC_PORT: 'off' }, { production: true })).toEqual([]);
    expect(startupProblems({ ...remote, APP_URL: 'http://localhost:3000' }, { production: true })).toEqual(
      [],
    );
  });
});

describe('the development provider', () => {
  let provider: DevelopmentOidcProvider;

  beforeAll(async () => {
    provider = await startDevelopmentOidcProvider({
      client: {
        clientId: DEVELOPMENT_OIDC_CLIENT_ID,
        clientSecret: DEVELOPMENT_OIDC_CLIENT_SECRET,
        redirectUris: [`${publicUrl()}/api/sso/oidc/00000000-0000-0000-0000-000000000000/callback`],
        redirectUriPattern: developmentRedirectPattern(),
      },
    });
  });

  afterAll(async () => {
    await provider.close();
  });

  it('refuses to start in production unless the public URL is on this machine', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('APP_URL', 'https://console.example.com');
    await expect(
      startDevelopmentOidcProvider({
        client: { clientId: 'a', clientSecret: 'b', redirectUris: ['http://localhost/cb'] },
      }),
    ).rejects.toThrow(/DEVELOPMENT_OIDC_PORT is only for a trial on this machine/);
  });

  it('listens on 127.0.0.1 and passes the check a connection must pass', async () => {
    expect(provider.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(
      checkOidcIssuer(provider.issuer, DEVELOPMENT_OIDC_CLIENT_ID, DEVELOPMENT_OIDC_CLIENT_SECRET),
    ).resolves.toBeUndefined();
  });

  it("signs in through any connection's redirect URI with the documented client", async () => {
    const { organization } = await createOrganizationWithOwner('Acme');
    const on = await insertOidcConnection(organization.id, {
      issuer: provider.issuer,
      clientId: DEVELOPMENT_OIDC_CLIENT_ID,
      clientSecret: DEVELOPMENT_OIDC_CLIENT_SECRET,
    });
    const url = await beginSso(on, { purpose: 'test', browser: TEST_BROWSER });
    const callback = await signInAtProvider(url, `${publicUrl()}/api/sso/oidc/`, {
      address: 'grace@acme.test',
    });
    const answer = await readOidcCallback(await getDb(), on, callback);
    expect(answer.ok && answer.identity).toMatchObject({ email: 'grace@acme.test', name: 'Grace' });
  });

  it('accepts only this app’s connection callbacks as redirect URIs', () => {
    const pattern = developmentRedirectPattern();
    const id = randomUUID();
    expect(pattern.test(`${publicUrl()}/api/sso/oidc/${id}/callback`)).toBe(true);
    for (const other of [
      `https://attacker.example/api/sso/oidc/${id}/callback`,
      `${publicUrl()}/api/sso/oidc/${id}/callback?next=https://attacker.example`,
      `${publicUrl()}/api/sso/oidc/not-a-uuid/callback`,
      `${publicUrl()}/api/sso/oidc/${id}/callback/../../../../elsewhere`,
      `${publicUrl()}.attacker.example/api/sso/oidc/${id}/callback`,
    ]) {
      expect(pattern.test(other), other).toBe(false);
    }
  });

  it('sends a browser asking for an unregistered redirect URI nowhere', async () => {
    const authorize = new URL(`${provider.issuer}/auth`);
    authorize.search = new URLSearchParams({
      client_id: DEVELOPMENT_OIDC_CLIENT_ID,
      redirect_uri: 'https://attacker.example/callback',
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    }).toString();
    const response = await fetch(authorize, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('refuses an authorization request without PKCE', async () => {
    const authorize = new URL(`${provider.issuer}/auth`);
    authorize.search = new URLSearchParams({
      client_id: DEVELOPMENT_OIDC_CLIENT_ID,
      redirect_uri: `${publicUrl()}/api/sso/oidc/${randomUUID()}/callback`,
      response_type: 'code',
      scope: 'openid',
    }).toString();
    const response = await fetch(authorize, { redirect: 'manual' });
    expect(response.headers.get('location')).toMatch(/error=invalid_request/);
    expect(response.headers.get('location')).toMatch(/requires\+PKCE/);
  });
});
