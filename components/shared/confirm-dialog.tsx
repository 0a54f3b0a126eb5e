'use client';
// The console's one confirmation: every "are you sure?" is this alert dialog with its own words.

import { useId, useRef, useState } from 'react';
import { Loader2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

/** What a confirmation says: the question, what happens, and the button that does it. */
export interface ConfirmContent {
  title: React.ReactNode;
  /** What happens, in a sentence or several blocks (lists, warnings): the dialog's accessible description. */
  description: React.ReactNode;
  confirmLabel: React.ReactNode;
  /** `destructive` for what takes something away (delete, leave, suspend). */
  variant?: 'default' | 'destructive';
  /** Nothing to confirm (the description says why): the confirm button stays disabled. */
  unavailable?: boolean;
}

/** A word to type before the button works (the organization's name before deleting it). */
export interface TypedConfirmation {
  label: React.ReactNode;
  expected: string;
  /** The field's name in the form (what a form `action` reads). */
  name: string;
  id?: string;
}

export interface ConfirmDialogProps extends ConfirmContent {
  /** Controlled; left out, the dialog keeps its own state and opens from `trigger`. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The button that opens it; focus returns there when it closes. */
  trigger?: React.ReactNode;
  /** While true the buttons are disabled, the confirm button spins, and the dialog cannot be closed. */
  pending?: boolean;
  /** Why the last try failed, shown in the dialog (under the typed field when there is one). */
  error?: React.ReactNode;
  typed?: TypedConfirmation;
  /** Called on confirm; or `action`, a form action that gets `values` and the typed field as FormData. */
  onConfirm?: () => void;
  action?: (formData: FormData) => void;
  values?: Record<string, string>;
  /** Where focus goes on closing, for a dialog opened without `trigger`. */
  returnFocus?: () => HTMLElement | null | undefined;
}

/**
 * A confirmation on the alert dialog: Cancel first (the safe choice has the focus, or the typed field
 * when there is one), then the confirm button.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  pending = false,
  returnFocus,
  typed,
  ...form
}: ConfirmDialogProps) {
  const [ownOpen, setOwnOpen] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  function changeOpen(next: boolean) {
    // A change under way answers first: closing now would hide its outcome from the person who asked.
    if (!next && pending) return;
    if (open === undefined) setOwnOpen(next);
    onOpenChange?.(next);
  }

  return (
    <AlertDialog open={open ?? ownOpen} onOpenChange={changeOpen}>
      {trigger ? <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger> : null}
      <AlertDialogContent
        onOpenAutoFocus={(event) => {
          if (!typed) return;
          // The confirm button stays disabled until the word is typed: start where the person must.
          event.preventDefault();
          field.current?.focus();
        }}
        onCloseAutoFocus={(event) => {
          if (!returnFocus) return;
          event.preventDefault();
          returnFocus()?.focus();
        }}
      >
        <AlertDialogHeader>
          <AlertDialogTitle className="[overflow-wrap:anywhere]">{title}</AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="grid gap-2 [overflow-wrap:anywhere]">{description}</div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        {/* Closing unmounts the form, which forgets what was typed. */}
        <ConfirmForm {...form} typed={typed} field={field} pending={pending} />
      </AlertDialogContent>
    </AlertDialog>
  );
}

function ConfirmForm({
  confirmLabel,
  variant = 'default',
  unavailable = false,
  pending,
  error,
  typed,
  field,
  onConfirm,
  action,
  values = {},
}: Pick<
  ConfirmDialogProps,
  'confirmLabel' | 'variant' | 'unavailable' | 'error' | 'typed' | 'onConfirm' | 'action' | 'values'
> & {
  pending: boolean;
  field: React.Ref<HTMLInputElement>;
}) {
  const common = useTranslations('common.actions');
  // Controlled: the button waits for the exact word.
  const [text, setText] = useState('');
  const fieldId = useId();
  const errorId = useId();
  const ready = !unavailable && (!typed || text.trim() === typed.expected);
  const errorArea = error ? (
    <p id={errorId} role="alert" className="text-sm [overflow-wrap:anywhere] text-destructive">
      {error}
    </p>
  ) : null;
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (action) return;
        event.preventDefault();
        onConfirm?.();
      }}
      noValidate
      className="grid gap-4"
    >
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {typed ? (
        <div className="grid gap-2">
          {/* A block, not the Label's flex row: a long word then wraps as part of the sentence. */}
          <Label htmlFor={typed.id ?? fieldId} className="block leading-normal [overflow-wrap:anywhere]">
            {typed.label}
          </Label>
          <Input
            id={typed.id ?? fieldId}
            ref={field}
            name={typed.name}
            value={text}
            onChange={(event) => setText(event.target.value)}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          {errorArea}
        </div>
      ) : (
        errorArea
      )}
      <AlertDialogFooter>
        <AlertDialogCancel disabled={pending}>{common('cancel')}</AlertDialogCancel>
        <Button type="submit" variant={variant} disabled={pending || !ready}>
          {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
          {confirmLabel}
        </Button>
      </AlertDialogFooter>
    </form>
  );
}
