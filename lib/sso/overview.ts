// What the SSO page reads (Owners and Admins, 'sso:view'): the connections, Require SSO, the domains it
// applies to, and the Owners who could be break-glass. A constant number of statements whatever the
// organization's size: it lists Owners only, never the members.
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { memberships, organizations, ssoConnections, users } from '@/db/schema';
import type { MemberStatus } from '@/db/values';
import { requireConsoleAccess } from '../access';
import { countingDomains } from '../domains/counting';
import type { Actor } from '../shared/actor';
import { fail } from '../shared/errors';
import { connectionView, type SsoConnectionView } from './view';

/** The most Owners the page lists for break-glass (an organization has a handful). */
const OWNERS_SHOWN = 100;

export interface SsoOwner {
  membershipId: string;
  userId: string;
  email: string;
  name: string | null;
  status: MemberStatus;
  breakGlass: boolean;
}

export interface SsoOverview {
  connections: SsoConnectionView[];
  requireSso: boolean;
  /** The organization's domains that count (verified, or failing within their grace). */
  domains: string[];
  owners: SsoOwner[];
}

export async function ssoOverview(actor: Actor, organizationId: string): Promise<SsoOverview> {
  const { db } = await requireConsoleAccess(actor, organizationId, 'sso:view');
  const [connections, [organization], domains, owners] = await Promise.all([
    db
      .select()
      .from(ssoConnections)
      .where(eq(ssoConnections.organizationId, organizationId))
      .orderBy(asc(ssoConnections.createdAt), asc(ssoConnections.id)),
    db
      .select({ requireSso: organizations.requireSso })
      .from(organizations)
      .where(eq(organizations.id, organizationId)),
    countingDomains(db, organizationId),
    db
      .select({
        membershipId: memberships.id,
        userId: memberships.userId,
        email: users.email,
        name: users.name,
        status: memberships.status,
        breakGlass: memberships.ssoBreakGlass,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, 'owner')))
      .orderBy(asc(users.email))
      .limit(OWNERS_SHOWN),
  ]);
  if (!organization) fail('NOT_FOUND');
  return {
    connections: connections.map((row) => connectionView(row)),
    requireSso: organization.requireSso,
    domains,
    owners,
  };
}
