// The development SAML identity provider inside the app (/dev/sso/saml): its metadata makes a working
// connection, its sign-in answers our own AuthnRequest with a response our ACS accepts, it answers no
// other server's ACS, its pages stay behind the development pages' gate, and it never runs in production but for a trial on this machine.
import { deflateRawSync } from 'node:zlib';
import { SAML } from '@node-saml/node-saml';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { createSamlIdentityProvider } from '@/lib/sso/development/saml-idp';
import {
  answerDevelopmentRequest,
  developmentSamlIdp,
  readDevelopmentRequest,
} from '@/lib/sso/development/saml-development';
import { issueSsoRequest } from '@/lib/sso/requests';
import { parseSamlMetadata } from '@/lib/sso/saml/metadata';
import { readSamlResponse } from '@/lib/sso/saml/response';
import { samlSignInUrl } from '@/lib/sso/saml/sign-in';
import { useTestDatabase } from '../support/db';
import { createOrganizationWithOwner } from '../support/factories';
import { insertConnection, TEST_BROWSER } from '../support/sso';

const gate = vi.hoisted(() => ({ open: false }));
vi.mock('@/app/dev/access', () => ({ devPagesOpenTo: () => gate.open }));

const { GET: metadataRoute } = await import('@/app/dev/sso/saml/metadata/route');
const { POST: answerRoute } = await import('@/app/dev/sso/saml/answer/route');

useTestDatabase({ workJobs: false });

async function developmentConnection() {
  const read = parseSamlMetadata((await developmentSamlIdp()).metadata());
  const { organization } = await createOrganizationWithOwner('Acme');
  return insertConnection(organization.id, {
    samlEntityId: read.entityId,
    samlSsoUrl: read.ssoUrl,
    samlCertificates: read.certificates,
  });
}

async function samlRequestOf(connection: Awaited<ReturnType<typeof developmentConnection>>) {
  const requestId = await issueSsoRequest(await getDb(), {
    connectionId: connection.id,
    purpose: 'sign_in',
    browser: TEST_BROWSER,
  });
  const url = new URL(await samlSignInUrl(connection, requestId));
  expect(url.pathname).toBe('/dev/sso/saml/sign-in');
  return { requestId, samlRequest: url.searchParams.get('SAMLRequest')! };
}

it('signs in through the development IdP: its metadata makes a connection whose sign-in our ACS accepts', async () => {
  const connection = await developmentConnection();
  const { requestId, samlRequest } = await samlRequestOf(connection);
  const { acsUrl, samlResponse } = await answerDevelopmentRequest(samlRequest, ' Ada@Acme.test ');
  expect(acsUrl).toBe(`${new URL(acsUrl).origin}/api/sso/saml/${connection.id}/acs`);
  const answer = await readSamlResponse(await getDb(), connection, { SAMLResponse: samlResponse });
  expect(answer).toMatchObject({
    ok: true,
    identity: { email: 'ada@acme.test' },
    request: { id: requestId },
  });
});

it('answers no AuthnRequest whose ACS is on another server, or whose issuer is another connection', async () => {
  const connection = await developmentConnection();
  const idp = await developmentSamlIdp();
  const elsewhere = new SAML({
    entryPoint: idp.ssoUrl,
    issuer: `https://evil.example/api/sso/saml/${connection.id}`,
    callbackUrl: `https://evil.example/api/sso/saml/${connection.id}/acs`,
    idpCert: idp.keys.certificate,
  });
  const url = new URL(await elsewhere.getAuthorizeUrlAsync('', undefined, {}));
  await expect(readDevelopmentRequest(url.searchParams.get('SAMLRequest')!)).rejects.toThrow(
    /answers only this server’s SAML connections/,
  );
  await expect(answerDevelopmentRequest('not a request', 'ada@acme.test')).rejects.toThrow(
    /could not be read/,
  );
  const { samlRequest } = await samlRequestOf(connection);
  await expect(answerDevelopmentRequest(samlRequest, 'not an address')).rejects.toThrow(
    /Type an email address/,
  );
});

it('reads no AuthnRequest that declares a DOCTYPE (samlify’s validator here refuses one, and accepts the rest)', async () => {
  const idp = await developmentSamlIdp();
  const request = (prefix: string) =>
    deflateRawSync(
      `${prefix}<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_abc" Version="2.0" IssueInstant="2026-01-01T00:00:00Z" AssertionConsumerServiceURL="http://localhost:3000/acs"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">urn:sp</saml:Issuer></samlp:AuthnRequest>`,
    ).toString('base64');
  await expect(idp.readAuthnRequest(request(''))).resolves.toMatchObject({ id: '_abc', issuer: 'urn:sp' });
  // ERR_INVALID_XML is samlify's word for "the validator refused it", before its own parser reads anything.
  await expect(idp.readAuthnRequest(request('<!DOCTYPE r [<!ENTITY a "b">]>'))).rejects.toThrow(
    'ERR_INVALID_XML',
  );
});

it('never runs in production, but for a trial on this machine (a loopback public URL)', async () => {
  vi.stubEnv('NODE_ENV', 'production');
  vi.stubEnv('APP_URL', 'https://console.example.com');
  await expect(
    createSamlIdentityProvider('https://idp.test/metadata', 'https://idp.test/sso'),
  ).rejects.toThrow(/only for a trial on this machine/);
  vi.stubEnv('APP_URL', 'http://localhost:3000');
  await expect(
    createSamlIdentityProvider('https://idp.test/metadata', 'https://idp.test/sso'),
  ).resolves.toBeDefined();
});

describe('its routes', () => {
  it('answer 404 while the development pages are closed, and in production (not a trial) even when they are open', async () => {
    gate.open = false;
    expect((await metadataRoute(new Request('http://localhost:3000/dev/sso/saml/metadata'))).status).toBe(
      404,
    );
    gate.open = true;
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('APP_URL', 'https://console.example.com');
    expect((await metadataRoute(new Request('http://localhost:3000/dev/sso/saml/metadata'))).status).toBe(
      404,
    );
    const post = new Request('http://localhost:3000/dev/sso/saml/answer', {
      method: 'POST',
      body: 'email=a@b.test',
    });
    expect((await answerRoute(post)).status).toBe(404);
  });

  it('serve the metadata, and post the signed response on to the ACS (or send a mistyped address back to the form)', async () => {
    gate.open = true;
    const metadata = await metadataRoute(new Request('http://localhost:3000/dev/sso/saml/metadata'));
    expect(metadata.headers.get('content-type')).toContain('application/samlmetadata+xml');
    const connection = await developmentConnection();
    const { samlRequest } = await samlRequestOf(connection);
    const answer = (email: string) =>
      answerRoute(
        new Request('http://localhost:3000/dev/sso/saml/answer', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ SAMLRequest: samlRequest, email }),
        }),
      );
    const page = await (await answer('ada@acme.test')).text();
    expect(page).toContain(
      `<form method="post" action="${new URL(`/api/sso/saml/${connection.id}/acs`, 'http://localhost:3000').href}">`,
    );
    expect(page).toMatch(/name="SAMLResponse" value="[A-Za-z0-9+/=]+"/);
    const mistyped = await answer('ada');
    expect(mistyped.status).toBe(303);
    const back = new URL(mistyped.headers.get('location')!);
    expect(back.pathname).toBe('/dev/sso/saml/sign-in');
    expect(back.searchParams.get('problem')).toMatch(/Type an email address/);
    expect(back.searchParams.get('SAMLRequest')).toBe(samlRequest);
  });
});
