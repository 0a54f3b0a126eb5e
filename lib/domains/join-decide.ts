// Joining through a verified domain, the organization's side (DESIGN §10): Owners and Admins
// (`members:invite`) see the pending requests in the users list and approve (the person joins as Member,
// within seats) or decline them. Each answer is one transaction under the organization's lock, with the
// request's row locked too: two admins answering at once make one membership, and the second is told
// the request was answered already (JOIN_REQUEST_DECIDED).
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Transaction } from '@/db/client';
import { joinRequests, memberships, organizationDomains, users } from '@/db/schema';
import { memberRoleValues } from '@/db/values';
import { actorRoleQuery, lockOrganization, requirePermission, type LockedOrganization } from '../access';
import { rolesWith } from '../shared/permissions';
import { now } from '../clock';
import { assertSeats, noSeatRefusal } from '../organizations/seats';
import type { Actor } from '../shared/actor';
import { fail, type Refusal } from '../shared/errors';
import { column, rows } from '../sql';
import { countingDomain } from './counting';
import { joinAnswer, recordJoinEvent } from './join-records';

/** The requests shown at once: the oldest first; the count tells how many more wait. */
export const JOIN_REQUESTS_SHOWN = 50;

export interface PendingJoinRequest {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  domain: string;
  createdAt: Date;
}

export interface JoinOverview {
  /** The oldest JOIN_REQUESTS_SHOWN pending requests. */
  requests: PendingJoinRequest[];
  /** How many requests are pending in all. */
  pending: number;
  /** Whether the organization has a counting domain (only then are members marked External). */
  hasCountingDomain: boolean;
}

const overviewRow = z.object({
  actor_role: z.enum(memberRoleValues).nullable(),
  pending: column.count,
  has_counting_domain: z.boolean(),
  requests: column.json(
    z.array(
      z.object({
        id: z.string(),
        user_id: z.string(),
        email: z.string(),
        name: z.string().nullable(),
        domain: z.string(),
        created_at: z.coerce.date(),
      }),
    ),
  ),
});

/**
 * What the users page shows of joining (Owners and Admins): the pending requests, their count, and
 * whether the organization has a counting domain, in one statement on the requests' own index, which
 * checks the actor's role first (NOT_FOUND for a non-member, FORBIDDEN without `members:invite`).
 */
export async function joinOverview(actor: Actor, organizationId: string): Promise<JoinOverview> {
  const db = await getDb();
  // The access check rides in the statement: nothing is read unless the actor's role may answer.
  const allowed = sql`(SELECT role FROM actor) = ANY(${`{${rolesWith('members:invite').join(',')}}`}::member_role[])`;
  const [row] = await rows(
    db,
    sql`WITH actor AS (${actorRoleQuery(organizationId, actor)})
        SELECT (SELECT role::text FROM actor) AS actor_role,
          (SELECT count(*) FROM ${joinRequests} r WHERE r.organization_id = ${organizationId} AND r.status = 'pending' AND ${allowed}) AS pending,
          EXISTS (SELECT 1 FROM ${organizationDomains} WHERE ${countingDomain(organizationId)} AND ${allowed}) AS has_counting_domain,
          (SELECT coalesce(json_agg(x ORDER BY x.created_at, x.id), '[]'::json) FROM (
            SELECT r.id, r.user_id, u.email, u.name, r.domain, r.created_at
            FROM ${joinRequests} r JOIN ${users} u ON u.id = r.user_id
            WHERE r.organization_id = ${organizationId} AND r.status = 'pending' AND ${allowed}
            ORDER BY r.created_at, r.id LIMIT ${JOIN_REQUESTS_SHOWN}) x) AS requests`,
    overviewRow,
  );
  requirePermission(row?.actor_role, 'members:invite');
  return {
    pending: row?.pending ?? 0,
    hasCountingDomain: row?.has_counting_domain ?? false,
    requests: (row?.requests ?? []).map((request) => ({
      id: request.id,
      userId: request.user_id,
      email: request.email,
      name: request.name,
      domain: request.domain,
      createdAt: request.created_at,
    })),
  };
}

interface LockedRequest {
  id: string;
  userId: string;
  email: string;
  domain: string;
  status: string;
}

/** Locks the organization, checks the actor may answer, then locks the request (NOT_FOUND, JOIN_REQUEST_DECIDED). */
async function lockRequest(
  tx: Transaction,
  actor: Actor,
  input: { organizationId: string; requestId: string },
): Promise<{ organization: LockedOrganization; request: LockedRequest }> {
  const organization = await lockOrganization(tx, input.organizationId, actor);
  requirePermission(organization.actorRole, 'members:invite');
  const [request] = await tx
    .select({
      id: joinRequests.id,
      userId: joinRequests.userId,
      email: users.email,
      domain: joinRequests.domain,
      status: joinRequests.status,
    })
    .from(joinRequests)
    .innerJoin(users, eq(users.id, joinRequests.userId))
    .where(and(eq(joinRequests.id, input.requestId), eq(joinRequests.organizationId, input.organizationId)))
    .for('update', { of: joinRequests });
  if (!request) fail('NOT_FOUND');
  if (request.status !== 'pending') fail('JOIN_REQUEST_DECIDED');
  return { organization, request };
}

/** Why approving is refused when no seat is left (lib/organizations/seats.ts). */
function approvalSeatReason(_used: number, limit: number): Refusal {
  return noSeatRefusal(limit);
}

/**
 * Approves the request: the person joins as Member (taking a seat: SEAT_LIMIT past the limit, and the
 * request stays pending). Someone who became a member meanwhile (an invitation) keeps their membership,
 * and the request is closed. Audited `join.approved` with the role.
 */
export async function approveJoinRequest(
  actor: Actor,
  input: { organizationId: string; requestId: string },
): Promise<{ email: string; alreadyMember: boolean }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { organization, request } = await lockRequest(tx, actor, input);
    const at = now();
    const [existing] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.organizationId, organization.id), eq(memberships.userId, request.userId)));
    let membershipId = existing?.id ?? null;
    if (!existing) {
      await assertSeats(tx, organization, 1, at, approvalSeatReason);
      const [created] = await tx
        .insert(memberships)
        .values({ organizationId: organization.id, userId: request.userId, role: 'member' })
        .returning({ id: memberships.id });
      membershipId = created.id;
    }
    await tx
      .update(joinRequests)
      .set(joinAnswer('approved', at, actor))
      .where(eq(joinRequests.id, request.id));
    await recordJoinEvent(tx, organization.id, actor, {
      action: 'join.approved',
      id: membershipId,
      email: request.email,
      details: { role: 'member', domain: request.domain, alreadyMember: Boolean(existing) },
    });
    return { email: request.email, alreadyMember: Boolean(existing) };
  });
}

/** Declines the request (the person may ask again later). Audited `join.declined`. */
export async function declineJoinRequest(
  actor: Actor,
  input: { organizationId: string; requestId: string },
): Promise<{ email: string }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { organization, request } = await lockRequest(tx, actor, input);
    await tx
      .update(joinRequests)
      .set(joinAnswer('declined', now(), actor))
      .where(eq(joinRequests.id, request.id));
    await recordJoinEvent(tx, organization.id, actor, {
      action: 'join.declined',
      id: request.id,
      email: request.email,
      details: { domain: request.domain },
    });
    return { email: request.email };
  });
}
