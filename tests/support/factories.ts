// Factories for the domain tests: unique emails, real rows through the real domain functions where one
// exists.
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { invitations, memberships, users } from '@/db/schema';
import type { InvitationRole, MemberRole } from '@/db/values';
import { person, type PersonActor } from '@/lib/shared/actor';
import { now } from '@/lib/clock';
import { createOrganization } from '@/lib/organizations';
import { newToken } from '@/lib/auth/secret-token';

let counter = 0;

export function uniqueEmail(label = 'user') {
  counter += 1;
  return `${label}-${counter}-${randomBytes(3).toString('hex')}@example.com`;
}

export async function createUser(input: { email?: string; name?: string | null } = {}): Promise<PersonActor> {
  const db = await getDb();
  const email = (input.email ?? uniqueEmail()).toLowerCase();
  const name = input.name === undefined ? `Person ${counter}` : input.name;
  const [user] = await db.insert(users).values({ email, name, emailVerified: now() }).returning();
  return person({ userId: user.id, email: user.email, name: user.name });
}

/** An organization with a fresh Owner; returns both. */
export async function createOrganizationWithOwner(name = 'Acme') {
  const owner = await createUser({ name: 'Olivia Owner' });
  const organization = await createOrganization(owner, { name });
  return { organization, owner };
}

/** Adds an existing (or new) person to the organization with `role`; returns the person and membership id. */
export async function addMember(organizationId: string, role: MemberRole, person?: PersonActor) {
  const db = await getDb();
  const actor = person ?? (await createUser());
  const [membership] = await db
    .insert(memberships)
    .values({ organizationId, userId: actor.userId, role })
    .returning();
  return { ...actor, membershipId: membership.id };
}

/**
 * Adds `count` new people as Members in one statement, addressed `many-<n>@example.com` and named
 * `Many <n>` (a bulk test's thousand rows).
 */
export async function addManyMembers(organizationId: string, count: number) {
  const db = await getDb();
  await db.execute(sql`
    WITH u AS (
      INSERT INTO users (email, name)
      SELECT 'many-' || g || '@example.com', 'Many ' || g FROM generate_series(1, ${count}::int) g
      RETURNING id
    )
    INSERT INTO memberships (organization_id, user_id, role) SELECT ${organizationId}, id, 'member' FROM u`);
}

/** Writes a pending invitation directly (no email); returns its id and raw token. */
export async function addInvitation(
  organizationId: string,
  input: { email?: string; role?: InvitationRole; invitedById?: string; expiresAt?: Date } = {},
) {
  const db = await getDb();
  const { token, hash } = newToken();
  const email = (input.email ?? uniqueEmail('invitee')).toLowerCase();
  const [row] = await db
    .insert(invitations)
    .values({
      organizationId,
      email,
      role: input.role ?? 'member',
      tokenHash: hash,
      invitedById: input.invitedById ?? null,
      expiresAt: input.expiresAt ?? new Date(now().getTime() + 7 * 24 * 3_600_000),
      lastSentAt: new Date(now().getTime() - 3_600_000),
      deliveryStatus: 'sent',
    })
    .returning();
  return { id: row.id, email, token, role: row.role };
}

export async function membershipOf(organizationId: string, userId: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return row ?? null;
}
