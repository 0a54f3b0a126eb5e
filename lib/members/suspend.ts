// Suspending and reactivating members (docs/rules.md rule 8a): the same all-or-nothing shape as changing
// roles (./change-roles.ts), three statements whatever the selection's size: lock, read, write with the
// audit events (and a count of the seats in use before a reactivation, when the organization limits them). A suspended member keeps membership and role and loses access on their next request
// (lib/access.ts reads only active memberships); one who signs in by SSO is signed out at once (./sessions.ts).
import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { memberships } from '@/db/schema';
import { endSsoMembersSessions } from './sessions';
import type { MemberStatus } from '@/db/values';
import type { Actor } from '../shared/actor';
import { auditInsert, type AuditEntry } from '../audit';
import { now } from '../clock';
import { roleLabels } from '@/lib/shared/roles';
import { assertSeats, reactivationSeatRefusal } from '../organizations/seats';
import { uuidArray } from '../sql';
import { authorize, idsOf, lockSelection, type Selection, type Target } from './targets';

export interface StatusChangeResult {
  /** How many members changed (those already in `status` are left alone and not counted). */
  changed: number;
  status: MemberStatus;
}

/**
 * Suspends (`status: 'suspended'`) or reactivates (`'active'`) every selected member: by id, or every
 * row the table's filter matches. All or nothing: an invitation, yourself, an Owner when you are an
 * Admin, or the last active Owner refuse the whole change, each refused row named with its reason.
 */
export async function setMemberStatus(
  actor: Actor,
  input: { organizationId: string; status: MemberStatus } & Selection,
): Promise<StatusChangeResult> {
  const db = await getDb();
  return db.transaction((tx) => setMemberStatusIn(tx, actor, input));
}

/** setMemberStatus inside the caller's transaction (a SCIM update: lib/scim). */
export async function setMemberStatusIn(
  tx: Transaction,
  actor: Actor,
  input: { organizationId: string; status: MemberStatus } & Selection,
): Promise<StatusChangeResult> {
  const { org, targets, ids } = await lockSelection(tx, input.organizationId, actor, input);
  const suspend = input.status === 'suspended';
  authorize(org, actor, ids, targets, { type: suspend ? 'suspend' : 'reactivate' });
  const toChange = targets.filter((target) => target.kind === 'member' && target.suspended !== suspend);
  // A reactivated member takes a seat again (docs/rules.md rule 8b): refused as a whole past the limit.
  if (!suspend)
    await assertSeats(tx, org, toChange.length, now(), (used, limit) =>
      reactivationSeatRefusal(toChange.length, used, limit),
    );
  if (toChange.length > 0) await writeStatus(tx, org.id, actor, toChange, input.status);
  return { changed: toChange.length, status: input.status };
}

async function writeStatus(
  tx: Transaction,
  organizationId: string,
  actor: Actor,
  targets: Target[],
  status: MemberStatus,
) {
  const audit = targets.map((t): AuditEntry => ({
    action: status === 'suspended' ? 'member.suspended' : 'member.reactivated',
    targetType: 'member',
    targetId: t.id,
    targetEmail: t.email,
    details: { role: t.role, roleLabel: roleLabels[t.role] },
  }));
  await tx.execute(sql`
    WITH m AS (
      UPDATE ${memberships}
      SET status = ${status}::member_status, updated_at = now(),
          suspended_at = CASE WHEN ${status} = 'suspended' THEN now() ELSE suspended_at END
      WHERE organization_id = ${organizationId} AND id = ANY(${uuidArray(idsOf(targets, 'member'))})
      RETURNING id, user_id, sso_signed_in_at
    )${status === 'suspended' ? sql`, s AS (${endSsoMembersSessions(sql`SELECT user_id, sso_signed_in_at FROM m`)})` : sql``}
    ${auditInsert(organizationId, actor, audit, { onlyWritten: { member: sql`SELECT id FROM m` } })}`);
}
