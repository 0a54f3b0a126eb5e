// Every change the users page makes, as data: what it is and whom it is for. `perform` sends one to its
// server action and says what came of it; use-member-mutation.ts decides what the page does with that.
import {
  changeRolesAction,
  detachFromDirectoryAction,
  removeMembersAction,
  setMemberStatusAction,
} from '@/app/actions/members';
import { resendInvitationAction } from '@/app/actions/invitations';
import { approveJoinRequestAction, declineJoinRequestAction } from '@/app/actions/join-requests';
import type { ActionResult } from '@/app/actions/result';
import type { MemberRole } from '@/db/values';
import type { MemberStatus } from '@/db/values';
import { removalMessage, roleChangeMessage, statusMessage } from './change-messages';
import type { JoinRequestRow, UserTableRow } from './types';
import type { ChangeTarget } from './use-bulk-selection';
import type { Translate } from './words';

export type MemberChange =
  | { kind: 'role'; role: MemberRole; target: ChangeTarget }
  | { kind: 'remove'; target: ChangeTarget }
  | { kind: 'status'; status: MemberStatus; target: ChangeTarget }
  | { kind: 'resend'; row: UserTableRow }
  | { kind: 'detach'; row: UserTableRow }
  | { kind: 'approve' | 'decline'; request: JoinRequestRow };

/** What a change that went through leads to: a toast, and whether the viewer is still in the console. */
export interface Outcome {
  toast: { type: 'success' | 'error'; message: string; description?: string };
  /** The viewer removed themselves ('left') or took their own console access ('lost-access'). */
  leave?: 'left' | 'lost-access';
}

/** The selection as the server takes it (lib/members Selection). */
function selectionOf(target: ChangeTarget) {
  return 'rows' in target ? { ids: target.rows.map((row) => row.id) } : { matching: target.matching };
}

function settled<T>(result: ActionResult<T>, outcome: (data: T) => Outcome): ActionResult<Outcome> {
  return result.ok ? { ok: true, data: outcome(result.data) } : result;
}

const success = (message: string): Outcome['toast'] => ({ type: 'success', message });

/**
 * Runs `change` in `organizationId`: the server's refusal as it is, or the outcome of what it did, in the
 * words of `t`.
 */
export async function perform(
  organizationId: string,
  change: MemberChange,
  t: Translate,
): Promise<ActionResult<Outcome>> {
  switch (change.kind) {
    case 'role': {
      const { role, target } = change;
      const result = await changeRolesAction({ organizationId, role, ...selectionOf(target) });
      return settled(result, (data) => ({
        toast: success(roleChangeMessage(t, target, role)),
        leave: data.actorLostAccess ? 'lost-access' : undefined,
      }));
    }
    case 'remove': {
      const result = await removeMembersAction({ organizationId, ...selectionOf(change.target) });
      return settled(result, (data) => ({
        toast: success(removalMessage(t, change.target, data)),
        leave: data.actorLeft ? 'left' : undefined,
      }));
    }
    case 'status': {
      const { status, target } = change;
      const result = await setMemberStatusAction({ organizationId, status, ...selectionOf(target) });
      return settled(result, (data) => ({ toast: success(statusMessage(t, target, status, data.changed)) }));
    }
    case 'resend': {
      const { row } = change;
      const result = await resendInvitationAction({ organizationId, invitationId: row.id });
      return settled(result, (data) => ({
        toast:
          data.outcome === 'not_delivered'
            ? {
                type: 'error',
                message: t('users.changes.notDelivered', { email: row.email }),
                description: data.reason,
              }
            : success(t('users.changes.resent', { email: row.email })),
      }));
    }
    case 'detach': {
      const { row } = change;
      const result = await detachFromDirectoryAction({ organizationId, membershipId: row.id });
      return settled(result, () => ({
        toast: success(t('users.changes.detached', { email: row.email })),
      }));
    }
    case 'approve': {
      const { request } = change;
      const result = await approveJoinRequestAction({ organizationId, requestId: request.id });
      return settled(result, (data) => ({
        toast: success(
          t(data.alreadyMember ? 'users.changes.alreadyMember' : 'users.changes.approved', {
            email: request.email,
          }),
        ),
      }));
    }
    case 'decline': {
      const { request } = change;
      const result = await declineJoinRequestAction({ organizationId, requestId: request.id });
      return settled(result, () => ({
        toast: success(t('users.changes.declined', { email: request.email })),
      }));
    }
  }
}
