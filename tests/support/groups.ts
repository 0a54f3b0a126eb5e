// Directory groups written straight to their tables, for tests of what a group does (its mapping, the
// roles it gives) without the SCIM requests that would make them; and a member's role as stored.
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, scimGroupMembers, scimGroups } from '@/db/schema';
import type { InvitationRole } from '@/db/values';

/** A group of the organization named `displayName`, mapped to `mappedRole` (none unless said); its id. */
export async function insertGroup(
  organizationId: string,
  displayName: string,
  mappedRole: InvitationRole | null = null,
) {
  const db = await getDb();
  const [row] = await db.insert(scimGroups).values({ organizationId, displayName, mappedRole }).returning();
  return row.id;
}

/** Puts the memberships in the group (their roles are left as they are: applyGroupRoles does that). */
export async function joinGroup(organizationId: string, groupId: string, membershipIds: string[]) {
  const db = await getDb();
  await db
    .insert(scimGroupMembers)
    .values(membershipIds.map((membershipId) => ({ organizationId, groupId, membershipId })));
}

/** A membership's role and the group it came from. */
export async function roleOf(membershipId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ role: memberships.role, roleGroupId: memberships.roleGroupId })
    .from(memberships)
    .where(eq(memberships.id, membershipId));
  return row;
}
