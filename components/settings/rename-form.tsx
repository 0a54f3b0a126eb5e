'use client';

import { Loader2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { renameOrganizationAction } from '@/app/actions/organizations';
import { useFormAction } from '@/components/shared/use-form-action';
import { Button } from '@/components/ui/button';
import { useFieldValue } from '@/components/shared/field-input';
import { OrganizationNameField } from '@/components/shared/organization-name-field';

export function RenameForm({ organizationId, name }: { organizationId: string; name: string }) {
  const t = useTranslations('settings.rename');
  const common = useTranslations('common.actions');
  // Controlled, because Save stays disabled while the name is unchanged.
  const field = useFieldValue(name);
  const { state, formAction, pending } = useFormAction(renameOrganizationAction, {
    onSuccess(organization) {
      field.onValue(organization.name);
      toast.success(t('renamed', { name: organization.name }));
    },
  });
  // The only field: whatever went wrong is told under it, once (not in a toast as well).
  const error = state.fields?.name ?? state.error;
  const unchanged = field.value.trim() === name;
  return (
    <form action={formAction} className="grid gap-2">
      <input type="hidden" name="organizationId" value={organizationId} />
      <OrganizationNameField
        {...field}
        error={error}
        describedBy="organization-name-help organization-name-count"
        help={t('help')}
        beside={
          <Button type="submit" disabled={pending || unchanged || field.value.trim().length === 0}>
            {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
            {common('save')}
          </Button>
        }
      />
    </form>
  );
}
