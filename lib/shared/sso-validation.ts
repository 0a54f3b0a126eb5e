// Input schemas of the SSO page's actions (app/actions/sso.ts). The domain functions (lib/sso/manage*.ts)
// read names, URLs, metadata and clients themselves (what is refused and why): what is checked here is
// that the fields are of the right kind, within the sizes the server reads at all, and that a form's
// blank optional field counts as left out.
import { z } from 'zod';
import { invitationRoleValues } from '@/db/values';
import {
  MAX_OIDC_CLIENT_ID,
  MAX_OIDC_CLIENT_SECRET,
  MAX_SAML_METADATA_BYTES,
  MAX_SSO_CONNECTION_NAME,
  MAX_SSO_URL,
} from './limits';

const id = z.uuid({ message: 'Not a valid id.' });

/**
 * The refusals the SSO forms can show under a field, by code. The schemas answer them in English (what
 * their tests and logs read); the actions say them in the reader's language (the catalogs'
 * sso.validation.<code>, with ssoInputLimits: app/_lib/validation-text.ts).
 */
export const ssoInputMessages = {
  nameTooLong: `A connection’s name has at most ${MAX_SSO_CONNECTION_NAME} characters.`,
  metadataUrlTooLong: `A metadata URL has at most ${MAX_SSO_URL.toLocaleString('en-US')} characters.`,
  metadataTooLarge: 'A metadata file has at most 1 MB.',
  issuerTooLong: `An issuer URL has at most ${MAX_SSO_URL.toLocaleString('en-US')} characters.`,
  clientIdTooLong: `A client ID has at most ${MAX_OIDC_CLIENT_ID} characters.`,
  clientSecretTooLong: `A client secret has at most ${MAX_OIDC_CLIENT_SECRET.toLocaleString('en-US')} characters.`,
} as const;

export type SsoInputCode = keyof typeof ssoInputMessages;

/** The limit each refusal tells (the metadata file's, 1 MB, is in its words). */
export const ssoInputLimits: Record<SsoInputCode, number> = {
  nameTooLong: MAX_SSO_CONNECTION_NAME,
  metadataUrlTooLong: MAX_SSO_URL,
  metadataTooLarge: 1,
  issuerTooLong: MAX_SSO_URL,
  clientIdTooLong: MAX_OIDC_CLIENT_ID,
  clientSecretTooLong: MAX_OIDC_CLIENT_SECRET,
};

/** A form's text field: over `max` characters is refused with `tooLong`. */
const text = (max: number, tooLong: string) => z.string().max(max, tooLong);

const name = text(MAX_SSO_CONNECTION_NAME, ssoInputMessages.nameTooLong);
const metadataXml = text(MAX_SAML_METADATA_BYTES, ssoInputMessages.metadataTooLarge);

/** SAML metadata: its URL or its file's text (a blank one is left out). */
const metadata = {
  metadataUrl: text(MAX_SSO_URL, ssoInputMessages.metadataUrlTooLong).optional(),
  metadataXml: metadataXml.optional(),
};

export const addSamlConnectionSchema = z.object({ organizationId: id, name, ...metadata });

const oidcClient = {
  issuer: text(MAX_SSO_URL, ssoInputMessages.issuerTooLong),
  clientId: text(MAX_OIDC_CLIENT_ID, ssoInputMessages.clientIdTooLong),
  clientSecret: text(MAX_OIDC_CLIENT_SECRET, ssoInputMessages.clientSecretTooLong),
};

export const addOidcConnectionSchema = z.object({ organizationId: id, name, ...oidcClient });

export const connectionIdSchema = z.object({ organizationId: id, connectionId: id });

export const updateConnectionSchema = z.object({
  organizationId: id,
  connectionId: id,
  name: name.optional(),
  enabled: z.boolean().optional(),
  defaultRole: z
    .enum(invitationRoleValues, { message: 'People who join through a connection join as Member or Admin.' })
    .optional(),
  justInTime: z.boolean().optional(),
  allowIdpInitiated: z.boolean().optional(),
});

export const refreshSamlMetadataSchema = z.object({ organizationId: id, connectionId: id, ...metadata });

export const updateOidcClientSchema = z.object({
  organizationId: id,
  connectionId: id,
  ...oidcClient,
  clientSecret: oidcClient.clientSecret.optional(),
});

export const requireSsoSchema = z.object({ organizationId: id, on: z.boolean() });

export const breakGlassSchema = z.object({ organizationId: id, membershipId: id, on: z.boolean() });
