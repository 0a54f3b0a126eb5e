'use client';

import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { setMemberNotificationsAction } from '@/app/actions/organizations';
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
  const [checked, setChecked] = useState(enabled);
  const [pending, startTransition] = useTransition();
  function change(next: boolean) {
    setChecked(next);
    startTransition(async () => {
      const result = await setMemberNotificationsAction({ organizationId, enabled: next });
      if (!result.ok) {
        setChecked(!next);
        toast.error(result.error.message);
        return;
      }
      toast.success(
        next
          ? 'People will be emailed when their role changes or they are removed'
          : 'People will no longer be emailed when their role changes or they are removed',
      );
    });
  }
  return (
    <div className="flex items-start justify-between gap-4">
      <div className="grid gap-1">
        <Label htmlFor="notify-member-changes">
          Email people when their role changes or they are removed
        </Label>
        <p id="notify-member-changes-help" className="text-xs text-muted-foreground">
          They are told what changed and who changed it. A new Owner is told too. Invitations are sent either
          way.
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
