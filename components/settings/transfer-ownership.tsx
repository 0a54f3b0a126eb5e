'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { transferOwnershipAction } from '@/app/actions/organizations';
import { ConfirmDialog } from '@/components/shared/confirm-dialog';
import { keepFocusOnPage } from '@/components/shared/focus-on-page';
import { useFormAction } from '@/components/shared/use-form-action';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import type { MemberMatch } from '@/lib/members/search';
import { MemberPicker, memberLabel } from './member-picker';
import { oneFullStop } from '@/components/shared/full-stop';

/** `Transfer ownership`: pick a member from the search, confirm; they become Owner and you become Admin. */
export function TransferOwnership({
  organizationId,
  organizationName,
}: {
  organizationId: string;
  organizationName: string;
}) {
  const router = useRouter();
  const t = useTranslations('settings.transfer');
  const [picked, setPicked] = useState<MemberMatch | null>(null);
  const [open, setOpen] = useState(false);
  const { state, formAction, pending } = useFormAction<
    { organizationId: string; toUserId: string },
    { newOwnerUserId: string; newOwnerEmail: string }
  >(transferOwnershipAction, {
    onSuccess(result) {
      setOpen(false);
      setPicked(null);
      toast.success(oneFullStop(t('done', { email: result.newOwnerEmail, organization: organizationName })));
      // The button is disabled now and, for an Admin, the section goes: focus lands on the heading.
      keepFocusOnPage();
      router.refresh();
    },
    onError(error) {
      toast.error(error.message);
      setOpen(false);
    },
  });
  // The only field: whatever went wrong (the server checks membership again) is told under it.
  const error = state.fields?.toUserId ?? state.error;

  return (
    <div className="grid gap-2">
      <Label htmlFor="transfer-member">{t('newOwner')}</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <MemberPicker
          id="transfer-member"
          organizationId={organizationId}
          picked={picked}
          onPick={setPicked}
          describedBy="transfer-help"
        />
        <ConfirmDialog
          open={open}
          onOpenChange={setOpen}
          trigger={
            <Button variant="outline" disabled={!picked || pending}>
              {t('button')}
            </Button>
          }
          title={t('dialogTitle', { organization: organizationName })}
          description={t('dialogDescription', { member: picked ? memberLabel(picked) : '' })}
          confirmLabel={t('button')}
          pending={pending}
          action={formAction}
          values={{ organizationId, toUserId: picked?.userId ?? '' }}
        />
      </div>
      <p
        id="transfer-help"
        className={error ? 'text-sm text-destructive' : 'text-xs text-muted-foreground'}
        role={error ? 'alert' : undefined}
      >
        {error ?? t('help')}
      </p>
    </div>
  );
}
