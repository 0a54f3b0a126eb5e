// What every change on the SSO page starts with, inside its transaction: the organization's lock, the
// actor's right to manage SSO ('sso:manage', Owners), the organization's SSO state as it is under the lock,
// and the connection the change is about, locked, within that organization.
import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { organizationDomains, organizations, ssoConnections, type SsoConnection } from '@/db/schema';
import { lockOrganization, requirePermission, type LockedOrganization } from '../access';
import { countingDomain } from '../domains/counting';
import type { Actor } from '../shared/actor';
import { fail, refuse } from '../shared/errors';
import { MAX_SSO_CONNECTION_NAME } from '../shared/limits';
import { foldWhitespace, refuseInvisibleCharacters } from '../shared/text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a uuid: an id from a form is anyone's text, and PostgreSQL refuses a malformed one. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export interface SsoLocked extends LockedOrganization {
  requireSso: boolean;
}

/** Locks the organization, refuses anyone but its Owners, and reads whether it requires SSO. */
export async function lockForSso(tx: Transaction, organizationId: string, actor: Actor): Promise<SsoLocked> {
  const org = await lockOrganization(tx, organizationId, actor);
  requirePermission(org.actorRole, 'sso:manage', {
    message: 'Only Owners can change SSO.',
    detail: { key: 'ssoOwnersOnly' },
  });
  const [row] = await tx
    .select({ requireSso: organizations.requireSso })
    .from(organizations)
    .where(eq(organizations.id, org.id));
  return { ...org, requireSso: row?.requireSso ?? false };
}

/**
 * The connection `connectionId` of the organization, locked for the rest of `tx`; SSO_CONNECTION_NOT_FOUND
 * when there is none (removed meanwhile, another organization's, not an id at all).
 */
export async function lockedConnection(
  tx: Transaction,
  organizationId: string,
  connectionId: string,
): Promise<SsoConnection> {
  if (!isUuid(connectionId)) fail('SSO_CONNECTION_NOT_FOUND');
  const [row] = await tx
    .select()
    .from(ssoConnections)
    .where(and(eq(ssoConnections.id, connectionId), eq(ssoConnections.organizationId, organizationId)))
    .for('update');
  if (!row) fail('SSO_CONNECTION_NOT_FOUND');
  return row;
}

/** The organization's enabled connection other than `exceptId`, if any. */
export async function enabledConnection(
  tx: Transaction,
  organizationId: string,
  exceptId?: string,
): Promise<SsoConnection | null> {
  const [row] = await tx
    .select()
    .from(ssoConnections)
    .where(
      and(
        eq(ssoConnections.organizationId, organizationId),
        eq(ssoConnections.enabled, true),
        exceptId ? ne(ssoConnections.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Refuses (SSO_NO_VERIFIED_DOMAIN) unless the organization has a domain that counts. */
export async function requireCountingDomain(tx: Transaction, organizationId: string): Promise<void> {
  const [found] = await tx
    .select({ id: organizationDomains.id })
    .from(organizationDomains)
    .where(countingDomain(organizationId))
    .limit(1);
  if (!found) fail('SSO_NO_VERIFIED_DOMAIN');
}

/** A connection's name as typed: one line of 1 to MAX_SSO_CONNECTION_NAME visible characters. */
export function connectionName(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : '';
  refuseInvisibleCharacters(text);
  const name = foldWhitespace(text);
  if (!name)
    refuse('INVALID_INPUT', {
      message: 'Name the connection, such as Okta or Entra ID.',
      detail: { key: 'connectionNameRequired' },
    });
  if (name.length > MAX_SSO_CONNECTION_NAME)
    refuse('INVALID_INPUT', {
      message: `A connection’s name has at most ${MAX_SSO_CONNECTION_NAME} characters.`,
      detail: { key: 'connectionNameTooLong', values: { max: MAX_SSO_CONNECTION_NAME } },
    });
  return name;
}

/** “Okta”: a connection's name as sentences quote it. */
export function quoted(name: string): string {
  return `“${name}”`;
}
