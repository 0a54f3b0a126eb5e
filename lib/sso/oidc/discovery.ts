// An OpenID provider, as its discovery document (/.well-known/openid-configuration) describes it, read by
// openid-client through the outbound fetch (lib/http/outbound.ts): the issuer is typed by an
// organization's Owner, a stranger to this server, so every request to it has a time-out, a size cap,
// no redirects, https (plain http only on this machine, outside production) and, in production, no
// address on this machine or its private networks. A document is kept a few minutes per issuer, so a
// burst of sign-ins does not ask the provider for it each time.
import 'server-only';
import * as client from 'openid-client';
import { now } from '../../clock';
import {
  OutboundFetchError,
  outboundFetch,
  outboundPolicy,
  outboundUrlRefusal,
  type OutboundPolicy,
} from '../../http/outbound';

/** Why an OpenID connection cannot work, in a sentence for the admin who set it up. */
export class OidcSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OidcSetupError';
  }
}

const TIMEOUT_MS = 5_000;
/** A discovery document, a key set or a token answer is a few KB; 256 KB is generous. */
const MAX_BYTES = 256 * 1024;
const CACHE_MS = 5 * 60_000;
const CACHE_ENTRIES = 100;
const MAX_ISSUER_LENGTH = 2_000;
const CLOCK_TOLERANCE_S = 120;

const cache = new Map<string, { metadata: client.ServerMetadata; until: number }>();

function policy(): OutboundPolicy {
  return outboundPolicy({ timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES });
}

/** The issuer as a URL, or OidcSetupError saying what is wrong with it. */
export function oidcIssuerUrl(issuer: string): URL {
  const shape = 'The issuer must be an https address, like https://login.example.com/tenant';
  let url: URL;
  try {
    url = new URL(issuer.trim());
  } catch {
    throw new OidcSetupError(`${shape}.`);
  }
  // A path into .well-known would make openid-client skip its issuer check (it reads the URL as the
  // document itself), so the document could name any issuer.
  if (
    issuer.length > MAX_ISSUER_LENGTH ||
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    url.pathname.includes('/.well-known/')
  ) {
    throw new OidcSetupError(`${shape}, without a query, fragment or /.well-known/ part.`);
  }
  const refusal = outboundUrlRefusal(url, policy());
  if (refusal) throw new OidcSetupError(`${shape}: ${refusal.message}`);
  return url;
}

/** Reads the issuer's discovery document afresh, each refusal as a sentence (OidcSetupError). */
async function discover(issuer: URL): Promise<client.ServerMetadata> {
  const insecure = issuer.protocol === 'http:';
  try {
    const found = await client.discovery(issuer, 'discovery', undefined, client.None(), {
      [client.customFetch]: outboundFetch(policy()),
      timeout: TIMEOUT_MS / 1000,
      execute: insecure ? [client.allowInsecureRequests] : [],
    });
    return found.serverMetadata();
  } catch (error) {
    throw new OidcSetupError(discoveryProblem(issuer, error));
  }
}

/** What went wrong reading the document of `issuer`, said for the admin. */
function discoveryProblem(issuer: URL, error: unknown): string {
  const where = `The issuer ${issuer.href}`;
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof OutboundFetchError) {
      if (cause.failure === 'too_large') return `${where} has no usable discovery document: ${cause.message}`;
      if (cause.failure === 'timeout') return `${where} did not answer within ${TIMEOUT_MS / 1000} s.`;
      return `${where} could not be reached: ${cause.message}`;
    }
  }
  const code = error instanceof client.ClientError ? error.code : undefined;
  if (code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') {
    return (
      `${where} does not match the issuer its discovery document names. Enter the issuer exactly as ` +
      'the provider gives it (the "issuer" of its /.well-known/openid-configuration).'
    );
  }
  if (code === 'OAUTH_TIMEOUT' || code === 'OAUTH_ABORT') {
    return `${where} did not answer within ${TIMEOUT_MS / 1000} s.`;
  }
  return (
    `${where} has no OpenID discovery document at ${issuer.href.replace(/\/$/, '')}/.well-known/openid-configuration ` +
    '(it answered with something else). Check the issuer address.'
  );
}

/** The document of `issuer`: from the cache while fresh, else read (and kept if it is usable). */
async function metadataOf(issuer: URL, fresh: boolean): Promise<client.ServerMetadata> {
  const at = Date.now();
  const kept = cache.get(issuer.href);
  if (kept && kept.until > at && !fresh) return kept.metadata;
  const metadata = await discover(issuer);
  checkMetadata(issuer, metadata);
  cache.delete(issuer.href);
  for (const [key, entry] of cache) {
    if (cache.size < CACHE_ENTRIES && entry.until > at) break;
    cache.delete(key);
  }
  cache.set(issuer.href, { metadata, until: at + CACHE_MS });
  return metadata;
}

/** What the sign-in needs of the provider: both endpoints, on addresses this server may use, and S256. */
function checkMetadata(issuer: URL, metadata: client.ServerMetadata): void {
  const where = `The provider at ${issuer.href}`;
  // openid-client lets Entra's multi-tenant documents (…/common/v2.0 naming "{tenantid}") through; a
  // connection must name its own tenant, or any Entra tenant's people could sign in.
  if (new URL(metadata.issuer).href !== issuer.href) {
    throw new OidcSetupError(
      `${where} serves many tenants (its document names the issuer ${metadata.issuer}). Enter your own ` +
        "tenant's issuer, like https://login.microsoftonline.com/<tenant id>/v2.0.",
    );
  }
  for (const [name, value] of [
    ['authorization_endpoint', metadata.authorization_endpoint],
    ['token_endpoint', metadata.token_endpoint],
    ['jwks_uri', metadata.jwks_uri],
  ] as const) {
    if (typeof value !== 'string' || !value) {
      throw new OidcSetupError(
        `${where} has no ${name} in its discovery document: it cannot sign people in.`,
      );
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new OidcSetupError(`${where} gives an ${name} that is not an address.`);
    }
    const refusal = outboundUrlRefusal(url, policy());
    if (refusal)
      throw new OidcSetupError(`${where} gives an ${name} this server will not use: ${refusal.message}`);
  }
  const methods = metadata.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256')) {
    throw new OidcSetupError(`${where} does not support PKCE with S256, which this server requires.`);
  }
  const responseTypes = metadata.response_types_supported;
  if (Array.isArray(responseTypes) && !responseTypes.includes('code')) {
    throw new OidcSetupError(`${where} does not offer the authorization code flow, which this server uses.`);
  }
}

/**
 * Checks that an OpenID connection can work before it is saved: the issuer is an address this server
 * may ask, its discovery document is there, names this very issuer, and gives the endpoints a sign-in
 * needs with PKCE S256. Throws OidcSetupError. (Whether the client id and secret are right only the
 * provider knows, at the first sign-in: Test connection tells.)
 */
export async function checkOidcIssuer(issuer: string, clientId: string, clientSecret: string): Promise<void> {
  if (!clientId.trim()) throw new OidcSetupError('Enter the client id the provider gave this application.');
  if (!clientSecret) throw new OidcSetupError('Enter the client secret the provider gave this application.');
  await metadataOf(oidcIssuerUrl(issuer), true);
}

/**
 * The openid-client configuration for a connection's provider and client: the discovery document (kept
 * a few minutes), the client authenticated by its secret (HTTP Basic, the default every provider must
 * accept, unless the document lists only the form post), and every later request (token, keys, userinfo)
 * through the same outbound fetch.
 */
export async function oidcConfiguration(
  issuer: string,
  clientId: string,
  clientSecret: string,
): Promise<client.Configuration> {
  const url = oidcIssuerUrl(issuer);
  const metadata = await metadataOf(url, false);
  const methods = metadata.token_endpoint_auth_methods_supported;
  const postOnly =
    Array.isArray(methods) &&
    !methods.includes('client_secret_basic') &&
    methods.includes('client_secret_post');
  const authentication = postOnly
    ? client.ClientSecretPost(clientSecret)
    : client.ClientSecretBasic(clientSecret);
  const configuration = new client.Configuration(
    metadata,
    clientId,
    {
      client_secret: clientSecret,
      // The domain's clock (lib/clock.ts) judges a token's expiry like every other expiry here, and a
      // provider's clock may be up to 2 minutes off, as for SAML assertions (DESIGN §11).
      [client.clockSkew]: Math.round((now().getTime() - Date.now()) / 1000),
      [client.clockTolerance]: CLOCK_TOLERANCE_S,
    },
    authentication,
  );
  // Over TLS openid-client would take the ID token on the token endpoint's word; checking its signature
  // against the provider's published keys also holds when the token endpoint is not who it seems.
  client.enableNonRepudiationChecks(configuration);
  configuration[client.customFetch] = outboundFetch(policy());
  configuration.timeout = TIMEOUT_MS / 1000;
  if (url.protocol === 'http:') client.allowInsecureRequests(configuration);
  return configuration;
}

/** Forgets every kept document (tests: a provider restarted on the same address with new keys). */
export function forgetOidcDiscovery(): void {
  cache.clear();
}
