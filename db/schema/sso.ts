// Enterprise sign-in (DESIGN §11): an organization's connections to its identity provider, the requests
// this server sent to one (each answered at most once), and the assertion ids already accepted.
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, updatedAt } from './columns';
import { invitationRole, ssoProtocol, ssoRequestPurpose } from './enums';
import { organizationRef } from './references';

/** What the last Test connection found: the checks' outcome and what the provider sent, mapped. */
export interface SsoTestResult {
  ok: boolean;
  /** The refusal when not ok (db/values.ts ssoRefusalValues), and the provider's own words if any. */
  refusal?: string;
  detail?: string;
  /** The person as mapped: address, name, the provider's subject (NameID or `sub`). */
  email?: string | null;
  name?: string | null;
  subject?: string | null;
  /** Every attribute or claim the provider sent, by name (values as text). */
  attributes?: Record<string, string[]>;
}

/**
 * A connection (lib/sso/connections.ts). SAML uses the `saml*` columns, OpenID Connect the `oidc*` ones.
 * At most one connection of an organization is enabled: it serves the organization's verified domains.
 */
export const ssoConnections = pgTable(
  'sso_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    protocol: ssoProtocol('protocol').notNull(),
    /** What the console calls it ("Okta", "Entra ID"). */
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(false),
    /** The role of a person who joins just in time. */
    defaultRole: invitationRole('default_role').notNull().default('member'),
    /** Just-in-time joining: a person at a verified domain with no membership joins on first sign-in. */
    justInTime: boolean('just_in_time').notNull().default(true),
    /** SAML only: accept a response that answers no request of ours (IdP-initiated). Off by default. */
    allowIdpInitiated: boolean('allow_idp_initiated').notNull().default(false),
    /** SAML: the identity provider's entity ID, its sign-in (SSO) URL, and 1 or 2 signing certificates (PEM). */
    samlEntityId: text('saml_entity_id'),
    samlSsoUrl: text('saml_sso_url'),
    samlCertificates: text('saml_certificates')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** SAML: where the metadata was read from, when given by URL. */
    samlMetadataUrl: text('saml_metadata_url'),
    /** OpenID Connect: the issuer (discovery from its /.well-known/openid-configuration) and the client. */
    oidcIssuer: text('oidc_issuer'),
    oidcClientId: text('oidc_client_id'),
    /** The client secret, encrypted with a key derived from AUTH_SECRET (lib/sso/secret.ts); never shown. */
    oidcClientSecret: text('oidc_client_secret'),
    /** The last Test connection, and the last one that passed (Require SSO needs one). */
    lastTestedAt: timestamp('last_tested_at', { withTimezone: true }),
    lastTest: jsonb('last_test').$type<SsoTestResult>(),
    testPassedAt: timestamp('test_passed_at', { withTimezone: true }),
    /** SHA-256 fingerprints of the certificates whose coming expiry the Owners were already emailed about. */
    expiryWarned: text('expiry_warned')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('sso_connections_organization_idx').on(t.organizationId),
    uniqueIndex('sso_connections_one_enabled_idx')
      .on(t.organizationId)
      .where(sql`enabled`),
  ],
);

/**
 * A request this server sent to an identity provider: the SAML AuthnRequest's ID or the OpenID `state`
 * is `id`. The answer must come within its lifetime, to its connection, and is taken once (`usedAt`).
 */
export const ssoRequests = pgTable(
  'sso_requests',
  {
    id: text('id').primaryKey(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => ssoConnections.id, { onDelete: 'cascade' }),
    purpose: ssoRequestPurpose('purpose').notNull(),
    /** Where the person goes after signing in (a path on this site). */
    callbackPath: text('callback_path').notNull().default('/'),
    /** OpenID Connect: the PKCE verifier and the nonce. */
    codeVerifier: text('code_verifier'),
    nonce: text('nonce'),
    /**
     * SHA-256 of the browser's SSO cookie when the request was sent (app/_lib/sso-browser.ts): the answer
     * must come back in the same browser, so nobody can sign a victim in with an answer of their own.
     */
    browserBinding: text('browser_binding').notNull(),
    /** Test connection: the Owner who started it. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('sso_requests_expires_idx').on(t.expiresAt)],
);

/** The SAML assertion ids a connection accepted, kept until they expire: a replay is refused. */
export const ssoAssertions = pgTable(
  'sso_assertions',
  {
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => ssoConnections.id, { onDelete: 'cascade' }),
    assertionId: text('assertion_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.connectionId, t.assertionId] }),
    index('sso_assertions_expires_idx').on(t.expiresAt),
  ],
);

export type SsoConnection = typeof ssoConnections.$inferSelect;
export type SsoRequest = typeof ssoRequests.$inferSelect;
