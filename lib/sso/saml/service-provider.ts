// Our side of a connection as SAML metadata, for the Owner to give their identity provider: our entity
// ID, the ACS where responses are posted, the NameID we ask for (an email address), and that assertions
// must be signed. Served at the entity ID's own address (app/api/sso/saml/[connection]/route.ts).
import { generateServiceProviderMetadata } from '@node-saml/node-saml';
import type { SsoConnection } from '../types';
import { EMAIL_NAME_ID_FORMAT } from './options';
import { samlAcsUrl, samlEntityId } from '../urls';

export function serviceProviderMetadata(connection: SsoConnection): string {
  return generateServiceProviderMetadata({
    issuer: samlEntityId(connection.id),
    callbackUrl: samlAcsUrl(connection.id),
    identifierFormat: EMAIL_NAME_ID_FORMAT,
    wantAssertionsSigned: true,
  });
}
