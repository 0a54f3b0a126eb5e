// The Automatic join policy (DESIGN §10): a person who signs in with an address at an organization's
// counting domain whose policy is Automatic joins it as Member, within seats; past the seats they get a
// pending request instead (./join-decide.ts answers it). Run on the server when a sign-in completes
// (app/auth.ts, Auth.js's signIn event), once per sign-in, and idempotent: a second run finds the
// membership, or the pending request, and changes nothing.
//
// Never re-added automatically: a member of any status (a suspended member stays suspended), and anyone
// an Owner or Admin removed from the organization, or who left it, at any time (an audit event
// `member.removed` or `member.left` for their address there): an admin who removed someone expects them
// to stay out, and someone who left expects not to be put back. They may still ask to join (the home
// page suggests it), and an Owner or Admin may approve or invite them.
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { auditEvents, joinRequests, memberships, organizations } from '@/db/schema';
import { lockOrganizationRow } from '../access';
import { now } from '../clock';
import { freeSeats } from '../organizations/seats';
import { person } from '../shared/actor';
import { joinOfferFor } from './join-offer';
import { joinAnswer, pendingJoinRequests, recordJoinEvent } from './join-records';

export type AutomaticJoin =
  | { outcome: 'joined'; organizationId: string; membershipId: string }
  | { outcome: 'requested'; organizationId: string }
  | { outcome: 'none' };

/** Whether the person has a membership there, or ever left or was removed (index on the target address). */
async function excluded(tx: Transaction, organizationId: string, userId: string, email: string) {
  const [row] = await tx
    .select({
      member: sql<boolean>`EXISTS (SELECT 1 FROM ${memberships} m WHERE m.organization_id = ${organizationId} AND m.user_id = ${userId})`,
      gone: sql<boolean>`EXISTS (SELECT 1 FROM ${auditEvents} a WHERE a.organization_id = ${organizationId}
        AND lower(a.target_email) = ${email} AND a.action IN ('member.removed', 'member.left'))`,
    })
    .from(sql`(SELECT 1) AS one`);
  return Boolean(row?.member) || Boolean(row?.gone);
}

/**
 * Applies the Automatic policy to a person who has just signed in. Nothing when their domain offers no
 * automatic join, or they are excluded (above). One transaction under the organization's lock.
 */
export async function joinOnSignIn(user: { userId: string; email: string }): Promise<AutomaticJoin> {
  const email = user.email.trim().toLowerCase();
  const db = await getDb();
  // Outside the transaction first: almost every sign-in has nothing to do, and takes no lock.
  const offered = await joinOfferFor(db, email);
  if (offered?.policy !== 'automatic') return { outcome: 'none' };
  return db.transaction(async (tx): Promise<AutomaticJoin> => {
    const organizationId = offered.organizationId;
    if (!(await lockOrganizationRow(tx, organizationId))) return { outcome: 'none' };
    // Read again under the lock: the policy or the domain may have changed meanwhile.
    const offer = await joinOfferFor(tx, email, organizationId);
    if (offer?.policy !== 'automatic') return { outcome: 'none' };
    if (await excluded(tx, organizationId, user.userId, email)) return { outcome: 'none' };
    const actor = person({ userId: user.userId, email });
    const at = now();
    const [organization] = await tx
      .select({ seatLimit: organizations.seatLimit })
      .from(organizations)
      .where(eq(organizations.id, organizationId));
    const free = await freeSeats(tx, { id: organizationId, seatLimit: organization?.seatLimit ?? null }, at);
    if (free !== null && free < 1) {
      const [request] = await tx
        .insert(joinRequests)
        .values({ organizationId, userId: user.userId, domain: offer.domain })
        .onConflictDoNothing()
        .returning({ id: joinRequests.id });
      if (request)
        await recordJoinEvent(tx, organizationId, actor, {
          action: 'join.requested',
          id: request.id,
          email,
          details: { domain: offer.domain, reason: 'no_seat' },
        });
      return { outcome: 'requested', organizationId };
    }
    const [membership] = await tx
      .insert(memberships)
      .values({ organizationId, userId: user.userId, role: 'member' })
      .returning({ id: memberships.id });
    // A request they made before (past the seats, or by asking) is answered by the join itself.
    await tx
      .update(joinRequests)
      .set(joinAnswer('approved', at, null))
      .where(pendingJoinRequests(organizationId, { userId: user.userId }));
    await recordJoinEvent(tx, organizationId, actor, {
      action: 'member.joined',
      id: membership.id,
      email,
      details: { domain: offer.domain, role: 'member' },
    });
    return { outcome: 'joined', organizationId, membershipId: membership.id };
  });
}
