'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
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
  const [open, setOpen] = useState(false);
  const { state, formAction, pending } = useFormAction(deleteOrganizationAction, {
    onSuccess() {
      // Gone from the database, the organization cannot be named by the next page: the toast is shown
      // here, where its name is known, and lasts across the navigation.
      toast.success(noticeMessage('deleted', organizationName));
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
      trigger={<Button variant="destructive">Delete organization</Button>}
      title={`Delete ${organizationName}?`}
      description="This removes the organization, every membership and invitation, and its activity log, for good. People keep their AI Hub accounts."
      confirmLabel="Delete organization"
      variant="destructive"
      typed={{
        id: 'confirm-name',
        name: 'confirmName',
        expected: organizationName,
        label: (
          <>
            Type <span className="font-semibold">{organizationName}</span> to confirm
          </>
        ),
      }}
      // The only field: whatever went wrong is told under it.
      error={state === earlier ? undefined : (state.fields?.confirmName ?? state.error)}
      pending={pending}
      action={formAction}
      values={{ organizationId }}
    />
  );
}
