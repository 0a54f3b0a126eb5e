// Who may enter the console of which organization, read from the database on every request and every
// action (never from a token), so that a removal takes effect on the removed person's next request
// (docs/rules.md rule 7).
//
// The actor's role in an organization is read one way, actorRoleQuery (a person's active membership, or
// the directory's standing), and requirePermission turns what it finds into NOT_FOUND (not a member: the
// organization does not exist for them) or FORBIDDEN (a member without the permission). Several
// statements carry the query, each for a reason of its own: roleIn reads the role alone;
// lockOrganizationAndRead reads it after the organization's lock, with the Owner count; the user table
// reads it with the table's total in one statement. The console's own look-up by slug
// (findMembershipBySlug) reads a person's membership with membershipOf, the same condition.
import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { getDb, type Database, type Transaction } from '@/db/client';
import {
  joinRequests,
  memberships,
  organizationDomains,
  organizations,
  scimTokens,
  type Organization,
} from '@/db/schema';
import { DIRECTORY_ROLE, type Actor } from './shared/actor';
import { activeMember, members } from './conditions';
import { countingDomain } from './domains/counting';
import { fail, refuse, type Refusal } from './shared/errors';
import { MAX_SLUG_INPUT } from './shared/limits';
import { can, rolesWith, type Permission } from '@/lib/shared/permissions';
import { memberRoleValues, type MemberRole } from '@/db/values';
import { column, rows } from './sql';

/** A role as raw SQL returns it. */
const roleColumn = z.enum(memberRoleValues);

export interface ConsoleAccess {
  organization: Organization;
  role: MemberRole;
  membershipId: string;
  /** When they last used AI Hub here (lib/members/last-active.ts), null when not since joining. */
  lastActiveAt: Date | null;
  /** How many Owners the organization has: what the console needs to mirror rule 4 before confirmation. */
  ownerCount: number;
  /** Whether any request to join it is pending (lib/domains/join-decide.ts lists them only then). */
  joinRequestsPending: boolean;
  /** Whether it has a domain that counts (lib/domains/counting.ts): only then are members marked External. */
  hasCountingDomain: boolean;
}

/**
 * The active membership of `userId` in the organization (an id, or a column holding it): a suspended
 * member has no access (docs/rules.md rule 8a), so for every access check they are no member.
 */
export function membershipOf(organizationId: string | AnyPgColumn, userId: string): SQL {
  return and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId), activeMember())!;
}

/** Active Owners of the organization `organizationId` (SQL naming its id), for rule 4's count. */
export function activeOwnerCount(organizationId: SQL | AnyPgColumn): SQL<number> {
  return sql<number>`(SELECT count(*)::int FROM ${memberships} m WHERE m.organization_id = ${organizationId} AND m.role = 'owner' AND ${activeMember(members)})`.mapWith(
    Number,
  );
}

/**
 * The actor's role as a query of one column, `role` (no row when they have none). A person's is their
 * active membership's. The directory is an Admin of its own organization while provisioning is on and
 * its token exists and was made by someone who is still an active Owner or Admin there (docs/rules.md
 * rule 13): a token does not outlive its maker's right to make it.
 */
export function actorRoleQuery(organizationId: string, actor: Actor): SQL {
  if (actor.kind === 'directory')
    return sql`SELECT ${DIRECTORY_ROLE}::member_role AS role FROM ${organizations} o
      JOIN ${scimTokens} t ON t.organization_id = o.id AND t.id = ${actor.tokenId}
      JOIN ${memberships} m ON m.organization_id = o.id AND m.user_id = t.created_by_id
        AND ${activeMember(members)} AND m.role IN (${sql.join(
          rolesWith('org:settings').map((role) => sql`${role}::member_role`),
          sql`, `,
        )})
      WHERE o.id = ${organizationId} AND o.id = ${actor.organizationId} AND o.scim_enabled`;
  return sql`SELECT ${memberships.role} AS role FROM ${memberships} WHERE ${membershipOf(organizationId, actor.userId)}`;
}

/** The actor's role, or NOT_FOUND when they are not a member. */
export function requireMember(role: MemberRole | null | undefined): MemberRole {
  if (!role) fail('NOT_FOUND');
  return role;
}

/** The actor's role, or NOT_FOUND when they are not a member, or FORBIDDEN (with `refusal`'s sentence) without `permission`. */
export function requirePermission(
  role: MemberRole | null | undefined,
  permission: Permission,
  refusal?: Refusal,
): MemberRole {
  const member = requireMember(role);
  if (!can(member, permission)) return refusal ? refuse('FORBIDDEN', refusal) : fail('FORBIDDEN');
  return member;
}

/**
 * The organization (by slug), the person's role in it, its Owner count and whether it has join requests
 * pending or a counting domain, or null when they are not a member. The counts ride in the same statement (an index-only count on organization and role), so the
 * console knows who is the only Owner without a statement of its own.
 */
export async function findMembershipBySlug(userId: string, slug: string): Promise<ConsoleAccess | null> {
  // Slugs are lower-case letters, digits and dashes; anything else (a NUL from the URL would be a
  // database error) is no organization.
  if (slug.length > MAX_SLUG_INPUT || !/^[a-z0-9-]+$/.test(slug)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      organization: organizations,
      role: memberships.role,
      membershipId: memberships.id,
      lastActiveAt: memberships.lastActiveAt,
      ownerCount: activeOwnerCount(organizations.id),
      // Two index probes, so that the users page reads the requests and the External marker only
      // for an organization that has them.
      joinRequestsPending: sql<boolean>`EXISTS (SELECT 1 FROM ${joinRequests} r WHERE r.organization_id = ${organizations.id} AND r.status = 'pending')`,
      hasCountingDomain: sql<boolean>`EXISTS (SELECT 1 FROM ${organizationDomains} WHERE ${countingDomain(organizations.id)})`,
    })
    .from(organizations)
    .innerJoin(memberships, membershipOf(organizations.id, userId))
    .where(eq(organizations.slug, slug));
  return row ?? null;
}

/** The actor's role in `organizationId` (actorRoleQuery), or null. */
export async function roleIn(db: Database, actor: Actor, organizationId: string): Promise<MemberRole | null> {
  const [row] = await rows(db, actorRoleQuery(organizationId, actor), z.object({ role: roleColumn }));
  return row?.role ?? null;
}

/** Throws FORBIDDEN unless the actor holds `permission` in the organization (NOT_FOUND if not a member). */
export async function requireConsoleAccess(
  actor: Actor,
  organizationId: string,
  permission: Permission = 'console:access',
): Promise<{ db: Database; role: MemberRole }> {
  const db = await getDb();
  const role = requirePermission(await roleIn(db, actor, organizationId), permission);
  return { db, role };
}

export interface LockedOrganization {
  id: string;
  name: string;
  slug: string;
  actorRole: MemberRole | null;
  ownerCount: number;
  /** Whether people are emailed when their role changes or they are removed (Settings). */
  notifyMemberChanges: boolean;
  /** Its seats (lib/organizations/seats.ts), or null for no limit. */
  seatLimit: number | null;
}

/**
 * Locks the organization's row for the rest of the transaction, then reads the actor's role and the
 * number of Owners. Every change to membership takes this lock first, so two Owners demoting each other
 * at the same moment run one after the other and the second sees one Owner.
 *
 * Two statements on purpose: under READ COMMITTED a statement reads with the snapshot taken when it
 * started, so a count read by the locking statement itself would predate a change committed while it
 * waited for the lock (both Owners would see two Owners, and both demotions would pass).
 */
export async function lockOrganization(
  tx: Transaction,
  organizationId: string,
  actor: Actor,
): Promise<LockedOrganization> {
  return (await lockOrganizationAndRead(tx, organizationId, actor, null)).organization;
}

/**
 * Takes the organization's row lock (one statement) and says whether the organization exists. The
 * lock every change to membership takes first; lockOrganization takes it and then reads.
 */
export async function lockOrganizationRow(tx: Transaction, organizationId: string): Promise<boolean> {
  const locked = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for('update');
  return locked.length > 0;
}

/**
 * lockOrganization, and in its second statement (after the lock, so with a snapshot as fresh as the
 * counts) also the rows of `query`, as JSON objects. Saves the caller a statement of its own: a bulk
 * change is then lock, read, write, whatever the size of the selection.
 */
export async function lockOrganizationAndRead<S extends z.ZodType = z.ZodNever>(
  tx: Transaction,
  organizationId: string,
  actor: Actor,
  query: { sql: SQL; row: S } | null,
): Promise<{ organization: LockedOrganization; rows: z.output<S>[] }> {
  if (!(await lockOrganizationRow(tx, organizationId))) fail('NOT_FOUND');
  const [row] = await rows(
    tx,
    sql`SELECT o.id, o.name, o.slug, (${actorRoleQuery(organizationId, actor)}) AS actor_role,
          ${activeOwnerCount(sql`o.id`)} AS owner_count,
          o.notify_member_changes, o.seat_limit,
          ${query ? sql`(SELECT coalesce(json_agg(x), '[]'::json) FROM (${query.sql}) x)` : sql`NULL::json`} AS extra
        FROM ${organizations} o
        WHERE o.id = ${organizationId}`,
    z.object({
      id: z.string(),
      name: z.string(),
      slug: z.string(),
      actor_role: roleColumn.nullable(),
      owner_count: column.count,
      notify_member_changes: z.boolean(),
      seat_limit: column.nullableCount,
      extra: column.json(z.array(query ? query.row : z.never()).nullable()),
    }),
  );
  if (!row) fail('NOT_FOUND');
  return {
    organization: {
      id: row.id,
      name: row.name,
      slug: row.slug,
      actorRole: row.actor_role,
      ownerCount: row.owner_count,
      notifyMemberChanges: row.notify_member_changes,
      seatLimit: row.seat_limit,
    },
    rows: row.extra ?? [],
  };
}
