'use client';

import { useState } from 'react';
import { Loader2 } from 'lucide-react';
import { toast } from 'sonner';
import { publishDevelopmentRecordAction } from '@/app/actions/development-dns';
import { FieldHelp } from '@/components/shared/field-help';
import { useFormAction } from '@/components/shared/use-form-action';
import { Button } from '@/components/ui/button';
import { FieldInput } from '@/components/shared/field-input';
import { Label } from '@/components/ui/label';
import { MAX_DEV_DNS_VALUE, MAX_DOMAIN_LENGTH } from '@/lib/shared/limits';

/** Publishes a TXT record in the development resolver: a name and a value, filled in from the Domains page's link. */
export function PublishRecordForm({
  initialName,
  initialValue,
}: {
  initialName: string;
  initialValue: string;
}) {
  const [name, setName] = useState(initialName);
  const [value, setValue] = useState(initialValue);
  const { state, formAction, pending } = useFormAction<
    { name: string; value: string },
    { name: string; value: string }
  >(publishDevelopmentRecordAction, {
    onSuccess(record) {
      setName('');
      setValue('');
      toast.success(`Published the TXT record at ${record.name}`);
    },
  });
  const nameError = state.fields?.name;
  const valueError = state.fields?.value ?? (nameError ? undefined : state.error);
  return (
    <form action={formAction} className="grid gap-4">
      <div className="grid gap-2">
        <Label htmlFor="dns-record-name">Name</Label>
        <FieldInput
          id="dns-record-name"
          name="name"
          value={name}
          onValue={setName}
          error={nameError}
          code
          placeholder="_ai-hub-verification.acme.test"
          maxLength={MAX_DOMAIN_LENGTH + 1}
          className="font-mono text-xs"
          aria-describedby="dns-record-name-help"
        />
        <FieldHelp id="dns-record-name-help" error={nameError}>
          The full name, as the Domains page shows it.
        </FieldHelp>
      </div>
      <div className="grid gap-2">
        <Label htmlFor="dns-record-value">Value</Label>
        <FieldInput
          id="dns-record-value"
          name="value"
          value={value}
          onValue={setValue}
          error={valueError}
          code
          placeholder="ai-hub-verification=…"
          maxLength={MAX_DEV_DNS_VALUE}
          className="font-mono text-xs"
          aria-describedby="dns-record-value-help"
        />
        <FieldHelp id="dns-record-value-help" error={valueError}>
          At most {MAX_DEV_DNS_VALUE.toLocaleString('en-US')} characters.
        </FieldHelp>
      </div>
      <Button type="submit" disabled={pending || !name.trim() || !value.trim()} className="w-fit">
        {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
        Publish
      </Button>
    </form>
  );
}
