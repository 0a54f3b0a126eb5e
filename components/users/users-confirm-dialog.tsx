'use client';

import { useState } from 'react';
import { ConfirmDialog } from '@/components/shared/confirm-dialog';
import { confirmationOf } from './confirmations/confirmation-of';
import type { UsersViewer } from './types';
import type { MemberMutation } from './use-member-mutation';
import { closesOnRefusal, type UsersDialog } from './use-users-dialogs';
import { useWords } from './words';

/**
 * The confirmation of the users page's open dialog, when it is one: its words come from the change, and
 * confirming runs it (less the picked rows it cannot apply to: ./confirmations/confirmation-of.tsx)
 * through the page's one mutation. It closes once the change went through, and on a refusal as
 * `closesOnRefusal` says; while open, the last refusal is said inside it, to try again in place.
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
  const words = useWords();
  const confirming = dialog?.kind === 'confirm' ? dialog : null;
  // The last confirmation stays on screen while the dialog closes, after the selection it named was cleared.
  const [last, setLast] = useState(confirming);
  const [error, setError] = useState<string | null>(null);
  if (confirming && confirming !== last) {
    setLast(confirming);
    setError(null);
  }
  const shown = confirming ?? last;
  if (!shown) return null;
  const { change, opener } = shown;
  const { content, run } = confirmationOf(change, viewer, organizationName, words);
  return (
    <ConfirmDialog
      {...content}
      open={confirming !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      pending={mutation.pending}
      error={error}
      onConfirm={async () => {
        setError(null);
        const refusal = await mutation.run(run, { inline: true });
        if (!refusal || closesOnRefusal(run, refusal)) onClose();
        else setError(refusal.message);
      }}
      returnFocus={() => (opener?.isConnected ? opener : fallbackFocus())}
    />
  );
}
