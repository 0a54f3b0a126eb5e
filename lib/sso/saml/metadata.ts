// An identity provider's SAML metadata, from a file an Owner uploaded or from its URL: who it is, where
// to send people to sign in, and the certificates its signatures must verify against. Every refusal is
// a sentence for the Owner (SamlMetadataError); what is fetched is capped (lib/http/outbound.ts).
import { now } from '../../clock';
import { fetchText, OutboundFetchError, outboundPolicy } from '../../http/outbound';
import { describeCertificate, MAX_CERTIFICATES, normalizeCertificate } from '../certificates';
import {
  childElements,
  descendantElements,
  parseStrictXml,
  SAML_METADATA_NS,
  textOf,
  UnsafeXmlError,
  XMLDSIG_NS,
} from './xml';
import { MAX_SAML_METADATA_BYTES } from '../../shared/limits';

/** Metadata larger than this is refused (real ones are a few kilobytes; federation aggregates are not ours). */
export const SAML_METADATA_MAX_BYTES = MAX_SAML_METADATA_BYTES;

const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

/** Metadata the console cannot use; the message says why, to the Owner. */
export class SamlMetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SamlMetadataError';
  }
}

export interface SamlIdentityProvider {
  entityId: string;
  /** Its SingleSignOnService: the HTTP-Redirect binding's location, else the HTTP-POST one's. */
  ssoUrl: string;
  /** Its signing certificates as PEM, at most MAX_CERTIFICATES (expired ones too: the page warns). */
  certificates: string[];
}

/** Reads an identity provider's metadata; throws SamlMetadataError with a sentence for the Owner. */
export function parseSamlMetadata(xml: string): SamlIdentityProvider {
  if (Buffer.byteLength(xml, 'utf8') > SAML_METADATA_MAX_BYTES) {
    throw new SamlMetadataError(
      'The metadata is larger than 1 MB; an identity provider’s metadata is a few kilobytes.',
    );
  }
  const entity = theEntityDescriptor(readDocument(xml));
  const entityId = entity.getAttribute('entityID')?.trim();
  if (!entityId)
    throw new SamlMetadataError('The metadata names no entity ID (the entityID attribute is missing).');
  const [provider, ...others] = childElements(entity, SAML_METADATA_NS, 'IDPSSODescriptor');
  if (!provider) {
    const isServiceProvider = childElements(entity, SAML_METADATA_NS, 'SPSSODescriptor').length > 0;
    throw new SamlMetadataError(
      isServiceProvider
        ? 'This is a service provider’s metadata. Upload the metadata of your identity provider (Okta, Entra ID, …).'
        : 'This metadata describes no identity provider (it has no IDPSSODescriptor).',
    );
  }
  if (others.length > 0)
    throw new SamlMetadataError('The metadata describes more than one identity provider role.');
  return { entityId, ssoUrl: singleSignOnUrl(provider), certificates: signingCertificates(provider) };
}

function readDocument(xml: string): Document {
  try {
    return parseStrictXml(xml.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (!(error instanceof UnsafeXmlError)) throw error;
    throw new SamlMetadataError(
      /document type/.test(error.message)
        ? 'The metadata declares a DOCTYPE, which SAML metadata never needs; it is refused for safety.'
        : 'The metadata is not well-formed XML.',
    );
  }
}

/** The one EntityDescriptor: the root, or the only one inside an EntitiesDescriptor. */
function theEntityDescriptor(document: Document): Element {
  const root = document.documentElement;
  const all = descendantElements(document, SAML_METADATA_NS, 'EntityDescriptor');
  if (all.length > 1) {
    throw new SamlMetadataError(
      'The metadata describes several entities; upload the metadata of your one identity provider.',
    );
  }
  const inside =
    root.namespaceURI === SAML_METADATA_NS &&
    ['EntityDescriptor', 'EntitiesDescriptor'].includes(root.localName);
  if (!inside || all.length === 0)
    throw new SamlMetadataError('This is not SAML metadata (no EntityDescriptor).');
  return all[0];
}

function singleSignOnUrl(provider: Element): string {
  const services = childElements(provider, SAML_METADATA_NS, 'SingleSignOnService');
  const chosen =
    services.find((service) => service.getAttribute('Binding') === REDIRECT_BINDING) ??
    services.find((service) => service.getAttribute('Binding') === POST_BINDING);
  const location = chosen?.getAttribute('Location')?.trim();
  if (!location) {
    throw new SamlMetadataError(
      'The metadata has no sign-in address (a SingleSignOnService with the HTTP-Redirect or HTTP-POST binding).',
    );
  }
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new SamlMetadataError(
      `The sign-in address in the metadata is not a URL: ${location.slice(0, 200)}`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SamlMetadataError('The sign-in address in the metadata must start with https://.');
  }
  return url.href;
}

/**
 * The certificates of the role's signing keys (a KeyDescriptor with use="signing" or no use), once each.
 * More than MAX_CERTIFICATES: the ones still valid come first, in document order.
 */
function signingCertificates(provider: Element): string[] {
  const pems = new Set<string>();
  for (const key of childElements(provider, SAML_METADATA_NS, 'KeyDescriptor')) {
    const use = key.getAttribute('use');
    if (use && use !== 'signing') continue;
    for (const element of descendantElements(key, XMLDSIG_NS, 'X509Certificate')) {
      const pem = normalizeCertificate(textOf(element));
      if (!pem) throw new SamlMetadataError('A signing certificate in the metadata could not be read.');
      pems.add(pem);
    }
  }
  if (pems.size === 0) throw new SamlMetadataError('The metadata has no signing certificate.');
  const at = now().getTime();
  const expired = (pem: string) => (describeCertificate(pem)?.notAfter.getTime() ?? 0) <= at;
  return [...pems].sort((a, b) => Number(expired(a)) - Number(expired(b))).slice(0, MAX_CERTIFICATES);
}

/** How long the identity provider has to send its metadata. */
export const SAML_METADATA_TIMEOUT_MS = 5_000;

/**
 * GETs the metadata at `url` from the server: within SAML_METADATA_TIMEOUT_MS and SAML_METADATA_MAX_BYTES,
 * redirects only within its origin (at most 3), https and public addresses only in production. The text
 * is then read by parseSamlMetadata. Throws SamlMetadataError.
 */
export async function fetchSamlMetadata(url: string, limits: { timeoutMs?: number } = {}): Promise<string> {
  try {
    const policy = outboundPolicy({
      maxBytes: SAML_METADATA_MAX_BYTES,
      timeoutMs: limits.timeoutMs ?? SAML_METADATA_TIMEOUT_MS,
    });
    return await fetchText(url, policy, {
      maxRedirects: 3,
      accept: 'application/samlmetadata+xml, application/xml, text/xml',
    });
  } catch (error) {
    if (error instanceof OutboundFetchError) {
      throw new SamlMetadataError(`The metadata could not be fetched: ${lowerFirst(error.message)}`);
    }
    throw error;
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
