// SAML connections (Owners): added from the identity provider's metadata, by URL or file, and that
// metadata read again when the provider rotates its signing certificate (Replace metadata).
import 'server-only';
import type { SsoConnection } from '@/db/schema';
import type { Actor } from '../shared/actor';
import { fail, refuse } from '../shared/errors';
import { describeCertificate } from './certificates';
import { changeProvider, insertConnection, providerOf } from './changes';
import { connectionName } from './locked';
import {
  allowProviderCheck,
  readSamlMetadata,
  type MetadataSource,
  type SamlSettings,
} from './provider-input';
import type { SsoConnectionView } from './view';

/** Metadata as the forms send it: a URL, or the file's text; the URL wins when both are given. */
export type MetadataInput = Partial<{ metadataUrl: string; metadataXml: string }>;

function sourceOf(input: MetadataInput): MetadataSource {
  return typeof input.metadataUrl === 'string' && input.metadataUrl.trim()
    ? { metadataUrl: input.metadataUrl }
    : { metadataXml: input.metadataXml ?? '' };
}

/**
 * Adds a SAML connection, turned off, from the identity provider's metadata: by URL (fetched now, and
 * again on Replace metadata) or the file's text. Refused: metadata that is not an identity provider's
 * (its entity ID, sign-in URL and a signing certificate), more than MAX_SSO_CONNECTIONS. Owners.
 */
export async function addSamlConnection(
  actor: Actor,
  organizationId: string,
  input: { name: string } & MetadataInput,
): Promise<SsoConnectionView> {
  const name = connectionName(input.name);
  await allowProviderCheck(actor, organizationId);
  const saml = await readSamlMetadata(sourceOf(input));
  return insertConnection(actor, organizationId, { protocol: 'saml', name, ...saml });
}

/** What reading the metadata again changed, in Activity's words. */
function metadataChanges(row: SsoConnection, saml: SamlSettings): string[] {
  const said: string[] = [];
  if (saml.samlEntityId !== row.samlEntityId) said.push('its identity provider’s entity ID changed');
  if (saml.samlSsoUrl !== row.samlSsoUrl) said.push('its sign-in URL changed');
  if ([...saml.samlCertificates].sort().join() !== [...row.samlCertificates].sort().join())
    said.push('its signing certificates changed');
  return said;
}

/**
 * Reads a SAML connection's metadata again (a rotated certificate): from `source` (a new URL or file),
 * else from the URL it was read from. A change of entity ID, sign-in URL or certificates clears the
 * passed test; the same metadata from the same place changes nothing (`changed` false). Owners.
 */
export async function refreshSamlMetadata(
  actor: Actor,
  organizationId: string,
  connectionId: string,
  source: MetadataInput = {},
): Promise<{ connection: SsoConnectionView; changed: boolean }> {
  await allowProviderCheck(actor, organizationId);
  const current = await providerOf(organizationId, connectionId);
  if (current.protocol !== 'saml') fail('SSO_NOT_SAML');
  const given = Boolean(source.metadataUrl?.trim() || source.metadataXml?.trim());
  if (!given && !current.samlMetadataUrl)
    refuse('INVALID_INPUT', {
      message: 'This connection’s metadata was uploaded as a file: upload the new file.',
      detail: { key: 'ssoMetadataWasFile' },
    });
  const saml = await readSamlMetadata(
    given ? sourceOf(source) : { metadataUrl: current.samlMetadataUrl ?? '' },
  );
  const fingerprints = new Set(saml.samlCertificates.map((pem) => describeCertificate(pem)?.fingerprint));
  return changeProvider(actor, organizationId, connectionId, (row) => {
    const said = metadataChanges(row, saml);
    const retest = said.length > 0;
    if (saml.samlMetadataUrl !== row.samlMetadataUrl)
      said.push(
        saml.samlMetadataUrl ? 'its metadata is now read from a new URL' : 'its metadata is now a file',
      );
    return {
      // The expiry emails already sent stay sent for the certificates that stay.
      set: { ...saml, expiryWarned: row.expiryWarned.filter((fingerprint) => fingerprints.has(fingerprint)) },
      said,
      retest,
    };
  });
}
