// Sending one pending invitation again (docs/rules.md rule 10), as the user table's Resend does.
import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { invitations } from '@/db/schema';
import type { MemberRole } from '@/db/values';
import { actorRoleQuery, requireMember } from '../access';
import type { PersonActor } from '../shared/actor';
import { fail } from '../shared/errors';
import { decide, policyActorOf } from '../shared/policy';
import { inviteMembers } from './send';

/** Sends a pending invitation again (same address, same role): a new link, a new expiry. */
export async function resendInvitation(
  actor: PersonActor,
  input: { organizationId: string; invitationId: string },
) {
  const db = await getDb();
  const [invitation] = await db
    .select({
      email: invitations.email,
      role: invitations.role,
      status: invitations.status,
      actorRole: sql<MemberRole | null>`(${actorRoleQuery(input.organizationId, actor)})`,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.id, input.invitationId),
        eq(invitations.organizationId, input.organizationId),
        inArray(invitations.status, ['pending', 'declined']),
      ),
    );
  if (!invitation) fail('NOT_FOUND');
  // The policy's answer for this row (a declined invitation is not sent again); the sending checks again.
  const policyActor = policyActorOf(actor, requireMember(invitation.actorRole));
  const declined = invitation.status === 'declined';
  const decision = decide(
    policyActor,
    { kind: 'invitation', role: invitation.role, declined },
    { type: 'resend' },
  );
  if (!decision.allowed) fail(decision.code);
  const summary = await inviteMembers(
    actor,
    { organizationId: input.organizationId, emails: [invitation.email], role: invitation.role },
    { resendOnly: true },
  );
  const [result] = summary.results;
  if (result.outcome === 'rate_limited') fail(result.code ?? 'RATE_LIMITED', result.reason);
  return result;
}
