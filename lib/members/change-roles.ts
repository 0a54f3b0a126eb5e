// Changing roles: any mix of members and pending invitations, one or many, all or
// nothing (docs/rules.md rule 6). Each call is one transaction of four statements whatever the
// selection's size: lock the organization; read the actor's role, the Owner count and the targets; write
// the change with its audit events and the emails to the people it changed (./notifications.ts); queue
// those emails' jobs.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { invitations, memberships } from '@/db/schema';
import type { MemberRole } from '@/db/values';
import { accountOf, type Actor } from '../shared/actor';
import { auditInsert, type AuditEntry } from '../audit';
import { emailQueue, emailsInsert, queueJobs, type EmailQueue } from '../email/queue';
import { uuidArray } from '../sql';
import { roleChangedEmails } from './notifications';
import { noticesToSend } from './directory-notices';
import { authorize, idsOf, lockSelection, type Selection, type Target } from './targets';

export interface RoleChangeResult {
  /** How many rows changed (rows that already had the role are left alone and not counted). */
  changed: number;
  role: MemberRole;
  /** True when the actor changed their own role and no longer has console access. */
  actorLostAccess: boolean;
}

/**
 * Gives `role` to every selected member and pending invitation of the organization: by id, or every
 * row the table's filter matches (refused with SELECTION_CHANGED when they are no longer as many as the
 * person saw). All or nothing: when any row may not be changed, nothing changes and the error lists
 * each refused row and why.
 */
export async function changeRoles(
  actor: Actor,
  input: { organizationId: string; role: MemberRole } & Selection,
): Promise<RoleChangeResult> {
  const db = await getDb();
  const queue = await emailQueue();
  return db.transaction((tx) => changeRolesIn(tx, queue, actor, input));
}

/** changeRoles inside the caller's transaction (a SCIM update that changes more than the role: lib/scim). */
export async function changeRolesIn(
  tx: Transaction,
  queue: EmailQueue,
  actor: Actor,
  input: { organizationId: string; role: MemberRole } & Selection,
): Promise<RoleChangeResult> {
  const { org, targets, ids } = await lockSelection(tx, input.organizationId, actor, input);
  authorize(org, actor, ids, targets, { type: 'change_role', role: input.role });
  const toChange = targets.filter((target) => target.role !== input.role);
  if (toChange.length > 0) {
    const emails = emailsInsert(
      await noticesToSend(tx, actor, roleChangedEmails(org, actor, toChange, input.role)),
    );
    await writeRoleChange(tx, org.id, actor, toChange, input.role, emails?.insert);
    if (emails) await queueJobs(tx, queue, emails.ids);
  }
  const self = toChange.find((t) => t.kind === 'member' && t.userId === accountOf(actor));
  return {
    changed: toChange.length,
    role: input.role,
    actorLostAccess: Boolean(self) && input.role === 'member',
  };
}

/** The role change's one write: the members' and the invitations' updates, their audit events and `emails`. */
async function writeRoleChange(
  tx: Transaction,
  organizationId: string,
  actor: Actor,
  targets: Target[],
  role: MemberRole,
  emails: SQL | undefined,
) {
  const audit = targets.map((t): AuditEntry => ({
    action: t.kind === 'member' ? 'member.role_changed' : 'invitation.role_changed',
    targetType: t.kind,
    targetId: t.id,
    targetEmail: t.email,
    details: { from: t.role, to: role },
  }));
  // The policy gives no invitation the Owner role, so with 'owner' the invitations' list is empty.
  const invitationRole = role === 'owner' ? 'admin' : role;
  // Only an Owner can be break-glass under Require SSO (lib/sso/require.ts): an Owner who loses the role
  // stops being one, in the same statement, recorded for those who were (read before the update: `bg`).
  const losesOwner = role !== 'owner';
  const breakGlass = losesOwner
    ? targets
        .filter((t) => t.kind === 'member' && t.role === 'owner')
        .map((t): AuditEntry => ({
          action: 'sso.break_glass_changed',
          targetType: 'member',
          targetId: t.id,
          targetEmail: t.email,
          details: { to: false },
        }))
    : [];
  const memberIds = uuidArray(idsOf(targets, 'member'));
  await tx.execute(sql`
    WITH bg AS (
      SELECT id FROM ${memberships}
      WHERE organization_id = ${organizationId} AND id = ANY(${memberIds}) AND sso_break_glass
    ), m AS (
      UPDATE ${memberships} SET role = ${role}::member_role, updated_at = now()${losesOwner ? sql`, sso_break_glass = false` : sql``}
      WHERE organization_id = ${organizationId} AND id = ANY(${memberIds})
      RETURNING id
    ), i AS (
      UPDATE ${invitations} SET role = ${invitationRole}::invitation_role, updated_at = now()
      WHERE organization_id = ${organizationId} AND status = 'pending' AND id = ANY(${uuidArray(idsOf(targets, 'invitation'))})
      RETURNING id
    )${emails ? sql`, e AS (${emails})` : sql``}${
      breakGlass.length > 0
        ? sql`, g AS (${auditInsert(organizationId, actor, breakGlass, { onlyWritten: { member: sql`SELECT id FROM bg` } })})`
        : sql``
    }
    ${auditInsert(organizationId, actor, audit)}`);
}
