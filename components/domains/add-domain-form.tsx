'use client';

import { useState } from 'react';
import { Loader2, Plus } from 'lucide-react';
import { toast } from 'sonner';
import { addDomainAction } from '@/app/actions/domains';
import { FieldHelp } from '@/components/shared/field-help';
import { useFormAction } from '@/components/shared/use-form-action';
import { Button } from '@/components/ui/button';
import { FieldInput } from '@/components/shared/field-input';
import { Label } from '@/components/ui/label';
import { MAX_DOMAIN_INPUT } from '@/lib/shared/limits';

/**
 * `Add domain`: a refusal (not a domain, a public suffix, a consumer mail domain, another organization's,
 * …) is said once, under the field, which keeps what was typed; once added, the field empties and
 * `onAdded` moves the focus to the new domain.
 */
export function AddDomainForm({
  organizationId,
  full,
  onAdded,
}: {
  organizationId: string;
  /** The organization has as many domains as it may: the form says so and adds nothing. */
  full: string | null;
  onAdded: (domain: { id: string; domain: string }) => void;
}) {
  const [value, setValue] = useState('');
  const { state, formAction, pending } = useFormAction<
    { organizationId: string; domain: string },
    { id: string; domain: string }
  >(addDomainAction, {
    onSuccess(added) {
      setValue('');
      toast.success(`Added ${added.domain}: publish its record, then Verify`);
      onAdded(added);
    },
  });
  const error = state.fields?.domain ?? state.error;
  return (
    <form
      action={formAction}
      // While one add is under way the button is only aria-disabled, so that it keeps the focus: a second
      // submit (Enter again) is dropped here.
      onSubmit={(event) => {
        if (pending) event.preventDefault();
      }}
      className="grid gap-2"
    >
      <input type="hidden" name="organizationId" value={organizationId} />
      <Label htmlFor="domain-name">Domain</Label>
      <div className="flex min-w-0 flex-col gap-2 sm:flex-row">
        <FieldInput
          id="domain-name"
          name="domain"
          value={value}
          onValue={setValue}
          error={error}
          code
          placeholder="acme.com"
          maxLength={MAX_DOMAIN_INPUT}
          className="min-w-0 sm:max-w-md"
          aria-describedby="domain-name-help"
        />
        <Button
          type="submit"
          disabled={value.trim() === '' || full !== null}
          aria-disabled={pending || undefined}
          className="w-fit"
        >
          {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Plus aria-hidden="true" />}
          Add domain
        </Button>
      </div>
      <FieldHelp id="domain-name-help" error={error}>
        {full ??
          'The part of your people’s email addresses after the @. You get a DNS record to publish; nothing changes until it is verified.'}
      </FieldHelp>
    </form>
  );
}
