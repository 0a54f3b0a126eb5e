// The addresses this server gives identity providers, under the one public URL. The SAML entity ID is
// the metadata's own address (a common convention: Okta and Entra accept any URI).
import { publicUrl } from '../config';

/** The SAML entity ID of our side of `connectionId`, which is also where its metadata is served. */
export function samlEntityId(connectionId: string): string {
  return `${publicUrl()}/api/sso/saml/${connectionId}`;
}

/** Where the identity provider posts its SAML response (the Assertion Consumer Service). */
export function samlAcsUrl(connectionId: string): string {
  return `${publicUrl()}/api/sso/saml/${connectionId}/acs`;
}

/** Our SAML metadata for `connectionId` (the same address as the entity ID). */
export function samlMetadataUrl(connectionId: string): string {
  return samlEntityId(connectionId);
}

/** Where the OpenID provider sends the browser back with its code (the redirect URI to register). */
export function oidcRedirectUrl(connectionId: string): string {
  return `${publicUrl()}/api/sso/oidc/${connectionId}/callback`;
}
