// The SAML routes, called as Next calls them: our SP metadata at the entity ID's address, and the ACS,
// where the identity provider's form post ends in a 303 that sets the session cookie, or sends the person
// to the refusal page. Unknown connections are 404s; a body past its cap is a 413 before anything is read.
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/sso/saml/[connection]/route';
import { POST } from '@/app/api/sso/saml/[connection]/acs/route';
import { samlAcsUrl, samlEntityId } from '@/lib/sso/urls';
import { useTestDatabase } from '../support/db';
import { createOrganizationWithOwner } from '../support/factories';
import { samlConnection, signInAnswer, testIdentityProvider } from '../support/saml';
import { insertConnection, TEST_BROWSER, verifiedDomainRow } from '../support/sso';

useTestDatabase({ workJobs: false });

const params = (connection: string) => ({ params: Promise.resolve({ connection }) });

/** The browser's form post, cross-site from the identity provider, with the SSO cookie it was sent off with. */
function acsPost(connectionId: string, body: BodyInit, browser: string | null = TEST_BROWSER) {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'sec-fetch-site': 'cross-site',
  };
  if (browser) headers.cookie = `aihub-sso-browser=${browser}`;
  const init = { method: 'POST', headers, body, duplex: 'half' };
  return POST(
    new NextRequest(samlAcsUrl(connectionId), init as ConstructorParameters<typeof NextRequest>[1]),
    params(connectionId),
  );
}

describe('GET /api/sso/saml/<connection>', () => {
  it('serves the connection’s SP metadata as application/samlmetadata+xml', async () => {
    const connection = await samlConnection(await testIdentityProvider());
    const response = await GET(new Request(samlEntityId(connection.id)), params(connection.id));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/samlmetadata+xml; charset=utf-8');
    expect(await response.text()).toContain(`entityID="${samlEntityId(connection.id)}"`);
  });

  it('answers 404 for an unknown connection, a segment that is not an id, and an OpenID connection', async () => {
    const { organization } = await createOrganizationWithOwner('Acme');
    const oidc = await insertConnection(organization.id, { protocol: 'oidc', enabled: false });
    for (const segment of ['6f1c1a8e-7a51-4c1e-9d7e-0b1b2c3d4e5f', 'not-a-uuid', '..%2f..', oidc.id]) {
      expect((await GET(new Request('http://localhost/x'), params(segment))).status, segment).toBe(404);
    }
  });
});

describe('POST /api/sso/saml/<connection>/acs', () => {
  it('signs the person in: a 303 to where the sign-in started, setting the session cookie', async () => {
    const idp = await testIdentityProvider();
    const { organization } = await createOrganizationWithOwner('Acme');
    const domain = await verifiedDomainRow(organization.id);
    const connection = await samlConnection(idp, { organizationId: organization.id });
    const { form } = await signInAnswer(
      idp,
      connection,
      { nameId: `ada@${domain}` },
      { callbackPath: '/account' },
    );
    const response = await acsPost(connection.id, new URLSearchParams({ ...form, RelayState: 'ignored' }));
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location')!).pathname).toBe('/account');
    expect(response.headers.get('set-cookie')).toMatch(/authjs\.session-token=[^;]+;.*HttpOnly/i);
  });

  it('refuses a genuine answer posted from another browser (without the SSO cookie its request was issued for)', async () => {
    const idp = await testIdentityProvider();
    const { organization } = await createOrganizationWithOwner('Acme');
    const domain = await verifiedDomainRow(organization.id);
    const connection = await samlConnection(idp, { organizationId: organization.id });
    for (const browser of [null, 'another-browser-cookie-01']) {
      const { form } = await signInAnswer(idp, connection, { nameId: `ada@${domain}` });
      const response = await acsPost(connection.id, new URLSearchParams(form), browser);
      expect(response.headers.get('location')).toContain('reason=other_browser');
      expect(response.headers.get('set-cookie')).toBeNull();
    }
  });

  it('sends a refused response to the refusal page with its reason, and sets no cookie', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const { form } = await signInAnswer(idp, connection, { signing: 'none' });
    const response = await acsPost(connection.id, new URLSearchParams(form));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toContain('reason=unsigned');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('answers 404 for an unknown connection and 413 for a body past its cap, declared or streamed', async () => {
    const connection = await samlConnection(await testIdentityProvider());
    expect((await acsPost('6f1c1a8e-7a51-4c1e-9d7e-0b1b2c3d4e5f', 'SAMLResponse=x')).status).toBe(404);
    const huge = `SAMLResponse=${'A'.repeat(800 * 1024)}`;
    expect((await acsPost(connection.id, huge)).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('A'.repeat(64 * 1024)));
        controller.close();
      },
    });
    expect((await acsPost(connection.id, stream)).status).toBe(413);
  });
});
