// The rows a bulk change is aimed at: read under the organization's lock with the actor's role and the
// Owner count, then decided one by one by the policy, all or nothing (docs/rules.md rules 4 and 6).
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { type Transaction } from '@/db/client';
import { invitations, memberships, scimGroups, users } from '@/db/schema';
import { memberRoleValues, type MemberRole } from '@/db/values';
import type { Actor } from '../shared/actor';
import {
  lockOrganizationAndRead,
  requireMember,
  requirePermission,
  type LockedOrganization,
} from '../access';
import { DomainError, errorMessages, fail, refuse, type RefusedTarget } from '../shared/errors';
import { MAX_SELECTION } from '../shared/limits';
import { decide, ownersRemainAfter, policyActorOf, policyTarget, type TargetAction } from '../shared/policy';
import { uuidArray } from '../sql';
import { readFilters } from '../user-table/list';
import type { InactivityDays, UserStatus } from '../shared/user-table';

export interface Target {
  kind: 'member' | 'invitation';
  id: string;
  userId: string | null;
  role: MemberRole;
  email: string;
  /** An invitation the invitee declined: only its removal is allowed (docs/rules.md rule 10). */
  declined: boolean;
  /** A suspended member (docs/rules.md rule 8a): no active Owner, whatever their role. */
  suspended: boolean;
  /** A member the identity provider manages (docs/rules.md rule 13): the console leaves them be. */
  directoryManaged: boolean;
  /** Members: the directory group whose mapping gives the role (DESIGN §12), and their name, to say so. */
  roleGroup: string | null;
  name: string | null;
}

/** A row of targetsQuery and matchingQuery (JSON, read inside lockOrganizationAndRead), as a Target. */
const targetRow = z
  .object({
    kind: z.enum(['member', 'invitation']),
    id: z.string(),
    user_id: z.string().nullable(),
    role: z.enum(memberRoleValues),
    email: z.string(),
    declined: z.boolean(),
    suspended: z.boolean(),
    directory_managed: z.boolean(),
    role_group: z.string().nullable(),
    name: z.string().nullable(),
  })
  .transform((row): Target => ({
    kind: row.kind,
    id: row.id,
    userId: row.user_id,
    role: row.role,
    email: row.email,
    declined: row.declined,
    suspended: row.suspended,
    directoryManaged: row.directory_managed,
    roleGroup: row.role_group,
    name: row.name,
  }));

/**
 * The selected rows of the organization: its members and its pending and declined invitations (the
 * rows of the user table; the policy decides what may be done to a declined one). Read inside the
 * second statement of lockOrganizationAndRead (after the lock), which is why it is a fragment of SQL.
 */
function targetsQuery(organizationId: string, ids: string[]): SQL {
  return sql`SELECT 'member' AS kind, m.id, m.user_id, m.role::text AS role, u.email, false AS declined,
        m.status = 'suspended' AS suspended, m.directory_managed,
        CASE WHEN m.role <> 'owner' THEN rg.display_name END AS role_group, u.name
      FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id
      LEFT JOIN ${scimGroups} rg ON rg.id = m.role_group_id
      WHERE m.organization_id = ${organizationId} AND m.id = ANY(${uuidArray(ids)})
    UNION ALL
    SELECT 'invitation' AS kind, i.id, NULL, i.role::text AS role, i.email, i.status = 'declined', false, false, NULL, NULL
      FROM ${invitations} i
      WHERE i.organization_id = ${organizationId} AND i.status IN ('pending', 'declined') AND i.id = ANY(${uuidArray(ids)})`;
}

/**
 * Every row of the organization that the user table's filter matches, on any page: the table's own
 * conditions (lib/user-table/list.ts readFilters), so the server selects what the person saw counted. At
 * most one row past MAX_SELECTION is read, enough to tell that there are too many.
 */
function matchingQuery(organizationId: string, filter: TableFilter): SQL {
  const filters = readFilters({
    organizationId,
    search: filter.search.replace(/[\u0000-\u001f\u007f]/g, ''),
    roles: filter.role ? [filter.role] : undefined,
    statuses: filter.status ? [filter.status] : undefined,
    inactiveDays: filter.inactive,
    external: filter.external ?? false,
    department: filter.department ?? null,
  });
  const memberWhere = filters.wantMembers ? filters.memberWhere : sql`false`;
  const invitationWhere = filters.wantInvitations ? filters.invitationWhere : sql`false`;
  return sql`(SELECT 'member' AS kind, m.id, m.user_id, m.role::text AS role, u.email, false AS declined,
        m.status = 'suspended' AS suspended, m.directory_managed,
        CASE WHEN m.role <> 'owner' THEN rg.display_name END AS role_group, u.name
      FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id
      LEFT JOIN ${scimGroups} rg ON rg.id = m.role_group_id
      WHERE ${memberWhere}
    UNION ALL
    SELECT 'invitation' AS kind, i.id, NULL, i.role::text AS role, i.email, i.status = 'declined', false, false, NULL, NULL
      FROM ${invitations} i
      WHERE ${invitationWhere})
    LIMIT ${MAX_SELECTION + 1}`;
}

/** The user table's search and filters, as its URL holds them (lib/shared/user-table.ts). */
export interface TableFilter {
  search: string;
  role: MemberRole | null;
  status: UserStatus | null;
  /** Members not active for this many days (lib/shared/user-table.ts inactivityDays); null: any. */
  inactive?: InactivityDays | null;
  /** Only External members (lib/shared/user-table.ts); absent: everyone. */
  external?: boolean;
  /** Only members of this department (as the directory sent it); absent: any. */
  department?: string | null;
}

/**
 * What a bulk change is aimed at: the rows picked by id, or every row the table's filter matches
 * across pages, with the count the person saw (`count`), so that a list that changed meanwhile is
 * refused rather than changed blind.
 */
export type Selection = { ids: readonly string[] } | { matching: { filter: TableFilter; count: number } };

/**
 * Locks the organization and reads the actor's role, the Owner count and the targets: two statements,
 * whichever the selection. Returns the ids the change is for (the selected ones, or every match).
 */
export async function lockSelection(
  tx: Transaction,
  organizationId: string,
  actor: Actor,
  selection: Selection,
): Promise<{ org: LockedOrganization; targets: Target[]; ids: string[] }> {
  if ('ids' in selection) {
    const ids = uniqueIds(selection.ids);
    const { organization, rows } = await lockOrganizationAndRead(tx, organizationId, actor, {
      sql: targetsQuery(organizationId, ids),
      row: targetRow,
    });
    return { org: organization, targets: rows, ids };
  }
  const expected = selection.matching.count;
  if (!Number.isInteger(expected) || expected < 1 || expected > MAX_SELECTION) fail('INVALID_INPUT');
  const { organization, rows } = await lockOrganizationAndRead(tx, organizationId, actor, {
    sql: matchingQuery(organizationId, selection.matching.filter),
    row: targetRow,
  });
  // Selecting by filter is the console's (a Member can only act on themselves, by id); checked before
  // the count is compared, so that nobody else learns how many rows match.
  requirePermission(organization.actorRole, 'members:manage');
  if (rows.length !== expected) {
    const over = rows.length > MAX_SELECTION;
    const now = over
      ? `more than ${MAX_SELECTION.toLocaleString('en-US')} users match them now`
      : `${rows.length.toLocaleString('en-US')} ${rows.length === 1 ? 'user matches' : 'users match'} them now`;
    fail(
      'SELECTION_CHANGED',
      `Nothing was changed: you selected the ${expected.toLocaleString('en-US')} users matching your filters, and ${now}. Look at the list again and select anew.`,
      { expected, found: Math.min(rows.length, MAX_SELECTION + 1) },
      over
        ? { key: 'selectionChangedOver', values: { expected, max: MAX_SELECTION } }
        : { key: 'selectionChanged', values: { expected, found: rows.length } },
    );
  }
  return { org: organization, targets: rows, ids: rows.map((target) => target.id) };
}

export function idsOf(targets: Target[], kind: Target['kind']): string[] {
  return targets.filter((target) => target.kind === kind).map((target) => target.id);
}

export function uniqueIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0)
    refuse('INVALID_INPUT', { message: 'Select at least one user.', detail: { key: 'selectAtLeastOne' } });
  if (unique.length > MAX_SELECTION)
    refuse('INVALID_INPUT', {
      message: `Select at most ${MAX_SELECTION.toLocaleString('en-US')} users at a time.`,
      detail: { key: 'selectAtMost', values: { max: MAX_SELECTION } },
    });
  return unique;
}

/**
 * Checks every target against the policy and docs/rules.md rule 4. Throws BULK_REFUSED naming each refused row, or
 * LAST_OWNER; returns the targets otherwise.
 */
export function authorize(
  org: LockedOrganization,
  actor: Actor,
  ids: string[],
  targets: Target[],
  action: TargetAction,
) {
  const policyActor = policyActorOf(actor, requireMember(org.actorRole));
  const byId = new Map(targets.map((target) => [target.id, target]));
  const refused: RefusedTarget[] = [];
  for (const id of ids) {
    const target = byId.get(id);
    if (!target) {
      refused.push({ id, email: '', code: 'NOT_FOUND', message: errorMessages.NOT_FOUND });
      continue;
    }
    const decision = decide(policyActor, policyTarget(target), action);
    if (!decision.allowed) {
      const { code, message, detail } = decision;
      refused.push({ id, email: target.email, code, message, detail });
    }
  }
  if (refused.length > 0) {
    if (ids.length === 1) {
      const [only] = refused;
      throw new DomainError(only.code, only.message, { refused }, only.detail);
    }
    // One sentence per reason, in its general words: each row's own is in `refused`.
    const codes = [...new Set(refused.map((row) => row.code))];
    const reasons = codes.map((code) => errorMessages[code]).join(' ');
    throw new DomainError(
      'BULK_REFUSED',
      `Nothing was changed: ${refused.length} of the ${ids.length} selected users can't be changed. ${reasons}`,
      { refused },
      { key: 'bulkRefused', values: { refused: refused.length, selected: ids.length }, reasons: codes },
    );
  }
  // Rule 4 counts active Owners: a suspended Owner is none to lose, and a suspended member made Owner is
  // none gained; reactivating an Owner gains one.
  const active = targets.filter((target) => target.kind === 'member' && !target.suspended);
  const losesOwner =
    action.type === 'remove' ||
    action.type === 'suspend' ||
    (action.type === 'change_role' && action.role !== 'owner');
  const lost = losesOwner ? active.filter((t) => t.role === 'owner').length : 0;
  const gained =
    action.type === 'change_role' && action.role === 'owner'
      ? active.filter((t) => t.role !== 'owner').length
      : 0;
  if (!ownersRemainAfter(org.ownerCount, lost, gained)) fail('LAST_OWNER');
}
