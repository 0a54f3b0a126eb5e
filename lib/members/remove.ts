// Removing people and leaving: the same all-or-nothing shape as changing roles (see ./change-roles.ts).
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { invitations, memberships } from '@/db/schema';
import { accountOf, type Actor, type PersonActor } from '../shared/actor';
import { membershipOf } from '../access';
import { auditInsert, type AuditEntry } from '../audit';
import { emailQueue, emailsInsert, queueJobs, type EmailQueue } from '../email/queue';
import { fail } from '../shared/errors';
import { roleLabels } from '@/lib/shared/roles';
import { column, rows, uuidArray } from '../sql';
import { removedEmails } from './notifications';
import { noticesToSend } from './directory-notices';
import { endSsoMembersSessions } from './sessions';
import { authorize, idsOf, lockSelection, type Selection, type Target } from './targets';
import { z } from 'zod';

export interface RemovalResult {
  removedMembers: number;
  revokedInvitations: number;
  /** True when the actor removed themselves (left the organization). */
  actorLeft: boolean;
}

/**
 * Removes every selected member (their account stays) and revokes every selected pending or declined
 * invitation (a declined one stays listed until an admin removes it), by id or every row the table's
 * filter matches. All or nothing, under the same rules as changeRoles; removing yourself is leaving.
 */
export async function removeMembers(
  actor: Actor,
  input: { organizationId: string } & Selection,
): Promise<RemovalResult> {
  const db = await getDb();
  const queue = await emailQueue();
  return db.transaction((tx) => removeMembersIn(tx, queue, actor, input));
}

/** removeMembers inside the caller's transaction (a SCIM delete: lib/scim). */
export async function removeMembersIn(
  tx: Transaction,
  queue: EmailQueue,
  actor: Actor,
  input: { organizationId: string } & Selection,
): Promise<RemovalResult> {
  const { org, targets, ids } = await lockSelection(tx, input.organizationId, actor, input);
  authorize(org, actor, ids, targets, { type: 'remove' });
  const emails = emailsInsert(await noticesToSend(tx, actor, removedEmails(org, actor, targets)));
  const result = await writeRemoval(tx, org.id, actor, targets, emails?.insert);
  if (emails) await queueJobs(tx, queue, emails.ids);
  return result;
}

/**
 * The removal's one write: delete the memberships, revoke the invitations, record the events, write
 * `emails` (to the people removed: ./notifications.ts), end the sessions of those who sign in by SSO
 * (./sessions.ts). What is
 * reported and recorded is what the statement changed (its RETURNING rows), not the rows read before it:
 * the two agree under the organization's lock, and a test proves the count would notice if they did not.
 */
async function writeRemoval(
  tx: Transaction,
  organizationId: string,
  actor: Actor,
  targets: Target[],
  emails: SQL | undefined,
): Promise<RemovalResult> {
  const audit = targets.map((t): AuditEntry => ({
    action:
      t.kind === 'invitation'
        ? 'invitation.revoked'
        : t.userId === accountOf(actor)
          ? 'member.left'
          : 'member.removed',
    targetType: t.kind,
    targetId: t.id,
    targetEmail: t.email,
    details: { role: t.role, roleLabel: roleLabels[t.role] },
  }));
  const [done] = await rows(
    tx,
    sql`
    WITH m AS (
      DELETE FROM ${memberships} WHERE organization_id = ${organizationId} AND id = ANY(${uuidArray(idsOf(targets, 'member'))})
      RETURNING id, user_id, sso_signed_in_at
    ), s AS (
      ${endSsoMembersSessions(sql`SELECT user_id, sso_signed_in_at FROM m`)}
    ), i AS (
      UPDATE ${invitations} SET status = 'revoked', updated_at = now()
      WHERE organization_id = ${organizationId} AND status IN ('pending', 'declined') AND id = ANY(${uuidArray(idsOf(targets, 'invitation'))})
      RETURNING id
    ), a AS (
      ${auditInsert(organizationId, actor, audit, { onlyWritten: { member: sql`SELECT id FROM m`, invitation: sql`SELECT id FROM i` } })}
    )${emails ? sql`, e AS (${emails})` : sql``}
    SELECT (SELECT count(*) FROM m)::int AS removed_members, (SELECT count(*) FROM i)::int AS revoked_invitations,
           EXISTS (SELECT 1 FROM m WHERE user_id = ${accountOf(actor)}::uuid) AS actor_left`,
    z.object({ removed_members: column.count, revoked_invitations: column.count, actor_left: z.boolean() }),
  );
  return {
    removedMembers: done?.removed_members ?? 0,
    revokedInvitations: done?.revoked_invitations ?? 0,
    actorLeft: done?.actor_left ?? false,
  };
}

/** Leaves the organization (any role), unless you are its last Owner. */
export async function leaveOrganization(
  actor: PersonActor,
  input: { organizationId: string },
): Promise<RemovalResult> {
  const db = await getDb();
  const [own] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(membershipOf(input.organizationId, actor.userId));
  if (!own) fail('NOT_FOUND');
  return removeMembers(actor, { organizationId: input.organizationId, ids: [own.id] });
}
