// Finding a member by part of their name or address, for pickers such as `Transfer ownership`: the
// search runs in the database and returns a handful of rows, so it costs the same at 10 members and at
// 10,000 (the trigram indexes on users' lower-cased name and email serve the substring match).
import 'server-only';
import { sql } from 'drizzle-orm';
import { memberships, users } from '@/db/schema';
import type { PersonActor } from '../shared/actor';
import { requireConsoleAccess } from '../access';
import { MAX_SEARCH, MEMBER_SEARCH_RESULTS } from '../shared/limits';
import type { MemberRole } from '@/db/values';
import { rows } from '../sql';
import { escapeLike } from '../user-table/sql';
import { z } from 'zod';
import { memberRoleValues } from '@/db/values';

export interface MemberMatch {
  userId: string;
  name: string | null;
  email: string;
  role: MemberRole;
}

/**
 * Members of the organization whose name or address contains `query` (case-insensitive), those that
 * start with it first, then by name; at most MEMBER_SEARCH_RESULTS. An empty query lists the first
 * members by name. The actor is never among them (you do not pick yourself), nor is a suspended member
 * (who can be handed nothing: docs/rules.md rule 8a). Owners and Admins only
 * (`members:manage`, who see the member list anyway): NOT_FOUND for a non-member, FORBIDDEN for a Member.
 */
export async function searchMembers(
  actor: PersonActor,
  input: { organizationId: string; query: string },
): Promise<MemberMatch[]> {
  const { db } = await requireConsoleAccess(actor, input.organizationId, 'members:manage');
  const text = escapeLike(input.query.trim().toLowerCase().slice(0, MAX_SEARCH));
  const email = sql`lower(${users.email})`;
  const name = sql`lower(coalesce(${users.name}, ''))`;
  const matches = text ? sql`AND (${email} LIKE ${`%${text}%`} OR ${name} LIKE ${`%${text}%`})` : sql``;
  const prefix = `${text}%`;
  const found = await rows(
    db,
    sql`SELECT ${users.id} AS user_id, ${users.name} AS name, ${users.email} AS email, ${memberships.role}::text AS role
        FROM ${memberships} JOIN ${users} ON ${users.id} = ${memberships.userId}
        WHERE ${memberships.organizationId} = ${input.organizationId} AND ${memberships.userId} <> ${actor.userId}
          AND ${memberships.status} = 'active'
          ${matches}
        ORDER BY (${email} LIKE ${prefix} OR ${name} LIKE ${prefix}) DESC,
                 lower(coalesce(${users.name}, ${users.email})), ${users.email}
        LIMIT ${MEMBER_SEARCH_RESULTS}`,
    z.object({
      user_id: z.string(),
      name: z.string().nullable(),
      email: z.string(),
      role: z.enum(memberRoleValues),
    }),
  );
  return found.map((row) => ({ userId: row.user_id, name: row.name, email: row.email, role: row.role }));
}
