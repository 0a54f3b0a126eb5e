// A SAML connection against the samlify identity provider (lib/sso/development/saml-idp.ts), made straight
// in the database, and the sign-in round trip a browser would make: our AuthnRequest, read by the IdP,
// answered with a response to post to our ACS.
import { getDb } from '@/db/client';
import type { ssoConnections, SsoConnection } from '@/db/schema';
import {
  createSamlIdentityProvider,
  type SamlIdentityProvider,
  type SamlAnswer,
} from '@/lib/sso/development/saml-idp';
import { normalizeCertificate } from '@/lib/sso/certificates';
import { issueSsoRequest, type NewSsoRequest } from '@/lib/sso/requests';
import { samlSignInUrl } from '@/lib/sso/saml/sign-in';
import { createOrganizationWithOwner } from './factories';
import { insertConnection, TEST_BROWSER } from './sso';

let shared: Promise<SamlIdentityProvider> | undefined;

/** One identity provider per test file (its key takes a moment to make). */
export function testIdentityProvider(): Promise<SamlIdentityProvider> {
  shared ??= createSamlIdentityProvider('https://idp.example.test/metadata', 'https://idp.example.test/sso');
  return shared;
}

export async function samlConnection(
  idp: SamlIdentityProvider,
  values: Partial<typeof ssoConnections.$inferInsert> = {},
): Promise<SsoConnection> {
  const organizationId = values.organizationId ?? (await createOrganizationWithOwner('Acme')).organization.id;
  return insertConnection(organizationId, {
    samlEntityId: idp.entityId,
    samlSsoUrl: idp.ssoUrl,
    samlCertificates: [normalizeCertificate(idp.keys.certificate)!],
    ...values,
  });
}

/** Starts a sign-in on `connection` and has `idp` answer it: the form our ACS receives. */
export async function signInAnswer(
  idp: SamlIdentityProvider,
  connection: SsoConnection,
  answer: Partial<SamlAnswer> = {},
  issued: Partial<NewSsoRequest> = {},
): Promise<{ requestId: string; form: { SAMLResponse: string } }> {
  const db = await getDb();
  const requestId = await issueSsoRequest(db, {
    connectionId: connection.id,
    purpose: 'sign_in',
    browser: TEST_BROWSER,
    ...issued,
  });
  const url = new URL(await samlSignInUrl(connection, requestId));
  const request = await idp.readAuthnRequest(url.searchParams.get('SAMLRequest')!);
  const SAMLResponse = idp.answer({
    inResponseTo: request.id,
    acsUrl: request.acsUrl!,
    audience: request.issuer!,
    nameId: 'ada@acme.test',
    ...answer,
  });
  return { requestId, form: { SAMLResponse } };
}
