// Helpers for the OpenID Connect tests: an OpenID connection row (in memory or inserted) whose client
// secret is sealed as the console stores it, and a small HTTP server on 127.0.0.1 whose answers a test
// writes itself (discovery documents good and bad, slow, huge).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getDb } from '@/db/client';
import { ssoConnections, type SsoConnection } from '@/db/schema';
import { seal } from '@/lib/sealed';

export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** An OpenID connection as read from the database, not stored (for the URL builders). */
export function oidcConnectionRow(settings: OidcClientSettings, id = randomUUID()): SsoConnection {
  const at = new Date();
  return {
    id,
    organizationId: randomUUID(),
    protocol: 'oidc',
    name: 'Test provider',
    enabled: true,
    defaultRole: 'member',
    justInTime: true,
    allowIdpInitiated: false,
    samlEntityId: null,
    samlSsoUrl: null,
    samlCertificates: [],
    samlMetadataUrl: null,
    oidcIssuer: settings.issuer,
    oidcClientId: settings.clientId,
    oidcClientSecret: seal(settings.clientSecret, 'sso client secret'),
    lastTestedAt: null,
    lastTest: null,
    testPassedAt: null,
    expiryWarned: [],
    createdById: null,
    createdAt: at,
    updatedAt: at,
  };
}

/** Stores an enabled OpenID connection of `organizationId` and returns its row. */
export async function insertOidcConnection(
  organizationId: string,
  settings: OidcClientSettings,
  id = randomUUID(),
): Promise<SsoConnection> {
  const db = await getDb();
  const { createdAt: _createdAt, updatedAt: _updatedAt, ...row } = oidcConnectionRow(settings, id);
  const [inserted] = await db
    .insert(ssoConnections)
    .values({ ...row, organizationId })
    .returning();
  return inserted;
}

export interface ScriptedServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Every path asked, in order. */
  asked: string[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 (a free port) answering with `handle`; closed by the test's afterAll. */
export async function scriptedServer(
  handle: (request: IncomingMessage, response: ServerResponse, origin: string) => void,
): Promise<ScriptedServer> {
  const asked: string[] = [];
  let origin = '';
  const server = createServer((request, response) => {
    asked.push(request.url ?? '');
    handle(request, response, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    asked,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A discovery document for `issuer` that a sign-in can use. */
export function discoveryDocument(issuer: string, changes: Record<string, unknown> = {}) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    userinfo_endpoint: `${issuer}/me`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    ...changes,
  };
}
