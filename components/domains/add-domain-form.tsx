'use client';

import { Loader2, Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { addDomainAction } from '@/app/actions/domains';
import { useFieldValue } from '@/components/shared/field-input';
import { LabelledField } from '@/components/shared/labelled-field';
import { useFormAction } from '@/components/shared/use-form-action';
import { Button } from '@/components/ui/button';
import { MAX_DOMAIN_INPUT } from '@/lib/shared/limits';

/** The field's example: a domain, the same in every language. */
const EXAMPLE_DOMAIN = 'acme.com';

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
  const t = useTranslations('domains');
  const domain = useFieldValue('');
  const { state, formAction, pending } = useFormAction(addDomainAction, {
    onSuccess(added) {
      domain.onValue('');
      toast.success(t('add.added', { domain: added.domain }));
      onAdded(added);
    },
  });
  // The field's refusal, else the form's (both in the reader's language: the action says them so).
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
      <LabelledField
        id="domain-name"
        label={t('add.label')}
        name="domain"
        {...domain}
        error={error}
        code
        placeholder={EXAMPLE_DOMAIN}
        maxLength={MAX_DOMAIN_INPUT}
        className="min-w-0 sm:max-w-md"
        help={full ?? t('add.help')}
        beside={
          <Button
            type="submit"
            disabled={domain.value.trim() === '' || full !== null}
            aria-disabled={pending || undefined}
            className="w-fit"
          >
            {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Plus aria-hidden="true" />}
            {t('add.submit')}
          </Button>
        }
      />
    </form>
  );
}
