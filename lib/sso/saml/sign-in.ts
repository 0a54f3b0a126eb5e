// Sending a person to the identity provider (SP-initiated sign-in): an AuthnRequest on the HTTP-Redirect
// binding, whose ID is the request this server recorded (lib/sso/requests.ts), so that the response can
// be matched to it and taken once.
import { SAML } from '@node-saml/node-saml';
import type { SsoConnection } from '../types';
import { samlOptions } from './options';

/** The identity provider's sign-in URL carrying a deflated, base64 AuthnRequest whose ID is `requestId`. */
export async function samlSignInUrl(connection: SsoConnection, requestId: string): Promise<string> {
  if (connection.protocol !== 'saml' || !connection.samlSsoUrl) {
    throw new Error(`Connection ${connection.id} has no SAML sign-in URL.`);
  }
  const saml = new SAML(samlOptions(connection, { generateUniqueId: () => requestId }));
  return saml.getAuthorizeUrlAsync('', undefined, {});
}
