'use client';

import { Loader2 } from 'lucide-react';
import { toast } from 'sonner';
import { publishDevelopmentRecordAction } from '@/app/actions/development-dns';
import { useFieldValue } from '@/components/shared/field-input';
import { LabelledField } from '@/components/shared/labelled-field';
import { useFormAction } from '@/components/shared/use-form-action';
import { Button } from '@/components/ui/button';
import { MAX_DEV_DNS_VALUE, MAX_DOMAIN_LENGTH } from '@/lib/shared/limits';

/** Publishes a TXT record in the development resolver: a name and a value, filled in from the Domains page's link. */
export function PublishRecordForm({
  initialName,
  initialValue,
}: {
  initialName: string;
  initialValue: string;
}) {
  const name = useFieldValue(initialName);
  const value = useFieldValue(initialValue);
  const { state, formAction, pending } = useFormAction(publishDevelopmentRecordAction, {
    onSuccess(record) {
      name.onValue('');
      value.onValue('');
      toast.success(`Published the TXT record at ${record.name}`);
    },
  });
  const nameError = state.fields?.name;
  const valueError = state.fields?.value ?? (nameError ? undefined : state.error);
  return (
    <form action={formAction} className="grid gap-4">
      <RecordField
        id="dns-record-name"
        label="Name"
        name="name"
        {...name}
        error={nameError}
        placeholder="_ai-hub-verification.acme.test"
        maxLength={MAX_DOMAIN_LENGTH + 1}
        help="The full name, as the Domains page shows it."
      />
      <RecordField
        id="dns-record-value"
        label="Value"
        name="value"
        {...value}
        error={valueError}
        placeholder="ai-hub-verification=…"
        maxLength={MAX_DEV_DNS_VALUE}
        help={`At most ${MAX_DEV_DNS_VALUE.toLocaleString('en-US')} characters.`}
      />
      <Button type="submit" disabled={pending || !name.value.trim() || !value.value.trim()} className="w-fit">
        {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
        Publish
      </Button>
    </form>
  );
}

/** A part of the record, typed exactly as the Domains page shows it, in the record's monospace. */
function RecordField(props: React.ComponentProps<typeof LabelledField>) {
  return (
    <div className="grid gap-2">
      <LabelledField code className="font-mono text-xs" {...props} />
    </div>
  );
}
