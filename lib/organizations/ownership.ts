// Handing an organization to another member (docs/rules.md rule 1: Owners only).
import 'server-only';
import { and, eq, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, users } from '@/db/schema';
import type { MemberRole } from '@/db/values';
import { lockOrganization, requireMember } from '../access';
import { recordAudit } from '../audit';
import { emailQueue, enqueueEmails } from '../email/queue';
import { ownershipTransferredEmails } from '../members/notifications';
import type { PersonActor } from '../shared/actor';
import { fail, refuse } from '../shared/errors';
import { decideForOrganization } from '../shared/policy';

/**
 * Hands the organization to another member in one step: they become Owner, the actor becomes Admin, and
 * they are emailed (unless the organization turned that off). Owners only; the new Owner must already be
 * a member.
 */
export async function transferOwnership(
  actor: PersonActor,
  input: { organizationId: string } & ({ toUserId: string } | { toEmail: string }),
) {
  const db = await getDb();
  const queue = await emailQueue();
  return db.transaction(async (tx) => {
    const org = await lockOrganization(tx, input.organizationId, actor);
    const decision = decideForOrganization(requireMember(org.actorRole), 'transfer_ownership');
    if (!decision.allowed) fail(decision.code, decision.message, undefined, decision.detail);
    const [target] = await tx
      .select({
        id: memberships.id,
        userId: memberships.userId,
        role: memberships.role,
        status: memberships.status,
        email: users.email,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.organizationId, org.id),
          'toUserId' in input
            ? eq(memberships.userId, input.toUserId)
            : eq(users.email, input.toEmail.trim().toLowerCase()),
        ),
      );
    if (!target) fail('NOT_A_MEMBER');
    // Handing it to a suspended member would leave no active Owner (docs/rules.md rule 8a).
    if (target.status !== 'active') fail('MEMBER_SUSPENDED');
    if (target.userId === actor.userId)
      refuse('INVALID_INPUT', {
        message: 'Choose another member to hand the organization to.',
        detail: { key: 'transferToAnother' },
      });
    // The actor stops being an Owner, so stops being break-glass under Require SSO (lib/sso/require.ts).
    const [mine] = await tx
      .select({ id: memberships.id, breakGlass: memberships.ssoBreakGlass })
      .from(memberships)
      .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, actor.userId)));
    await tx
      .update(memberships)
      .set({
        role: sql`CASE WHEN ${memberships.userId} = ${actor.userId} THEN 'admin'::member_role ELSE 'owner'::member_role END`,
        ssoBreakGlass: sql`CASE WHEN ${memberships.userId} = ${actor.userId} THEN false ELSE ${memberships.ssoBreakGlass} END`,
      })
      .where(
        and(
          eq(memberships.organizationId, org.id),
          or(eq(memberships.userId, actor.userId), eq(memberships.userId, target.userId)),
        ),
      );
    await recordAudit(tx, org.id, actor, [
      {
        action: 'organization.ownership_transferred',
        targetType: 'member',
        targetId: target.id,
        targetEmail: target.email,
        details: { from: target.role, to: 'owner' satisfies MemberRole, previousOwnerBecomes: 'admin' },
      },
      ...(mine?.breakGlass
        ? [
            {
              action: 'sso.break_glass_changed' as const,
              targetType: 'member' as const,
              targetId: mine.id,
              targetEmail: actor.email,
              details: { to: false },
            },
          ]
        : []),
    ]);
    await enqueueEmails(tx, queue, ownershipTransferredEmails(org, actor, target));
    return { newOwnerUserId: target.userId, newOwnerEmail: target.email };
  });
}
