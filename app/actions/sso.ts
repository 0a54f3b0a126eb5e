'use server';
// Server actions for enterprise sign-in (DESIGN §11): an organization's SSO connections, Test connection,
// Require SSO and its break-glass Owners. Each answers `{ ok: true, data } | { ok: false, error: { code,
// message, details? } }` (see ./result.ts). Owners only; Admins see the page.
import {
  addOidcConnection,
  addSamlConnection,
  refreshSamlMetadata,
  removeConnection,
  setBreakGlass,
  setRequireSso,
  updateConnection,
  updateOidcClient,
} from '@/lib/sso/manage';
import {
  addOidcConnectionSchema,
  addSamlConnectionSchema,
  breakGlassSchema,
  connectionIdSchema,
  refreshSamlMetadataSchema,
  requireSsoSchema,
  updateConnectionSchema,
  updateOidcClientSchema,
} from '@/lib/shared/sso-validation';
import { ssoBrowser } from '@/app/_lib/sso-browser';
import { startConnectionTest } from '@/lib/sso/test-start';
import { defineAction, type Revalidation } from './result';

const ssoPage: Revalidation = ['/admin/[org]/sso', 'page'];

/**
 * Adds a SAML connection, turned off, from the identity provider's metadata. Input: `{ organizationId,
 * name, metadataUrl }` (fetched by the server now) or `{ organizationId, name, metadataXml }` (the file's
 * text, at most 1 MB). Output: the connection's view, with the ACS URL, entity ID and metadata URL to
 * paste into the provider. Refused: metadata that is not an identity provider's, more than 5 connections,
 * past 30 fetches an hour. Who: Owners.
 */
export const addSamlConnectionAction = defineAction({
  input: addSamlConnectionSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'SSO_METADATA_INVALID', 'SSO_CONNECTION_LIMIT', 'RATE_LIMITED'],
  run: (actor, { organizationId, ...input }) => addSamlConnection(actor, organizationId, input),
  revalidate: [ssoPage],
});

/**
 * Adds an OpenID Connect connection, turned off, once the issuer's discovery document answered. Input:
 * `{ organizationId, name, issuer, clientId, clientSecret }`. Output: the connection's view (the secret is
 * sealed and never returned; the view says it is set), with the redirect URI to register. Refused: an
 * issuer that does not answer as one, more than 5 connections, past 30 checks an hour. Who: Owners.
 */
export const addOidcConnectionAction = defineAction({
  input: addOidcConnectionSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'SSO_PROVIDER_UNREACHABLE', 'SSO_CONNECTION_LIMIT', 'RATE_LIMITED'],
  run: (actor, { organizationId, ...input }) => addOidcConnection(actor, organizationId, input),
  revalidate: [ssoPage],
});

/**
 * Changes a connection's settings; what is left out stays. Input: `{ organizationId, connectionId, name?,
 * enabled?, defaultRole?: 'member' | 'admin', justInTime?, allowIdpInitiated? }` (the last: SAML only).
 * Output: the connection's view. Turning it on needs a verified domain and no other connection on (the
 * refusal names it); turning it off is refused while Require SSO is on. Who: Owners.
 */
export const updateConnectionAction = defineAction({
  input: updateConnectionSchema,
  errors: [
    'NOT_FOUND',
    'FORBIDDEN',
    'SSO_CONNECTION_NOT_FOUND',
    'SSO_NOT_SAML',
    'SSO_ANOTHER_ENABLED',
    'SSO_NO_VERIFIED_DOMAIN',
    'SSO_REQUIRED',
  ],
  run: (actor, { organizationId, connectionId, ...settings }) =>
    updateConnection(actor, organizationId, connectionId, settings),
  revalidate: [ssoPage],
});

/**
 * Reads a SAML connection's metadata again (a rotated certificate): from `metadataUrl` or `metadataXml`
 * when given, else from the URL it was read from. Input: `{ organizationId, connectionId, metadataUrl?,
 * metadataXml? }`. Output: `{ connection, changed }`. A change clears the passed test. Who: Owners.
 */
export const refreshSamlMetadataAction = defineAction({
  input: refreshSamlMetadataSchema,
  errors: [
    'NOT_FOUND',
    'FORBIDDEN',
    'SSO_CONNECTION_NOT_FOUND',
    'SSO_NOT_SAML',
    'SSO_METADATA_INVALID',
    'RATE_LIMITED',
  ],
  run: (actor, { organizationId, connectionId, ...source }) =>
    refreshSamlMetadata(actor, organizationId, connectionId, source),
  revalidate: [ssoPage],
});

/**
 * Replaces an OpenID Connect connection's issuer and client. Input: `{ organizationId, connectionId,
 * issuer, clientId, clientSecret? }` (a blank secret keeps the one set). Output: `{ connection, changed }`.
 * Checked against the issuer first; a change clears the passed test. Who: Owners.
 */
export const updateOidcClientAction = defineAction({
  input: updateOidcClientSchema,
  errors: [
    'NOT_FOUND',
    'FORBIDDEN',
    'SSO_CONNECTION_NOT_FOUND',
    'SSO_NOT_OIDC',
    'SSO_PROVIDER_UNREACHABLE',
    'RATE_LIMITED',
  ],
  run: (actor, { organizationId, connectionId, ...client }) =>
    updateOidcClient(actor, organizationId, connectionId, client),
  revalidate: [ssoPage],
});

/**
 * Removes a connection. Input: `{ organizationId, connectionId }`. Refused for the connection turned on
 * while Require SSO is on. Who: Owners.
 */
export const removeConnectionAction = defineAction({
  input: connectionIdSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'SSO_CONNECTION_NOT_FOUND', 'SSO_REQUIRED'],
  run: (actor, { organizationId, connectionId }) => removeConnection(actor, organizationId, connectionId),
  revalidate: [ssoPage],
});

/**
 * Turns Require SSO on or off. Input: `{ organizationId, on }`. Output: `{ requireSso, sessionsEnded }`.
 * On needs a connection turned on whose current settings passed Test connection, and a verified domain;
 * it ends the email-link sessions of the members at the verified domains, break-glass Owners' excepted.
 * Who: Owners.
 */
export const setRequireSsoAction = defineAction({
  input: requireSsoSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'SSO_NO_ENABLED_CONNECTION', 'SSO_NOT_TESTED', 'SSO_NO_VERIFIED_DOMAIN'],
  run: (actor, { organizationId, on }) => setRequireSso(actor, organizationId, on),
  revalidate: [ssoPage],
});

/**
 * Names an Owner break-glass (keeps the email link under Require SSO), or no longer. Input:
 * `{ organizationId, membershipId, on }`. Output: `{ membershipId, breakGlass }`. Only Owners can be
 * named. Who: Owners.
 */
export const setBreakGlassAction = defineAction({
  input: breakGlassSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'NOT_A_MEMBER', 'SSO_BREAK_GLASS_OWNER'],
  run: (actor, { organizationId, membershipId, on }) =>
    setBreakGlass(actor, organizationId, membershipId, on),
  revalidate: [ssoPage],
});

/**
 * Starts Test connection: a sign-in round trip through the identity provider that signs nobody in. Input:
 * `{ organizationId, connectionId }`. Output: `{ url }`, the provider's address for the browser to go to
 * (`window.location = url`: another origin); the browser gets its SSO cookie, which the answer must come
 * back with. The provider sends the Owner back to the SSO page, which shows what it sent. Counted with
 * the organization's 30 provider requests an hour. Who: Owners.
 */
export const testConnectionAction = defineAction({
  input: connectionIdSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'SSO_CONNECTION_NOT_FOUND', 'RATE_LIMITED'],
  run: async (actor, { organizationId, connectionId }) =>
    startConnectionTest(actor, organizationId, connectionId, await ssoBrowser()),
});
