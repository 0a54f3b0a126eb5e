// The OpenID callback route (app/api/sso/oidc/[connection]/callback): a sign-in through the provider
// ends in a 303 on the public URL that sets an `sso` session, whatever Host the request named; a refusal
// ends on the page that says why; a connection that is not an OpenID one is not found.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/sso/oidc/[connection]/callback/route';
import { getDb } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { publicUrl } from '@/lib/config';
import { beginSso } from '@/lib/sso/begin';
import {
  startDevelopmentOidcProvider,
  type DevelopmentOidcProvider,
} from '@/lib/sso/development/oidc-provider';
import { developmentRedirectPattern } from '@/lib/sso/development/start';
import { useTestDatabase } from '../support/db';
import { createOrganizationWithOwner } from '../support/factories';
import { insertOidcConnection, signInAtProvider } from '../support/oidc';
import { insertConnection, TEST_BROWSER, verifiedDomainRow } from '../support/sso';

useTestDatabase({ workJobs: false });

const CLIENT = { clientId: 'route-client', clientSecret: 'route-secret' };
let provider: DevelopmentOidcProvider;

beforeAll(async () => {
  provider = await startDevelopmentOidcProvider({
    client: {
      ...CLIENT,
      redirectUris: [`${publicUrl()}/cb`],
      redirectUriPattern: developmentRedirectPattern(),
    },
  });
});

afterAll(async () => {
  await provider.close();
});

function callback(id: string, url: string, browser: string | null = TEST_BROWSER) {
  const headers = browser ? { cookie: `aihub-sso-browser=${browser}` } : undefined;
  return GET(new NextRequest(url, { headers }), { params: Promise.resolve({ connection: id }) });
}

async function setUp() {
  const { organization } = await createOrganizationWithOwner('Acme');
  const domain = await verifiedDomainRow(organization.id);
  const connection = await insertOidcConnection(organization.id, { issuer: provider.issuer, ...CLIENT });
  return { organization, domain, connection };
}

describe('GET /api/sso/oidc/<connection>/callback', () => {
  it('signs the person in: a 303 on the public URL with an sso session, whatever Host the request named', async () => {
    const { domain, connection } = await setUp();
    const start = await beginSso(connection, {
      purpose: 'sign_in',
      callbackPath: '/admin',
      browser: TEST_BROWSER,
    });
    const back = await signInAtProvider(start, `${publicUrl()}/api/sso/oidc/`, { address: `joan@${domain}` });
    const response = await callback(connection.id, `https://attacker.example${back.pathname}${back.search}`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${publicUrl()}/admin`);
    expect(response.headers.get('set-cookie')).toMatch(/session-token=/);
    const db = await getDb();
    const [joan] = await db
      .select()
      .from(users)
      .where(eq(users.email, `joan@${domain}`));
    const [session] = await db.select().from(sessions).where(eq(sessions.userId, joan.id));
    expect(session?.method).toBe('sso');
  });

  it('sends a refused answer (the same one again) to the page that says why', async () => {
    const { domain, connection } = await setUp();
    const start = await beginSso(connection, { purpose: 'sign_in', browser: TEST_BROWSER });
    const back = await signInAtProvider(start, `${publicUrl()}/api/sso/oidc/`, { address: `joan@${domain}` });
    expect((await callback(connection.id, back.href)).status).toBe(303);
    const again = await callback(connection.id, back.href);
    expect(again.headers.get('location')).toBe(
      `${publicUrl()}/login/sso-error?reason=unknown_request&connection=${connection.id}`,
    );
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('refuses an answer brought back by another browser, or one without the SSO cookie (login CSRF)', async () => {
    const { domain, connection } = await setUp();
    for (const browser of [null, 'a-victims-own-browser-cookie']) {
      // Each time a fresh answer: the request is taken by the answer that names it, whoever brings it.
      const start = await beginSso(connection, { purpose: 'sign_in', browser: TEST_BROWSER });
      const back = await signInAtProvider(start, `${publicUrl()}/api/sso/oidc/`, {
        address: `mallory@${domain}`,
      });
      const response = await callback(connection.id, back.href, browser);
      expect(response.headers.get('location')).toBe(
        `${publicUrl()}/login/sso-error?reason=other_browser&connection=${connection.id}`,
      );
      expect(response.headers.get('set-cookie')).toBeNull();
    }
  });

  it('finds no connection for an unknown id, one that is no uuid, or a SAML connection', async () => {
    const { organization } = await createOrganizationWithOwner('Saml Co');
    const saml = await insertConnection(organization.id);
    for (const id of [randomUUID(), 'not-a-uuid', '../../admin', saml.id]) {
      const response = await callback(id, `${publicUrl()}/api/sso/oidc/${id}/callback?code=x&state=y`);
      expect(response.status, id).toBe(404);
    }
  });
});
