'use client';

import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { setMemberNotificationsAction } from '@/app/actions/organizations';
import { useCallAction } from '@/components/shared/call-action';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';

/** The switch for emails about role changes and removals; it applies at once and says so. */
export function MemberNotifications({
  organizationId,
  enabled,
}: {
  organizationId: string;
  enabled: boolean;
}) {
  const t = useTranslations('settings.notifications');
  const [checked, setChecked] = useState(enabled);
  const [pending, startTransition] = useTransition();
  const call = useCallAction();
  function change(next: boolean) {
    setChecked(next);
    startTransition(async () => {
      const result = await call(() => setMemberNotificationsAction({ organizationId, enabled: next }));
      if (!result.ok) {
        setChecked(!next);
        toast.error(result.error.message);
        return;
      }
      toast.success(next ? t('on') : t('off'));
    });
  }
  return (
    <div className="flex items-start justify-between gap-4">
      <div className="grid gap-1">
        <Label htmlFor="notify-member-changes">{t('label')}</Label>
        <p id="notify-member-changes-help" className="text-xs text-muted-foreground">
          {t('help')}
        </p>
      </div>
      <Switch
        id="notify-member-changes"
        checked={checked}
        onCheckedChange={change}
        disabled={pending}
        aria-describedby="notify-member-changes-help"
      />
    </div>
  );
}
