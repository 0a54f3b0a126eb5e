'use client';

import { useState } from 'react';
import { ConfirmDialog, type ConfirmContent } from '@/components/shared/confirm-dialog';
import { removalConfirmation } from './confirmations/removal-confirmation';
import { roleConfirmation } from './confirmations/role-confirmation';
import { statusConfirmation } from './confirmations/status-confirmation';
import type { UsersViewer } from './types';
import type { MemberMutation } from './use-member-mutation';
import { closesOnRefusal, type ConfirmableChange, type UsersDialog } from './use-users-dialogs';

function contentOf(change: ConfirmableChange, viewer: UsersViewer, organizationName: string): ConfirmContent {
  switch (change.kind) {
    case 'role':
      return roleConfirmation(change, viewer, organizationName);
    case 'remove':
      return removalConfirmation(change, viewer, organizationName);
    case 'status':
      return statusConfirmation(change, organizationName);
  }
}

/**
 * The confirmation of the users page's open dialog, when it is one: its words come from the change, and
 * confirming runs it through the page's one mutation. It closes once the change went through, and on a
 * refusal as `closesOnRefusal` says.
 */
export function UsersConfirmDialog({
  dialog,
  onClose,
  mutation,
  viewer,
  organizationName,
  fallbackFocus,
}: {
  dialog: UsersDialog | null;
  onClose: () => void;
  mutation: MemberMutation;
  viewer: UsersViewer;
  organizationName: string;
  /** Where focus goes when the control that opened the dialog has gone (its row, or the bulk bar). */
  fallbackFocus: () => HTMLElement | null | undefined;
}) {
  const confirming = dialog?.kind === 'confirm' ? dialog : null;
  // The last confirmation stays on screen while the dialog closes, after the selection it named was cleared.
  const [last, setLast] = useState(confirming);
  if (confirming && confirming !== last) setLast(confirming);
  const shown = confirming ?? last;
  if (!shown) return null;
  const { change, opener } = shown;
  return (
    <ConfirmDialog
      {...contentOf(change, viewer, organizationName)}
      open={confirming !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      pending={mutation.pending}
      onConfirm={async () => {
        const refusal = await mutation.run(change);
        if (!refusal || closesOnRefusal(change, refusal)) onClose();
      }}
      returnFocus={() => (opener?.isConnected ? opener : fallbackFocus())}
    />
  );
}
