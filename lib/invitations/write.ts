// The invitations of a request written (docs/rules.md rules 9 and 10): one statement for every row of a
// role, each with a new link of which only the hash is kept, and one audit event per row, in the
// request's transaction (./send.ts).
import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { invitations } from '@/db/schema';
import type { InvitationRole } from '@/db/values';
import { recordAudit } from '../audit';
import { newToken } from '../auth/secret-token';
import type { PersonActor } from '../shared/actor';
import { excluded } from '../sql';
import type { Candidate } from './classify';
import type { OutgoingInvitation } from './delivery';

export type Written = Candidate & OutgoingInvitation;

/** When a transaction step runs: the moment of the request, and the expiry its links get. */
export interface Timing {
  at: Date;
  expiresAt: Date;
}

/**
 * Writes one invitation per candidate in one statement, each with a new link of which only the hash is
 * stored (docs/rules.md rule 9): a new row, or the address's pending row renewed (rule 10: the old link
 * stops working, the expiry starts again, the role becomes the one chosen now, the send count goes up).
 * A declined row of the address is revoked first: the new pending invitation replaces it.
 */
export async function writeInvitations(
  tx: Transaction,
  organizationId: string,
  actor: PersonActor,
  role: InvitationRole,
  { at, expiresAt }: Timing,
  candidates: readonly Candidate[],
): Promise<Written[]> {
  if (candidates.length === 0) return [];
  // A declined invitation gives way to the new one, so the address has one row in the table. One more
  // statement, only when a declined address is invited again.
  const replaced = candidates.flatMap((candidate) => candidate.replaces);
  if (replaced.length > 0) {
    await tx
      .update(invitations)
      .set({ status: 'revoked', updatedAt: at })
      .where(and(inArray(invitations.id, replaced), eq(invitations.status, 'declined')));
  }
  const links = candidates.map((candidate) => {
    const { token, hash } = newToken();
    return { ...candidate, token, tokenHash: hash };
  });
  const written = await tx
    .insert(invitations)
    .values(
      links.map((link) => ({
        organizationId,
        email: link.email,
        role,
        tokenHash: link.tokenHash,
        invitedById: actor.userId,
        expiresAt,
        lastSentAt: at,
        deliveryStatus: 'queued' as const,
      })),
    )
    .onConflictDoUpdate({
      target: [invitations.organizationId, invitations.email],
      targetWhere: sql`status = 'pending'`,
      set: {
        tokenHash: excluded(invitations.tokenHash),
        role: excluded(invitations.role),
        invitedById: excluded(invitations.invitedById),
        expiresAt: excluded(invitations.expiresAt),
        lastSentAt: excluded(invitations.lastSentAt),
        sendCount: sql`${invitations.sendCount} + 1`,
        deliveryStatus: 'queued',
        deliveryError: null,
        updatedAt: at,
      },
    })
    .returning({ id: invitations.id, email: invitations.email, sendCount: invitations.sendCount });
  const byEmail = new Map(written.map((row) => [row.email, row]));
  return links.map((link) => ({
    ...link,
    invitationId: byEmail.get(link.email)!.id,
    sendCount: byEmail.get(link.email)!.sendCount,
  }));
}

/** One audit event per invitation written, in the same transaction. */
export async function auditSent(
  tx: Transaction,
  organizationId: string,
  actor: PersonActor,
  role: InvitationRole,
  written: readonly Written[],
) {
  await recordAudit(
    tx,
    organizationId,
    actor,
    written.map((item) => ({
      action: item.kind === 'new' ? ('invitation.sent' as const) : ('invitation.resent' as const),
      targetType: 'invitation' as const,
      targetId: item.invitationId,
      targetEmail: item.email,
      details: { role },
    })),
  );
}
