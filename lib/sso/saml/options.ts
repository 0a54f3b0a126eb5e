// How node-saml is set up for one connection: our entity ID and ACS URL (lib/sso/urls.ts), the identity
// provider's sign-in URL and certificates. Shared by the AuthnRequest, the response check and our metadata.
import type { SamlConfig } from '@node-saml/node-saml';
import type { SsoConnection } from '../types';
import { samlAcsUrl, samlEntityId } from '../urls';

/** How far the identity provider's clock may be from ours (DESIGN §11: at most 2 minutes). */
export const SAML_CLOCK_SKEW_MS = 2 * 60_000;

export const EMAIL_NAME_ID_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

export function samlOptions(connection: SsoConnection, overrides: Partial<SamlConfig> = {}): SamlConfig {
  return {
    issuer: samlEntityId(connection.id),
    audience: samlEntityId(connection.id),
    callbackUrl: samlAcsUrl(connection.id),
    entryPoint: connection.samlSsoUrl ?? undefined,
    idpCert: connection.samlCertificates,
    identifierFormat: EMAIL_NAME_ID_FORMAT,
    // Entra refuses a request that asks for password authentication "exactly" once the person used MFA.
    disableRequestedAuthnContext: true,
    acceptedClockSkewMs: SAML_CLOCK_SKEW_MS,
    // Either signature suffices (the point 4); node-saml then requires at least one to verify.
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    ...overrides,
  };
}
