'use client';

import { useState } from 'react';
import { Loader2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import type { ActionResult } from '@/app/actions/result';
import { FieldHelp } from '@/components/shared/field-help';
import { useSsoForm } from './use-sso-form';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFooter, DialogHeading, DialogTrigger } from '@/components/ui/dialog';

type Fields = Record<string, string | undefined>;

/**
 * A connection's `Replace …`: a dialog holding a form of the provider's settings (new metadata, a new
 * client), sent by the form's own action. A refusal stays in the dialog, under its field or the form,
 * with what was typed; a change closes it with a toast. Keyed by opening, so each opens afresh.
 */
export function ReplaceDialog({
  trigger,
  title,
  description,
  hidden,
  action,
  submitLabel,
  said,
  children,
}: {
  trigger: React.ReactNode;
  title: string;
  description: string;
  /** The ids the action needs, sent as hidden fields. */
  hidden: Record<string, string>;
  action: (input: Record<string, string>) => Promise<ActionResult<{ changed: boolean }>>;
  submitLabel: string;
  /** The toast, by whether anything changed. */
  said: (changed: boolean) => string;
  /** The form's fields, given the messages of the last refusal by field. */
  children: (errors: Fields) => React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setOpened((count) => count + 1);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="grid-cols-[minmax(0,1fr)] sm:max-w-lg">
        <DialogHeading title={title} description={description} />
        <ReplaceForm
          key={opened}
          hidden={hidden}
          action={action}
          submitLabel={submitLabel}
          onDone={(changed) => {
            setOpen(false);
            toast.success(said(changed));
          }}
          onCancel={() => setOpen(false)}
        >
          {children}
        </ReplaceForm>
      </DialogContent>
    </Dialog>
  );
}

function ReplaceForm({
  hidden,
  action,
  submitLabel,
  onDone,
  onCancel,
  children,
}: Pick<Parameters<typeof ReplaceDialog>[0], 'hidden' | 'action' | 'submitLabel' | 'children'> & {
  onDone: (changed: boolean) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('common.actions');
  const { formAction, pending, fields, general } = useSsoForm(action, (data) => onDone(data.changed));
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (pending) event.preventDefault();
      }}
      className="grid gap-4"
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children(fields)}
      {general ? (
        <FieldHelp id="sso-replace-error" error={general}>
          {null}
        </FieldHelp>
      ) : null}
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
          {t('cancel')}
        </Button>
        <Button type="submit" aria-disabled={pending || undefined}>
          {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
          {submitLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
