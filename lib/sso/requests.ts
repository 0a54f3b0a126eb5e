// The requests this server sends to identity providers, and the assertions it accepted. An answer must
// name a request we issued, to its connection, within its lifetime, and takes it once; a SAML assertion's
// id is remembered until the assertion expires, so the same assertion is never accepted twice.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { ssoAssertions, ssoRequests, type SsoRequest } from '@/db/schema';
import type { SsoRequestPurpose } from '@/db/values';
import { now } from '../clock';

/** How long a person has at their identity provider before the request lapses. */
export const SSO_REQUEST_LIFETIME_MS = 10 * 60_000;

export interface NewSsoRequest {
  connectionId: string;
  purpose: SsoRequestPurpose;
  /** A path on this site (the caller made it safe: lib/shared/safe-redirect.ts). */
  callbackPath?: string;
  /** Test connection: the Owner who started it. */
  userId?: string | null;
  /** OpenID Connect: the PKCE verifier and the nonce. */
  codeVerifier?: string | null;
  nonce?: string | null;
  /** The browser's SSO cookie (app/_lib/sso-browser.ts): only its hash is kept. */
  browser: string;
}

/** What a request keeps of the browser's SSO cookie. */
export function browserBinding(browser: string): string {
  return createHash('sha256').update(browser).digest('hex');
}

/**
 * Records a request and returns its id: 160 random bits, starting with "_" (a SAML ID must be an XML
 * name, which cannot start with a digit). The SAML AuthnRequest's ID, the OpenID `state`.
 */
export async function issueSsoRequest(db: Database | Transaction, request: NewSsoRequest): Promise<string> {
  const id = `_${randomBytes(20).toString('hex')}`;
  const issuedAt = now();
  await db.insert(ssoRequests).values({
    id,
    connectionId: request.connectionId,
    purpose: request.purpose,
    callbackPath: request.callbackPath ?? '/',
    userId: request.userId ?? null,
    codeVerifier: request.codeVerifier ?? null,
    nonce: request.nonce ?? null,
    browserBinding: browserBinding(request.browser),
    createdAt: issuedAt,
    expiresAt: new Date(issuedAt.getTime() + SSO_REQUEST_LIFETIME_MS),
  });
  return id;
}

/**
 * Takes the request `id` of `connectionId` if it is unused and unexpired, marking it used in the same
 * statement (two answers to one request: one wins). Null: unknown, another connection's, lapsed or used.
 */
export async function takeSsoRequest(
  db: Database | Transaction,
  connectionId: string,
  id: string,
): Promise<SsoRequest | null> {
  const at = now();
  const [taken] = await db
    .update(ssoRequests)
    .set({ usedAt: at })
    .where(
      and(
        eq(ssoRequests.id, id),
        eq(ssoRequests.connectionId, connectionId),
        isNull(ssoRequests.usedAt),
        gt(ssoRequests.expiresAt, at),
      ),
    )
    .returning();
  return taken ?? null;
}

/** The request `id` of `connectionId`, used or not, without taking it (to report a refused test). */
export async function findSsoRequest(
  db: Database | Transaction,
  connectionId: string,
  id: string,
): Promise<SsoRequest | null> {
  const [found] = await db
    .select()
    .from(ssoRequests)
    .where(and(eq(ssoRequests.id, id), eq(ssoRequests.connectionId, connectionId)))
    .limit(1);
  return found ?? null;
}

/**
 * Remembers that `connectionId` accepted the assertion `assertionId`, until `expiresAt` (its
 * NotOnOrAfter). False when it was already accepted: a replay.
 */
export async function rememberAssertion(
  db: Database | Transaction,
  connectionId: string,
  assertionId: string,
  expiresAt: Date,
): Promise<boolean> {
  const inserted = await db
    .insert(ssoAssertions)
    .values({ connectionId, assertionId, expiresAt })
    .onConflictDoNothing()
    .returning({ id: ssoAssertions.assertionId });
  return inserted.length === 1;
}
