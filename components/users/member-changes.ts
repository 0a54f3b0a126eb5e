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

/** Runs `change` in `organizationId`: the server's refusal as it is, or the outcome of what it did. */
export async function perform(organizationId: string, change: MemberChange): Promise<ActionResult<Outcome>> {
  switch (change.kind) {
    case 'role': {
      const { role, target } = change;
      const result = await changeRolesAction({ organizationId, role, ...selectionOf(target) });
      return settled(result, (data) => ({
        toast: success(roleChangeMessage(target, role)),
        leave: data.actorLostAccess ? 'lost-access' : undefined,
      }));
    }
    case 'remove': {
      const result = await removeMembersAction({ organizationId, ...selectionOf(change.target) });
      return settled(result, (data) => ({
        toast: success(removalMessage(change.target, data)),
        leave: data.actorLeft ? 'left' : undefined,
      }));
    }
    case 'status': {
      const { status, target } = change;
      const result = await setMemberStatusAction({ organizationId, status, ...selectionOf(target) });
      return settled(result, (data) => ({ toast: success(statusMessage(target, status, data.changed)) }));
    }
    case 'resend': {
      const { row } = change;
      const result = await resendInvitationAction({ organizationId, invitationId: row.id });
      return settled(result, (data) => ({
        toast:
          data.outcome === 'not_delivered'
            ? {
                type: 'error',
                message: `The invitation to ${row.email} could not be delivered`,
                description: data.reason,
              }
            : success(`Sent a new invitation to ${row.email}`),
      }));
    }
    case 'detach': {
      const { row } = change;
      const result = await detachFromDirectoryAction({ organizationId, membershipId: row.id });
      return settled(result, () => ({
        toast: success(`Detached ${row.email} from the directory: the console manages them now`),
      }));
    }
    case 'approve': {
      const { request } = change;
      const result = await approveJoinRequestAction({ organizationId, requestId: request.id });
      return settled(result, (data) => ({
        toast: success(
          data.alreadyMember
            ? `${request.email} was already a member: the request is closed`
            : `Approved: ${request.email} joined as Member`,
        ),
      }));
    }
    case 'decline': {
      const { request } = change;
      const result = await declineJoinRequestAction({ organizationId, requestId: request.id });
      return settled(result, () => ({ toast: success(`Declined the request of ${request.email}`) }));
    }
  }
}
