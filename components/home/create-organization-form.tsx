'use client';

import { useRouter } from 'next/navigation';
import { Loader2, Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { createOrganizationAction } from '@/app/actions/organizations';
import { useFormAction } from '@/components/shared/use-form-action';
import { Button } from '@/components/ui/button';
import { useFieldValue } from '@/components/shared/field-input';
import { OrganizationNameField } from '@/components/shared/organization-name-field';
import { slugify } from '@/lib/shared/organization-names';

export function CreateOrganizationForm() {
  const router = useRouter();
  const t = useTranslations('home.create');
  // Controlled, because the button stays disabled while the name is empty.
  const name = useFieldValue('');
  const { state, formAction, pending } = useFormAction(createOrganizationAction, {
    onSuccess(organization) {
      // Its address, when it is not the one its name makes (another organization had that one).
      const wanted = slugify(organization.name);
      toast.success(
        organization.slug === wanted
          ? t('created', { name: organization.name })
          : t('createdElsewhere', { name: organization.name, slug: organization.slug, wanted }),
      );
      router.push(`/admin/${organization.slug}/users`);
    },
  });
  // The only field: whatever went wrong is told under it.
  const error = state.fields?.name ?? state.error;

  return (
    <form action={formAction} className="grid gap-2" noValidate>
      <OrganizationNameField
        {...name}
        error={error}
        placeholder={t('placeholder')}
        describedBy={error ? 'organization-name-error organization-name-count' : 'organization-name-count'}
        beside={
          <Button type="submit" disabled={pending || name.value.trim().length === 0}>
            {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Plus aria-hidden="true" />}
            {t('submit')}
          </Button>
        }
      />
      {error ? (
        <p id="organization-name-error" role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </form>
  );
}
