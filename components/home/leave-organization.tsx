'use client';

import { useId, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { LogOut } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { leaveOrganizationAction } from '@/app/actions/members';
import { useCallAction } from '@/components/shared/call-action';
import { ConfirmDialog } from '@/components/shared/confirm-dialog';
import { keepFocusOnPage } from '@/components/shared/focus-on-page';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/shared/utils';
import { oneFullStop } from '@/components/shared/full-stop';

/**
 * `Leave organization`, on the home page and in the console's settings; asks first. `refusal` is why
 * (in the reader's language) the policy would refuse it (the only Owner, docs/rules.md rule 4): the button is then disabled and the
 * reason is shown beside it. The server refuses the same on its own.
 */
export function LeaveOrganization({
  organizationId,
  organizationName,
  refusal,
  size = 'default',
  className,
}: {
  organizationId: string;
  organizationName: string;
  refusal: string | null;
  size?: 'default' | 'sm';
  className?: string;
}) {
  const router = useRouter();
  const t = useTranslations('home.leave');
  const named = { organization: organizationName };
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const call = useCallAction();
  const trigger = (
    <Button
      variant="outline"
      size={size}
      disabled={refusal !== null}
      aria-label={t('label', named)}
      aria-describedby={refusal ? reasonId : undefined}
      className={refusal ? undefined : className}
    >
      <LogOut aria-hidden="true" />
      {t('button')}
    </Button>
  );
  if (refusal) {
    return (
      <div className={cn('grid justify-items-start gap-1', className)}>
        {trigger}
        <p id={reasonId} className="text-xs text-muted-foreground">
          {refusal}
        </p>
      </div>
    );
  }

  function leave() {
    startTransition(async () => {
      const result = await call(() => leaveOrganizationAction({ organizationId }));
      setOpen(false);
      if (!result.ok) {
        toast.error(result.error.message);
        return;
      }
      // The Toaster lives in the root layout, so the toast outlives the move to the home page.
      toast.success(oneFullStop(t('left', named)));
      // The row (on the home page) or the whole page (settings) goes: focus lands on the heading.
      keepFocusOnPage();
      router.push('/');
    });
  }

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={trigger}
      title={t('title', named)}
      description={t('description', named)}
      confirmLabel={t('confirm')}
      variant="destructive"
      pending={pending}
      onConfirm={leave}
    />
  );
}
