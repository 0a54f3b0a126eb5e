// The active Owners of an organization, with the organization's name and slug: who is emailed about
// what only an Owner can act on (a domain's record gone missing, an identity provider's certificate
// about to expire), whatever the member-change notification setting says.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { memberships, organizations, users } from '@/db/schema';
import { activeMember } from '../conditions';

export interface OwnerRecipient {
  email: string;
  organizationName: string;
  organizationSlug: string;
}

/** Each active Owner of the organization, by address. */
export async function organizationOwners(tx: Transaction, organizationId: string): Promise<OwnerRecipient[]> {
  return tx
    .select({
      email: users.email,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, 'owner'), activeMember()))
    .orderBy(users.email);
}
