// Deleting an organization (Owners only), with the record of its deletion that outlives it.
import 'server-only';
import { count, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, organizationDeletions, organizations } from '@/db/schema';
import { lockOrganization, requirePermission } from '../access';
import type { PersonActor } from '../shared/actor';
import { fail } from '../shared/errors';

/**
 * Deletes the organization, its memberships, invitations and audit events (accounts stay). Owners only,
 * and only when `confirmName` is the organization's name exactly. Its audit events go with it, so the
 * same transaction writes who deleted it, and how big it was, to organization_deletions (no foreign key
 * to the organization, so the record outlives it).
 */
export async function deleteOrganization(
  actor: PersonActor,
  input: { organizationId: string; confirmName: string },
) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockOrganization(tx, input.organizationId, actor);
    requirePermission(org.actorRole, 'org:delete', {
      message: 'Only an Owner can delete the organization.',
      detail: { key: 'deleteOwnerOnly' },
    });
    if (input.confirmName.trim() !== org.name) fail('CONFIRMATION_MISMATCH');
    const [members] = await tx
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.organizationId, org.id));
    await tx.insert(organizationDeletions).values({
      organizationId: org.id,
      name: org.name,
      slug: org.slug,
      memberCount: members?.n ?? 0,
      actorId: actor.userId,
      actorEmail: actor.email,
    });
    await tx.delete(organizations).where(eq(organizations.id, org.id));
    return { id: org.id, name: org.name };
  });
}
