// Who Require SSO covers (DESIGN §11), in one place for every way in by email: a sign-in link asked for
// and a sign-in link used (Auth.js's signIn callback in app/auth.ts), and an invitation accepted with a
// new account (lib/invitations/accept.ts). Break-glass Owners keep the emailed link. Turning Require SSO
// on and naming break-glass Owners: ./require.ts.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type Database, type Transaction } from '@/db/client';
import { memberships, users } from '@/db/schema';
import { normalizeEmail } from '../shared/email-address';
import { connectionForAddress, type AddressConnection } from './connections';

export interface SsoRequirement extends AddressConnection {
  /** The account is an active break-glass Owner of the organization: it may still use the emailed link. */
  breakGlass: boolean;
}

/**
 * The requirement covering `email`: its domain is served by an enabled connection of an organization
 * that requires SSO. Null when it is not covered (no connection, or Require SSO is off).
 */
export async function ssoRequirementFor(
  db: Database | Transaction,
  email: string,
): Promise<SsoRequirement | null> {
  const address = normalizeEmail(email);
  const served = await connectionForAddress(db, address);
  if (!served?.organization.requireSso) return null;
  // A demoted, suspended or removed Owner is no longer break-glass, whatever the flag kept.
  const [owner] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(users.email, address),
        eq(memberships.organizationId, served.organization.id),
        eq(memberships.status, 'active'),
        eq(memberships.role, 'owner'),
        eq(memberships.ssoBreakGlass, true),
      ),
    )
    .limit(1);
  return { ...served, breakGlass: Boolean(owner) };
}

/** The requirement that refuses `email` an emailed sign-in link (covered and not break-glass), or null. */
export async function emailSignInRefusal(
  db: Database | Transaction,
  email: string,
): Promise<SsoRequirement | null> {
  const requirement = await ssoRequirementFor(db, email);
  return requirement && !requirement.breakGlass ? requirement : null;
}

/**
 * The page that says an address signs in through its identity provider and offers it
 * (app/login/sso-required): it names the connection only, never the address.
 */
export function ssoRequiredPath(
  connectionId: string,
  options: { callbackPath?: string; emailed?: boolean } = {},
) {
  const query = new URLSearchParams({ connection: connectionId });
  if (options.callbackPath && options.callbackPath !== '/') query.set('callbackUrl', options.callbackPath);
  if (options.emailed) query.set('from', 'email');
  return `/login/sso-required?${query}`;
}

/**
 * For the invitation page: the connection a signed-out invitee with no account must sign in through
 * instead of accepting by the emailed link, or null.
 */
export async function ssoOfferForInvitee(
  email: string,
): Promise<{ connectionId: string; connectionName: string } | null> {
  const required = await emailSignInRefusal(await getDb(), email);
  return required ? { connectionId: required.connection.id, connectionName: required.connection.name } : null;
}
