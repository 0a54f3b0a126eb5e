'use client';

import { useState, type TransitionStartFunction } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { changeRolesAction, removeMembersAction } from '@/app/actions/members';
import type { ActionError } from '@/app/actions/result';
import { keepFocusOnPage } from '@/components/shared/focus-on-page';
import type { RemovalResult } from '@/lib/members';
import { roleLabels } from '@/lib/shared/roles';
import type { BulkConfirmation, BulkRequest } from './bulk-confirm-dialog';
import { plural } from './format';
import type { BulkSelection } from './use-bulk-selection';

/** "Removed 28 users and revoked 2 invitations", from what the server says it did. */
function removalCounts(result: RemovalResult) {
  const parts: string[] = [];
  if (result.removedMembers) parts.push(`Removed ${plural(result.removedMembers, 'user')}`);
  if (result.revokedInvitations)
    parts.push(`${parts.length ? 'revoked' : 'Revoked'} ${plural(result.revokedInvitations, 'invitation')}`);
  return parts.join(' and ');
}

/**
 * The bulk bar's confirmation: opened with what the selection is at that moment, and run as
 * confirmed, by id for picked rows or by filter for every matching row (app/actions/members.ts).
 */
export function useBulkConfirm({
  organizationId,
  selection,
  startAction,
  onError,
  onLeft,
}: {
  organizationId: string;
  selection: BulkSelection;
  startAction: TransitionStartFunction;
  onError: (error: ActionError) => void;
  /** The viewer removed themselves ('left') or took their own console access ('lost-access'). */
  onLeft: (code: 'left' | 'lost-access') => void;
}) {
  const router = useRouter();
  const [confirmation, setConfirmation] = useState<BulkConfirmation | null>(null);

  /** A refused bulk action changed nothing; when the matching rows changed, show the list as it is now. */
  function failed(error: ActionError) {
    onError(error);
    if (error.code === 'SELECTION_CHANGED') {
      selection.clear();
      router.refresh();
    }
  }

  function run({ request, matching, rows, count }: BulkConfirmation) {
    const target = matching ? { matching } : { ids: rows.map((row) => row.id) };
    startAction(async () => {
      if (request.kind === 'role') {
        const result = await changeRolesAction({ organizationId, ...target, role: request.role });
        setConfirmation(null);
        if (!result.ok) return failed(result.error);
        toast.success(`Changed the role of ${plural(count, 'user')} to ${roleLabels[request.role]}`);
        selection.clear();
        // The refreshed rows may leave nothing to focus in the table: then the focus goes to the heading.
        keepFocusOnPage();
        if (result.data.actorLostAccess) onLeft('lost-access');
        return;
      }
      const result = await removeMembersAction({ organizationId, ...target });
      setConfirmation(null);
      if (!result.ok) return failed(result.error);
      toast.success(removalCounts(result.data));
      selection.clear();
      keepFocusOnPage();
      if (result.data.actorLeft) onLeft('left');
    });
  }

  return {
    confirmation,
    open: (request: BulkRequest) => {
      setConfirmation({
        request,
        count: selection.count,
        matching: selection.matching,
        rows: selection.selectedRows,
        includesViewer: selection.includesViewer,
      });
    },
    confirm: () => {
      if (confirmation) run(confirmation);
    },
    cancel: () => setConfirmation(null),
  };
}
