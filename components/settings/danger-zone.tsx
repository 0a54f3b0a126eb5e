'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { deleteOrganizationAction } from '@/app/actions/organizations';
import { ConfirmDialog } from '@/components/shared/confirm-dialog';
import { useFormAction } from '@/components/shared/use-form-action';
import { Button } from '@/components/ui/button';
import { noticeMessage } from '@/lib/shared/notices';
import { toast } from 'sonner';

/** `Delete organization`: Owners only; the name must be typed to confirm. */
export function DeleteOrganization({
  organizationId,
  organizationName,
}: {
  organizationId: string;
  organizationName: string;
}) {
  const router = useRouter();
  const t = useTranslations('settings.danger');
  const translate = useTranslations();
  const [open, setOpen] = useState(false);
  const { state, formAction, pending } = useFormAction(deleteOrganizationAction, {
    onSuccess() {
      // Gone from the database, the organization cannot be named by the next page: the toast is shown
      // here, where its name is known, and lasts across the navigation.
      toast.success(noticeMessage('deleted', organizationName, translate));
      router.push('/');
    },
  });
  // The form's state when the dialog last opened: an error in it belongs to an earlier opening, and a
  // dialog opened anew starts clean, as it forgets what was typed.
  const [earlier, setEarlier] = useState(state);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        if (next) setEarlier(state);
        setOpen(next);
      }}
      trigger={<Button variant="destructive">{t('delete')}</Button>}
      title={t('dialogTitle', { organization: organizationName })}
      description={t('dialogDescription')}
      confirmLabel={t('delete')}
      variant="destructive"
      typed={{
        id: 'confirm-name',
        name: 'confirmName',
        expected: organizationName,
        label: t.rich('typeToConfirm', {
          organization: organizationName,
          name: (chunks) => <span className="font-semibold">{chunks}</span>,
        }),
      }}
      // The only field: whatever went wrong is told under it.
      error={state === earlier ? undefined : (state.fields?.confirmName ?? state.error)}
      pending={pending}
      action={formAction}
      values={{ organizationId }}
    />
  );
}
