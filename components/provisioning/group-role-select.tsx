'use client';

import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { setGroupRoleAction } from '@/app/actions/provisioning';
import { useCallAction } from '@/components/shared/call-action';
import { OptionSelect } from '@/components/shared/option-select';
import type { InvitationRole } from '@/db/values';
import { groupRoleChanged, groupRoleOf, groupRoleOptions, groupRoleValue } from './group-role-words';

/**
 * One group's "Role from this group" select: the choice shows at once, the server decides (the
 * policy, then the members' roles in the same transaction), and a toast says how many roles changed; a
 * refusal puts the choice back and says why.
 */
export function GroupRoleSelect({
  organizationId,
  group,
  labelledBy,
  disabled,
}: {
  organizationId: string;
  group: { id: string; name: string; mappedRole: InvitationRole | null };
  /** The ids of the label ("Role from this group") and of the group's name. */
  labelledBy: string;
  disabled: boolean;
}) {
  const t = useTranslations('provisioning');
  const [value, setValue] = useState(groupRoleValue(group.mappedRole));
  // When the page comes back with another mapping (someone else changed it), the select follows it:
  // adjusted while rendering, as React advises.
  const [shown, setShown] = useState(group.mappedRole);
  if (shown !== group.mappedRole) {
    setShown(group.mappedRole);
    setValue(groupRoleValue(group.mappedRole));
  }
  const [pending, startTransition] = useTransition();
  const call = useCallAction();

  function choose(next: string) {
    if (next === value) return;
    const before = value;
    setValue(next);
    startTransition(async () => {
      const result = await call(() =>
        setGroupRoleAction({ organizationId, groupId: group.id, role: groupRoleOf(next) }),
      );
      if (!result.ok) {
        setValue(before);
        toast.error(result.error.message);
        return;
      }
      toast.success(groupRoleChanged(t, result.data));
    });
  }

  return (
    <OptionSelect
      aria-labelledby={labelledBy}
      options={groupRoleOptions(t)}
      value={value}
      onValueChange={choose}
      disabled={disabled || pending}
      className="w-full sm:w-36"
    />
  );
}
