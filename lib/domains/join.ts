// Joining through a verified domain, the person's side (DESIGN §10): the organization their address's
// domain belongs to, suggested on their home page when its join policy is Suggest or Automatic and they
// are not a member there; asking to join (one pending request per organization and person), and
// withdrawing the request. The Owners and Admins answer it: ./join-decide.ts.
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { joinRequests, memberships, organizationDomains, organizations } from '@/db/schema';
import { countingDomainStatuses } from '@/db/values';
import { lockOrganizationRow } from '../access';
import type { PersonActor } from '../shared/actor';
import { fail } from '../shared/errors';
import { column, rows } from '../sql';
import { domainOfAddress } from './counting';
import { joinOfferFor } from './join-offer';
import { pendingJoinRequests, recordJoinEvent } from './join-records';

/** An organization the person may ask to join, and whether they already have. */
export interface JoinSuggestion {
  organizationId: string;
  name: string;
  slug: string;
  domain: string;
  /** They asked and nobody has answered yet. */
  requested: boolean;
  requestedAt: Date | null;
}

const suggestionRow = z.object({
  organization_id: z.string(),
  name: z.string(),
  slug: z.string(),
  domain: z.string(),
  requested_at: column.nullableDate,
});

/**
 * The organizations the person may ask to join, for the home page: at most one (a domain counts for one
 * organization), read in one statement whatever the size of anything. Someone with a membership there,
 * active or suspended, is not offered it.
 */
export async function listJoinSuggestions(actor: PersonActor): Promise<JoinSuggestion[]> {
  const domain = domainOfAddress(actor.email);
  if (!domain) return [];
  const db = await getDb();
  const found = await rows(
    db,
    sql`SELECT o.id AS organization_id, o.name, o.slug, d.domain,
          (SELECT r.created_at FROM ${joinRequests} r
            WHERE r.organization_id = o.id AND r.user_id = ${actor.userId} AND r.status = 'pending') AS requested_at
        FROM ${organizationDomains} d JOIN ${organizations} o ON o.id = d.organization_id
        WHERE d.domain = ${domain}
          AND d.status IN (${sql.join(
            countingDomainStatuses.map((status) => sql`${status}::domain_status`),
            sql`, `,
          )})
          AND d.join_policy <> 'off'
          AND NOT EXISTS (SELECT 1 FROM ${memberships} m WHERE m.organization_id = o.id AND m.user_id = ${actor.userId})
        LIMIT 1`,
    suggestionRow,
  );
  return found.map((row) => ({
    organizationId: row.organization_id,
    name: row.name,
    slug: row.slug,
    domain: row.domain,
    requested: row.requested_at !== null,
    requestedAt: row.requested_at,
  }));
}

/**
 * Asks to join `organizationId` through the person's domain. One transaction under the organization's
 * lock: refused when the organization no longer offers it (JOIN_NOT_OFFERED: the policy is Off, or the
 * domain no longer counts), when they are a member (JOIN_ALREADY_MEMBER, suspended members included), or
 * when a request of theirs is pending (JOIN_REQUEST_PENDING). Audited `join.requested`.
 */
export async function askToJoin(
  actor: PersonActor,
  input: { organizationId: string },
): Promise<{ requestId: string; organizationName: string }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!(await lockOrganizationRow(tx, input.organizationId))) fail('JOIN_NOT_OFFERED');
    const offer = await joinOfferFor(tx, actor.email, input.organizationId);
    if (!offer) fail('JOIN_NOT_OFFERED');
    const [organization] = await tx
      .select({
        name: organizations.name,
        member: sql<boolean>`EXISTS (SELECT 1 FROM ${memberships} m WHERE m.organization_id = ${input.organizationId} AND m.user_id = ${actor.userId})`,
      })
      .from(organizations)
      .where(eq(organizations.id, input.organizationId));
    if (organization.member) fail('JOIN_ALREADY_MEMBER');
    const [request] = await tx
      .insert(joinRequests)
      .values({ organizationId: input.organizationId, userId: actor.userId, domain: offer.domain })
      .onConflictDoNothing()
      .returning({ id: joinRequests.id });
    if (!request) fail('JOIN_REQUEST_PENDING');
    await recordJoinEvent(tx, input.organizationId, actor, {
      action: 'join.requested',
      id: request.id,
      email: actor.email,
      details: { domain: offer.domain },
    });
    return { requestId: request.id, organizationName: organization.name };
  });
}

/**
 * Withdraws the person's pending request to join `organizationId`: the row goes, audited
 * `join.withdrawn` (the admins who saw it in their list can tell why it left). Nothing pending is no
 * error: the request was answered or withdrawn already, and nothing is recorded.
 */
export async function withdrawJoinRequest(
  actor: PersonActor,
  input: { organizationId: string },
): Promise<{ withdrawn: boolean }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(joinRequests)
      .where(pendingJoinRequests(input.organizationId, { userId: actor.userId }))
      .returning({ id: joinRequests.id, domain: joinRequests.domain });
    if (!deleted) return { withdrawn: false };
    await recordJoinEvent(tx, input.organizationId, actor, {
      action: 'join.withdrawn',
      id: deleted.id,
      email: actor.email,
      details: { domain: deleted.domain },
    });
    return { withdrawn: true };
  });
}
