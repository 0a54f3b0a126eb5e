// What a bulk change on picked rows leaves out, known before it is confirmed: each row the change cannot
// apply to, and why. The row's offer (lib/shared/offers.ts rowOffer, sent with the row) says whether the
// change applies to it, and the policy (lib/shared/policy.ts decide) says why not, as the server would;
// what the policy allows but the offer holds back is docs/rules.md rule 4, the only Owner. Pure.
import type { MemberRole } from '@/db/values';
import type { ErrorCode } from '@/lib/shared/errors';
import { decide, policyTarget, type TargetAction } from '@/lib/shared/policy';
import { roleLabels } from '@/lib/shared/roles';
import { plural } from '@/lib/shared/text';
import type { UserTableRow, UsersViewer } from './types';

/** A bulk change as the rows see it (member-changes.ts MemberChange, without its target). */
export type BulkAction =
  | { kind: 'role'; role: MemberRole }
  | { kind: 'status'; status: 'active' | 'suspended' }
  | { kind: 'remove' };

/** Why a row is left out: the policy's code, the row already as asked, or the only Owner (rule 4). */
export type HeldBackReason = ErrorCode | 'ALREADY';

export interface HeldBackGroup {
  reason: HeldBackReason;
  rows: UserTableRow[];
}

export interface SplitSelection {
  /** The rows the change applies to, in the table's order. */
  changeable: UserTableRow[];
  /** The rows left out, one group per reason, in the order of the first row of each. */
  heldBack: HeldBackGroup[];
}

/** Whether the row's offer includes `action`. */
function offered(row: UserTableRow, action: BulkAction): boolean {
  switch (action.kind) {
    case 'role':
      return row.allowedRoles.includes(action.role);
    case 'status':
      return Boolean(action.status === 'suspended' ? row.canSuspend : row.canReactivate);
    case 'remove':
      return Boolean(row.canDelete);
  }
}

function targetAction(action: BulkAction): TargetAction {
  switch (action.kind) {
    case 'role':
      return { type: 'change_role', role: action.role };
    case 'status':
      return { type: action.status === 'suspended' ? 'suspend' : 'reactivate' };
    case 'remove':
      return { type: 'remove' };
  }
}

/** Whether the row already is what the change would make it (the server leaves it alone). */
function already(row: UserTableRow, action: BulkAction): boolean {
  if (action.kind === 'role') return row.role === action.role;
  if (action.kind !== 'status' || row.kind !== 'member') return false;
  return action.status === 'suspended' ? row.status === 'suspended' : row.status === 'active';
}

/**
 * The row as the policy sees it. The browser knows of another member's account only that it is not the
 * viewer's, which is all the policy asks of it.
 */
function asPolicyTarget(row: UserTableRow, viewer: UsersViewer) {
  return policyTarget({
    kind: row.kind,
    userId: row.isSelf ? viewer.userId : `not-the-viewer:${row.id}`,
    role: row.role,
    declined: row.status === 'declined',
    suspended: row.status === 'suspended',
    directoryManaged: Boolean(row.directory),
    roleGroup: row.roleGroup ?? null,
    name: row.name ?? null,
    email: row.email,
  });
}

/** Why `action` leaves `row` out, or null when it applies to the row. */
export function heldBackReason(
  row: UserTableRow,
  action: BulkAction,
  viewer: UsersViewer,
): HeldBackReason | null {
  if (offered(row, action)) return null;
  // The policy's refusal first: it is what the server would answer for this row.
  const actor = { userId: viewer.userId, role: viewer.role, directory: false };
  const decision = decide(actor, asPolicyTarget(row, viewer), targetAction(action));
  if (!decision.allowed) return decision.code;
  return already(row, action) ? 'ALREADY' : 'LAST_OWNER';
}

/** `rows` parted into those `action` applies to and those it leaves out, grouped by why. */
export function splitSelection(
  rows: UserTableRow[],
  action: BulkAction,
  viewer: UsersViewer,
): SplitSelection {
  const changeable: UserTableRow[] = [];
  const groups = new Map<HeldBackReason, UserTableRow[]>();
  for (const row of rows) {
    const reason = heldBackReason(row, action, viewer);
    if (reason === null) changeable.push(row);
    else groups.set(reason, [...(groups.get(reason) ?? []), row]);
  }
  const heldBack = [...groups].map(([reason, held]) => ({ reason, rows: held }));
  // The viewer's own row is read first ("you (…)"), the others in the table's order.
  const own = (group: HeldBackGroup) => (group.rows.some((row) => row.isSelf) ? 0 : 1);
  return { changeable, heldBack: heldBack.sort((a, b) => own(a) - own(b)) };
}

/** "suspended", "given Admin": what cannot be done, after "can't be". */
export function pastTense(action: BulkAction): string {
  switch (action.kind) {
    case 'role':
      return `given ${roleLabels[action.role]}`;
    case 'status':
      return action.status === 'suspended' ? 'suspended' : 'reactivated';
    case 'remove':
      return 'deleted';
  }
}

/** Who a group is: "you", the one address, or "2 pending invitations" / "3 users". */
function who(rows: UserTableRow[]): string {
  if (rows.length === 1) return rows[0].isSelf ? 'you' : rows[0].email;
  if (rows.every((row) => row.kind === 'invitation'))
    return plural(
      rows.length,
      rows.every((row) => row.status === 'pending') ? 'pending invitation' : 'invitation',
    );
  return plural(rows.length, 'user');
}

/** Why a group is left out, in the words that follow who they are, between brackets. */
function why(reason: HeldBackReason, rows: UserTableRow[], action: BulkAction): string {
  const self = rows.length === 1 && rows[0].isSelf;
  switch (reason) {
    case 'ALREADY':
      return action.kind === 'role'
        ? `already ${roleLabels[action.role]}`
        : `already ${action.kind === 'status' && action.status === 'suspended' ? 'suspended' : 'active'}`;
    case 'SELF_SUSPEND':
      return `you can't ${action.kind === 'status' && action.status === 'active' ? 'reactivate' : 'suspend'} yourself`;
    case 'NOT_SUSPENDABLE':
      return rows.length === 1 ? 'not a member yet' : 'not members yet';
    case 'INVITATION_ROLE':
      return 'an invitation can’t make an Owner: make them one after they join';
    case 'INVITATION_DECLINED':
      return 'declined: delete it, or invite the address again';
    case 'OWNER_REQUIRED':
      return 'only an Owner can change, suspend or remove an Owner';
    case 'DIRECTORY_MANAGED':
      return 'managed by your identity provider: change them there';
    case 'ROLE_FROM_GROUP': {
      const groups = [...new Set(rows.map((row) => row.roleGroup))];
      const whose = rows.length === 1 ? (self ? 'your role comes' : 'their role comes') : 'their roles come';
      return groups.length === 1
        ? `${whose} from the directory group “${groups[0]}”: change its mapping on the Provisioning page`
        : `${whose} from directory groups: change their mappings on the Provisioning page`;
    }
    case 'LAST_OWNER':
      return self ? 'you are the only Owner: make someone else an Owner first' : 'the only Owner';
    default:
      return 'you don’t have permission';
  }
}

/**
 * "3 of 25 can't be suspended: you (you can't suspend yourself), 2 pending invitations (not members
 * yet)."; when it applies to none, only who and why ("You (…), 2 pending invitations (…)."); null when
 * it applies to every row.
 */
export function heldBackSentence(split: SplitSelection, action: BulkAction): string | null {
  if (split.heldBack.length === 0) return null;
  const held = split.heldBack.reduce((sum, group) => sum + group.rows.length, 0);
  const total = held + split.changeable.length;
  const parts = split.heldBack.map(({ reason, rows }) => `${who(rows)} (${why(reason, rows, action)})`);
  const list = parts.join(', ');
  // Nothing left to change: the dialog's title says so, and this says who and why.
  if (held === total) return `${list.charAt(0).toUpperCase()}${list.slice(1)}.`;
  return `${held} of ${total} can't be ${pastTense(action)}: ${list}.`;
}
