// An OpenID provider on 127.0.0.1, built with oidc-provider: the tests sign in through it, and
// `npm run dev` starts one (lib/sso/development/start.ts) so that a newcomer can try an OpenID
// connection with nothing to set up. One client; the authorization code flow with PKCE required; the
// person is whoever's address is typed on its sign-in page (./oidc-login.ts), with `email`,
// `email_verified` and `name`. Its signing key and cookie keys are made at start and kept in memory.
// Never in production, but for a trial on this machine (a loopback public URL, the mailbox's rule): it
// vouches for any address anyone types.
import { developmentOidcRefusal } from '../../config/deployment.mjs';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type OidcContext } from 'oidc-provider';
import { INTERACTION_PATH, handleLogin } from './oidc-login';

export interface DevelopmentOidcClient {
  clientId: string;
  clientSecret: string;
  /** Registered redirect URIs (at least one). */
  redirectUris: string[];
  /** Also accepted: any redirect URI matching this (the development client's one per connection). */
  redirectUriPattern?: RegExp;
}

export interface DevelopmentOidcOptions {
  client: DevelopmentOidcClient;
  /** 0 (the default): a port the system chooses. Always on 127.0.0.1. */
  port?: number;
  /** How long an ID token is valid, in seconds (default an hour). */
  idTokenTtlSeconds?: number;
  /** The claims of the person signed in as `address` (default: that address, verified, and a name from it). */
  claimsOf?: (address: string) => Record<string, unknown>;
}

export interface DevelopmentOidcProvider {
  /** http://127.0.0.1:<port> */
  issuer: string;
  close(): Promise<void>;
}

/** "ada.lovelace@acme.test" → "Ada Lovelace". */
function nameFrom(address: string): string {
  const local = address.split('@')[0] ?? address;
  return local
    .split(/[._+-]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join(' ');
}

function defaultClaims(address: string): Record<string, unknown> {
  return { email: address, email_verified: true, name: nameFrom(address) };
}

function configuration(options: DevelopmentOidcOptions, signingKey: Record<string, unknown>) {
  const { client } = options;
  const claimsOf = options.claimsOf ?? defaultClaims;
  return {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_context: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ ...claimsOf(sub), sub }),
    }),
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_context: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    // The one client is this app's own: no consent page, the scopes it asks for are granted.
    loadExistingGrant: async (context: OidcContext & { oidc: { provider: Provider } }) => {
      const { client: asking, session, result, provider } = context.oidc;
      if (!asking || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(asking.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ clientId: asking.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: options.idTokenTtlSeconds ?? 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
  };
}

/**
 * Starts the provider on 127.0.0.1 (`options.port`, else a free port) and returns its issuer. Refuses
 * to start in production unless the public URL is a loopback address.
 */
export async function startDevelopmentOidcProvider(
  options: DevelopmentOidcOptions,
): Promise<DevelopmentOidcProvider> {
  const refusal = developmentOidcRefusal();
  if (refusal) throw new Error(refusal);
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = {
    ...(await exportJWK(privateKey)),
    alg: 'RS256',
    use: 'sig',
    kid: randomBytes(8).toString('hex'),
  };
  // The issuer names the port, which is known once the server listens: until then it answers 503.
  const started: { provider?: Provider; handle?: ReturnType<Provider['callback']> } = {};
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const interaction = INTERACTION_PATH.exec(path);
    const { provider, handle } = started;
    if (!provider || !handle) return void response.writeHead(503).end();
    if (!interaction) return handle(request, response);
    handleLogin(provider, interaction[1], request, response).catch(() => {
      if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain' });
      response.end('This sign-in has expired or is not known here. Start again from the application.');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, configuration(options, signingKey));
  const { redirectUris, redirectUriPattern } = options.client;
  if (redirectUriPattern) {
    provider.Client.prototype.redirectUriAllowed = (value: string) =>
      redirectUris.includes(value) || redirectUriPattern.test(value);
  }
  started.provider = provider;
  started.handle = provider.callback();
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
