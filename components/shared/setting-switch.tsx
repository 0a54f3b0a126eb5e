'use client';

import type { ActionResult } from '@/app/actions/result';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import { FieldHelp } from './field-help';
import { useAppliedSetting } from './use-applied-setting';

/**
 * An on/off setting that applies at once: its label and the line that explains it, the switch, and the
 * action it runs. A success is confirmed by a toast; a refusal puts the switch back and says why. With
 * `confirm`, turning it on (or off) goes through the caller's question first.
 */
export function SettingSwitch({
  id,
  label,
  help,
  checked: saved,
  run,
  said,
  disabled = false,
  readOnly = false,
  beforeChange,
}: {
  id: string;
  label: React.ReactNode;
  help: React.ReactNode;
  checked: boolean;
  run: (next: boolean) => Promise<ActionResult<unknown>>;
  /** The toast once it applied. */
  said: (next: boolean) => string;
  /** Cannot change now: the help line says why. */
  disabled?: boolean;
  /** Shown, not changeable (someone without the right). */
  readOnly?: boolean;
  /** Asked before a change; returns false to hold it (the caller asks first, then calls `apply`). */
  beforeChange?: (next: boolean, apply: () => void) => boolean;
}) {
  const { value: checked, apply, pending } = useAppliedSetting(saved, run, said);

  function change(next: boolean) {
    if (pending) return;
    if (beforeChange && !beforeChange(next, () => apply(next))) return;
    apply(next);
  }

  return (
    <div className="flex items-start justify-between gap-4">
      <div className="grid min-w-0 gap-1">
        <Label htmlFor={id}>{label}</Label>
        <FieldHelp id={`${id}-help`}>{help}</FieldHelp>
      </div>
      <Switch
        id={id}
        checked={checked}
        onCheckedChange={change}
        disabled={readOnly || disabled}
        aria-busy={pending || undefined}
        aria-describedby={`${id}-help`}
      />
    </div>
  );
}
