// What a bulk change on picked rows leaves out, known before it is confirmed: each row the change cannot
// apply to, and why. The row's offer (lib/shared/offers.ts rowOffer, sent with the row) says whether the
// change applies to it, and the policy (lib/shared/policy.ts decide) says why not, as the server would;
// what the policy allows but the offer holds back is docs/rules.md rule 4, the only Owner. Pure.
import type { MemberRole } from '@/db/values';
import type { ErrorCode } from '@/lib/shared/errors';
import { decide, policyTarget, type TargetAction } from '@/lib/shared/policy';
import type { UserTableRow, UsersViewer } from './types';
import { listText, type Translate, type Words } from './words';

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

/** The action as the messages choose between its words (`{action, select, …}` in users.heldBack and users.confirm). */
export function actionWords(action: BulkAction, t: Translate): { action: string; role: string } {
  switch (action.kind) {
    case 'role':
      return { action: 'role', role: t(`common.roles.${action.role}`) };
    case 'status':
      return { action: action.status === 'suspended' ? 'suspend' : 'reactivate', role: '' };
    case 'remove':
      return { action: 'remove', role: '' };
  }
}

/** Who a group is: "you", the one address, or "2 pending invitations" / "3 users". */
function who(rows: UserTableRow[], t: Translate): string {
  if (rows.length === 1) return rows[0].isSelf ? t('users.heldBack.you') : rows[0].email;
  const count = rows.length;
  if (rows.every((row) => row.kind === 'invitation'))
    return rows.every((row) => row.status === 'pending')
      ? t('users.heldBack.pendingInvitations', { count })
      : t('users.heldBack.invitations', { count });
  return t('users.heldBack.users', { count });
}

/** Why a group is left out, in the words that follow who they are, between brackets. */
function why(reason: HeldBackReason, rows: UserTableRow[], action: BulkAction, t: Translate): string {
  const self = rows.length === 1 && rows[0].isSelf;
  switch (reason) {
    case 'ALREADY':
      return action.kind === 'role'
        ? t('users.heldBack.alreadyRole', { role: t(`common.roles.${action.role}`) })
        : action.kind === 'status' && action.status === 'suspended'
          ? t('users.heldBack.alreadySuspended')
          : t('users.heldBack.alreadyActive');
    case 'SELF_SUSPEND':
      return action.kind === 'status' && action.status === 'active'
        ? t('users.heldBack.selfReactivate')
        : t('users.heldBack.selfSuspend');
    case 'NOT_SUSPENDABLE':
      return t('users.heldBack.notMembers', { count: rows.length });
    case 'INVITATION_ROLE':
      return t('users.heldBack.invitationRole');
    case 'INVITATION_DECLINED':
      return t('users.heldBack.invitationDeclined');
    case 'OWNER_REQUIRED':
      return t('users.heldBack.ownerRequired');
    case 'DIRECTORY_MANAGED':
      return t('users.heldBack.directoryManaged');
    case 'ROLE_FROM_GROUP': {
      const groups = [...new Set(rows.map((row) => row.roleGroup))];
      const whose = rows.length === 1 ? (self ? 'you' : 'one') : 'many';
      return groups.length === 1
        ? t('users.heldBack.roleFromGroup', { whose, group: groups[0] ?? '' })
        : t('users.heldBack.roleFromGroups', { whose });
    }
    case 'LAST_OWNER':
      return self ? t('users.heldBack.lastOwnerSelf') : t('users.heldBack.lastOwner');
    default:
      return t('users.heldBack.forbidden');
  }
}

/**
 * "3 of 25 can't be suspended: you (you can't suspend yourself), 2 pending invitations (not members
 * yet)."; when it applies to none, only who and why ("You (…), 2 pending invitations (…)."); null when
 * it applies to every row.
 */
export function heldBackSentence(split: SplitSelection, action: BulkAction, words: Words): string | null {
  if (split.heldBack.length === 0) return null;
  const { t } = words;
  const held = split.heldBack.reduce((sum, group) => sum + group.rows.length, 0);
  const total = held + split.changeable.length;
  const parts = split.heldBack.map(({ reason, rows }) =>
    t('users.heldBack.item', { who: who(rows, t), why: why(reason, rows, action, t) }),
  );
  const list = listText(words, parts);
  // Nothing left to change: the dialog's title says so, and this says who and why.
  if (held === total)
    return t('users.heldBack.all', { list: `${list.charAt(0).toUpperCase()}${list.slice(1)}` });
  return t('users.heldBack.some', { held, total, list, ...actionWords(action, t) });
}
