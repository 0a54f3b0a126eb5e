'use client';

import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import type { ActionResult } from '@/app/actions/result';
import { useCallAction } from './call-action';

/**
 * A setting that applies as soon as it is chosen (a switch, a select, a checkbox): shown chosen at once,
 * its action run, a toast on success, and on a refusal the value before put back and the reason toasted.
 * One change at a time; a new value from the server (a refreshed page) is shown as it is.
 */
export function useAppliedSetting<T>(
  saved: T,
  run: (next: T) => Promise<ActionResult<unknown>>,
  said: (next: T) => string,
) {
  const [value, setValue] = useState(saved);
  const [seen, setSeen] = useState(saved);
  const [pending, startTransition] = useTransition();
  const call = useCallAction();
  if (seen !== saved) {
    setSeen(saved);
    setValue(saved);
  }
  function apply(next: T) {
    const before = value;
    if (pending || next === before) return;
    setValue(next);
    startTransition(async () => {
      const result = await call(() => run(next));
      if (!result.ok) {
        setValue(before);
        toast.error(result.error.message);
        return;
      }
      toast.success(said(next));
    });
  }
  return { value, apply, pending };
}
