// Detaching a member from the directory (docs/rules.md rule 13): an Owner makes a member the identity
// provider manages an ordinary one, whom the console may change again: what the directory kept on them
// (its ids, name, profile, title and department) is cleared, and they leave its groups keeping the role
// they hold (a role a group gave is theirs now, for the console to change: rule 33). Lock, read, write
// with its audit event: one transaction.
import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, scimGroupMembers } from '@/db/schema';
import type { Actor } from '../shared/actor';
import { recordAudit } from '../audit';
import { now } from '../clock';
import { authorize, idsOf, lockSelection } from './targets';

/** Detaches one member from the directory. Owners only (OWNER_REQUIRED); NOT_FOUND for a member it does not manage. */
export async function detachFromDirectory(
  actor: Actor,
  input: { organizationId: string; membershipId: string },
): Promise<{ detached: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { org, targets, ids } = await lockSelection(tx, input.organizationId, actor, {
      ids: [input.membershipId],
    });
    authorize(org, actor, ids, targets, { type: 'detach' });
    const detached = idsOf(targets, 'member');
    await tx.delete(scimGroupMembers).where(inArray(scimGroupMembers.membershipId, detached));
    await tx
      .update(memberships)
      .set({
        directoryManaged: false,
        externalId: null,
        scimUserName: null,
        directoryName: null,
        scimProfile: null,
        title: null,
        department: null,
        roleGroupId: null,
        updatedAt: now(),
      })
      .where(and(eq(memberships.organizationId, org.id), inArray(memberships.id, detached)));
    await recordAudit(
      tx,
      org.id,
      actor,
      targets.map((target) => ({
        action: 'member.detached' as const,
        targetType: 'member' as const,
        targetId: target.id,
        targetEmail: target.email,
        details: { role: target.role },
      })),
    );
    return { detached: targets.length };
  });
}
