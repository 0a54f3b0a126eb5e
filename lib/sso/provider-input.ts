// What the SSO page's forms say about an identity provider, read and checked before any change: SAML
// metadata (fetched from its URL or uploaded as a file) by the SAML helper's parser, an OpenID issuer by
// its discovery document. Both reach out over the network, so they run before the change's transaction,
// after the actor's right was checked (nobody else makes this server fetch), and only so often an hour.
import 'server-only';
import { requireConsoleAccess } from '../access';
import { now } from '../clock';
import { allow } from '../rate-limit';
import type { Actor } from '../shared/actor';
import { fail, refuse, type ErrorDetailKey } from '../shared/errors';
import {
  MAX_OIDC_CLIENT_ID,
  MAX_OIDC_CLIENT_SECRET,
  MAX_SAML_METADATA_BYTES,
  MAX_SSO_URL,
  SSO_PROVIDER_CHECKS_PER_HOUR,
} from '../shared/limits';
import { OidcSetupError, checkOidcIssuer } from './oidc/discovery';
import { SamlMetadataError, fetchSamlMetadata, parseSamlMetadata } from './saml/metadata';

const HOUR_MS = 60 * 60 * 1000;

/** Where SAML metadata comes from: its URL, or the file's text. */
export type MetadataSource = { metadataUrl: string } | { metadataXml: string };

export interface SamlSettings {
  samlEntityId: string;
  samlSsoUrl: string;
  samlCertificates: string[];
  /** The URL it was read from; null for a file. */
  samlMetadataUrl: string | null;
}

/**
 * Checks that the actor may manage SSO in the organization and may make the server reach an identity
 * provider now: at most SSO_PROVIDER_CHECKS_PER_HOUR an hour per organization (each fetch is the
 * server's own request to an address the Owner typed).
 */
export async function allowProviderCheck(actor: Actor, organizationId: string): Promise<void> {
  const { db } = await requireConsoleAccess(actor, organizationId, 'sso:manage');
  if (!(await allow(db, `sso:provider:${organizationId}`, SSO_PROVIDER_CHECKS_PER_HOUR, now(), HOUR_MS)))
    fail('RATE_LIMITED');
}

/** A field's refusals: its English sentences and their keys in the catalogs (`errors.detail`). */
function text(
  value: unknown,
  max: number,
  empty: [message: string, key: ErrorDetailKey],
  tooLong: [message: string, key: ErrorDetailKey],
): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (!trimmed) refuse('INVALID_INPUT', { message: empty[0], detail: { key: empty[1] } });
  if (trimmed.length > max)
    refuse('INVALID_INPUT', { message: tooLong[0], detail: { key: tooLong[1], values: { max } } });
  return trimmed;
}

/** The SAML helper's refusal, said with its own sentence; anything else goes on as it is. */
function metadataRefusal(error: unknown): never {
  if (error instanceof SamlMetadataError) fail('SSO_METADATA_INVALID', error.message);
  throw error;
}

/** The identity provider's SAML settings from `source`, or SSO_METADATA_INVALID saying what is wrong. */
export async function readSamlMetadata(source: MetadataSource): Promise<SamlSettings> {
  let xml: string;
  let url: string | null = null;
  if ('metadataUrl' in source && source.metadataUrl !== undefined) {
    url = text(
      source.metadataUrl,
      MAX_SSO_URL,
      [
        'Enter the metadata URL your identity provider shows, or upload its metadata file.',
        'ssoMetadataUrlRequired',
      ],
      [
        `A metadata URL has at most ${MAX_SSO_URL.toLocaleString('en-US')} characters.`,
        'ssoMetadataUrlTooLong',
      ],
    );
    xml = await fetchSamlMetadata(url).catch(metadataRefusal);
  } else {
    const given = 'metadataXml' in source ? source.metadataXml : undefined;
    xml = typeof given === 'string' ? given : '';
    if (!xml.trim())
      refuse('INVALID_INPUT', {
        message: 'Upload the metadata file your identity provider gives you.',
        detail: { key: 'ssoMetadataFileRequired' },
      });
    if (Buffer.byteLength(xml, 'utf8') > MAX_SAML_METADATA_BYTES)
      refuse('INVALID_INPUT', {
        message: 'A metadata file has at most 1 MB. Upload the metadata of one identity provider.',
        detail: { key: 'ssoMetadataFileTooLarge' },
      });
  }
  let parsed: ReturnType<typeof parseSamlMetadata>;
  try {
    parsed = parseSamlMetadata(xml);
  } catch (error) {
    metadataRefusal(error);
  }
  // The parser refuses metadata without these, each with its sentence; this holds whatever it answers.
  const certificates = parsed.certificates;
  if (!parsed.entityId || !parsed.ssoUrl || certificates.length === 0) fail('SSO_METADATA_INVALID');
  return {
    samlEntityId: parsed.entityId,
    samlSsoUrl: parsed.ssoUrl,
    samlCertificates: certificates,
    samlMetadataUrl: url,
  };
}

export interface OidcClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** An OpenID client as typed, each part present and within its size. */
export function readOidcClient(input: {
  issuer: unknown;
  clientId: unknown;
  clientSecret: unknown;
}): OidcClient {
  return {
    issuer: text(
      input.issuer,
      MAX_SSO_URL,
      ['Enter the issuer URL, such as https://acme.okta.com.', 'ssoIssuerRequired'],
      [`An issuer URL has at most ${MAX_SSO_URL.toLocaleString('en-US')} characters.`, 'ssoIssuerTooLong'],
    ),
    clientId: text(
      input.clientId,
      MAX_OIDC_CLIENT_ID,
      ['Enter the client ID your identity provider gave the application.', 'ssoClientIdRequired'],
      [`A client ID has at most ${MAX_OIDC_CLIENT_ID} characters.`, 'ssoClientIdTooLong'],
    ),
    clientSecret: text(
      input.clientSecret,
      MAX_OIDC_CLIENT_SECRET,
      ['Enter the client secret your identity provider gave the application.', 'ssoClientSecretRequired'],
      [
        `A client secret has at most ${MAX_OIDC_CLIENT_SECRET.toLocaleString('en-US')} characters.`,
        'ssoClientSecretTooLong',
      ],
    ),
  };
}

/** Asks the issuer's discovery document (the OIDC helper's check), or SSO_PROVIDER_UNREACHABLE saying why. */
export async function checkOidcClient(client: OidcClient): Promise<void> {
  try {
    await checkOidcIssuer(client.issuer, client.clientId, client.clientSecret);
  } catch (error) {
    if (error instanceof OidcSetupError) fail('SSO_PROVIDER_UNREACHABLE', error.message);
    throw error;
  }
}
