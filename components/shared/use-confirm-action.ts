'use client';

import { useState, useTransition } from 'react';
import type { ActionResult } from '@/app/actions/result';
import { callAction, useActionErrorText } from './call-action';

/**
 * A ConfirmDialog's state for an action asked first (Remove): open, pending, and the refusal shown in the
 * dialog, which stays open with it; once done, it closes and `onDone` says so. Spread on the dialog.
 */
export function useConfirmAction<T>(run: () => Promise<ActionResult<T>>, onDone: (data: T) => void) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const errorText = useActionErrorText();
  return {
    open,
    error,
    pending,
    onOpenChange(next: boolean) {
      setOpen(next);
      if (next) setError(null);
    },
    onConfirm() {
      startTransition(async () => {
        const result = await callAction(run);
        if (!result.ok) {
          setError(errorText(result.error));
          return;
        }
        setOpen(false);
        onDone(result.data);
      });
    },
  };
}
