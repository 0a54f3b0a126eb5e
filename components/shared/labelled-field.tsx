// A labelled text field: its Label, the FieldInput (with a button beside it, if the form has one) and the
// FieldHelp line under it that tells its hint or what is wrong with it, wired together by `id`.
import type * as React from 'react';
import { Label } from '@/components/ui/label';
import { FieldHelp } from './field-help';
import { FieldInput } from './field-input';

export function LabelledField({
  id,
  label,
  help,
  describedBy = `${id}-help`,
  beside,
  ...input
}: React.ComponentProps<typeof FieldInput> & {
  id: string;
  label: string;
  /** The hint under the field, at `${id}-help`; without it, the form tells the field's error itself. */
  help?: React.ReactNode;
  /** The ids of what describes the field; by default its help line. */
  describedBy?: string;
  /** A button beside the field (under it on a narrow screen). */
  beside?: React.ReactNode;
}) {
  const field = <FieldInput id={id} aria-describedby={describedBy} {...input} />;
  return (
    <>
      <Label htmlFor={id}>{label}</Label>
      {beside ? (
        <div className="flex min-w-0 flex-col gap-2 sm:flex-row">
          {field}
          {beside}
        </div>
      ) : (
        field
      )}
      {help === undefined ? null : (
        <FieldHelp id={`${id}-help`} error={input.error}>
          {help}
        </FieldHelp>
      )}
    </>
  );
}
