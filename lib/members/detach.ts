// Detaching a member from the directory (docs/rules.md rule 13): an Owner makes a member the identity
// provider manages an ordinary one, whom the console may change again. Lock, read, write with its audit
// event: one transaction.
import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships } from '@/db/schema';
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
    await tx
      .update(memberships)
      .set({
        directoryManaged: false,
        externalId: null,
        scimUserName: null,
        directoryName: null,
        updatedAt: now(),
      })
      .where(and(eq(memberships.organizationId, org.id), inArray(memberships.id, idsOf(targets, 'member'))));
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
