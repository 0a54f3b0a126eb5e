// OpenID Connect connections (Owners): added with the provider's issuer and the client registered there,
// once the issuer's discovery document answered; the client replaced the same way. The secret is sealed
// (lib/sealed.ts) and never leaves the server again: the page only says that one is set.
import 'server-only';
import type { Actor } from '../shared/actor';
import { fail, refuse } from '../shared/errors';
import { seal, unseal } from '../sealed';
import { changeProvider, insertConnection, providerOf } from './changes';
import { connectionName } from './locked';
import { allowProviderCheck, checkOidcClient, readOidcClient } from './provider-input';
import type { SsoConnectionView } from './view';

const SECRET = 'sso client secret';

/**
 * Adds an OpenID Connect connection, turned off, once its issuer's discovery document answered. Refused:
 * an issuer that does not answer as one (SSO_PROVIDER_UNREACHABLE, saying why), more than
 * MAX_SSO_CONNECTIONS. Owners.
 */
export async function addOidcConnection(
  actor: Actor,
  organizationId: string,
  input: { name: string; issuer: string; clientId: string; clientSecret: string },
): Promise<SsoConnectionView> {
  const name = connectionName(input.name);
  const client = readOidcClient(input);
  await allowProviderCheck(actor, organizationId);
  await checkOidcClient(client);
  return insertConnection(actor, organizationId, {
    protocol: 'oidc',
    name,
    oidcIssuer: client.issuer,
    oidcClientId: client.clientId,
    oidcClientSecret: seal(client.clientSecret, SECRET),
  });
}

/**
 * Replaces an OpenID Connect connection's issuer and client; a blank `clientSecret` keeps the secret it
 * has. Checked against the issuer's discovery document first; any change clears the passed test. Owners.
 */
export async function updateOidcClient(
  actor: Actor,
  organizationId: string,
  connectionId: string,
  input: { issuer: string; clientId: string; clientSecret?: string },
): Promise<{ connection: SsoConnectionView; changed: boolean }> {
  await allowProviderCheck(actor, organizationId);
  const current = await providerOf(organizationId, connectionId);
  if (current.protocol !== 'oidc') fail('SSO_NOT_OIDC');
  const newSecret = typeof input.clientSecret === 'string' && input.clientSecret.trim() !== '';
  const kept = current.oidcClientSecret ? unseal(current.oidcClientSecret, SECRET) : null;
  // A secret sealed under another AUTH_SECRET cannot be opened: it must be typed again.
  if (!newSecret && kept === null)
    refuse('INVALID_INPUT', {
      message: 'Enter the client secret again.',
      detail: { key: 'ssoClientSecretAgain' },
    });
  const client = readOidcClient({ ...input, clientSecret: newSecret ? input.clientSecret : kept });
  await checkOidcClient(client);
  return changeProvider(actor, organizationId, connectionId, (row) => {
    const said: string[] = [];
    if (client.issuer !== row.oidcIssuer) said.push('its issuer changed');
    if (client.clientId !== row.oidcClientId) said.push('its client ID changed');
    if (newSecret && client.clientSecret !== kept) said.push('its client secret was replaced');
    return {
      set: {
        oidcIssuer: client.issuer,
        oidcClientId: client.clientId,
        ...(newSecret ? { oidcClientSecret: seal(client.clientSecret, SECRET) } : {}),
      },
      said,
      retest: true,
    };
  });
}
