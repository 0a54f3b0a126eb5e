// Whom the directory may add (docs/rules.md rule 13, DESIGN §10): the people at the organization's
// verified domains, new accounts or existing ones it takes over, and anyone else only when the
// organization already has them: an open invitation to the address (a member is already there: 409).
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { invitations } from '@/db/schema';
import type { LockedOrganization } from '../access';
import { openInvitation } from '../conditions';
import { countingDomains, domainOfAddress } from '../domains/counting';
import { assertSeats, noSeatRefusal } from '../organizations/seats';
import { fail } from '../shared/errors';

export interface Admission {
  /** The open invitation the new membership closes, which already holds its seat; null: none. */
  invitationId: string | null;
}

/**
 * Why the directory may not add `email`: it names the rule and the organization's verified domains
 * (its own, known to whoever holds its token), never whether the address has an account, so that a
 * stranger's directory learns nothing about who has one.
 */
export function notTheOrganizationsReason(email: string, domains: readonly string[]): string {
  const where = domains.length
    ? `at this organization's verified domains (${domains.join(', ')})`
    : "at this organization's verified domains (it has none)";
  return (
    `The directory can add people ${where}, and anyone else only with an open invitation: ` +
    `${email} is neither. Verify the domain on the Domains page, or invite the address from the ` +
    'console (Invite New User) first, then provision it again.'
  );
}

/**
 * Admits `email` to the organization for the directory, under the organization's lock: the open
 * invitation when there is one (its seat becomes the member's), else the address must be at one of the
 * organization's counting domains, and an active member then takes a free seat. Refused with
 * NOT_INVITED (403) otherwise, SEAT_LIMIT past the seats.
 */
export async function admitFromDirectory(
  tx: Transaction,
  org: Pick<LockedOrganization, 'id' | 'seatLimit'>,
  email: string,
  options: { active: boolean; at: Date },
): Promise<Admission> {
  const [invitation] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(eq(invitations.organizationId, org.id), eq(invitations.email, email), openInvitation(options.at)),
    );
  if (invitation) return { invitationId: invitation.id };
  const domains = await countingDomains(tx, org.id);
  if (!domains.includes(domainOfAddress(email)))
    fail('NOT_INVITED', notTheOrganizationsReason(email, domains));
  if (options.active) await assertSeats(tx, org, 1, options.at, (_used, limit) => noSeatRefusal(limit));
  return { invitationId: null };
}
