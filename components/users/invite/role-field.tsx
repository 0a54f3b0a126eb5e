'use client';

import { useTranslations } from 'next-intl';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import type { InvitationRole } from '@/db/values';

/** The invite dialog's one role for the batch (with a file: for the rows that name none), and what it may do. */
export function RoleField({
  role,
  roles,
  onChange,
  forFile,
  disabled,
}: {
  role: InvitationRole;
  roles: InvitationRole[];
  onChange: (role: InvitationRole) => void;
  forFile: boolean;
  disabled?: boolean;
}) {
  const t = useTranslations();
  return (
    <div className="grid gap-2">
      <Label htmlFor="invite-role">{t(forFile ? 'invite.roleForFile' : 'invite.roleLabel')}</Label>
      <Select value={role} onValueChange={(value) => onChange(value as InvitationRole)} disabled={disabled}>
        <SelectTrigger id="invite-role" className="w-full" aria-label={t('invite.roleLabel')}>
          <SelectValue>{t(`common.roles.${role}`)}</SelectValue>
        </SelectTrigger>
        <SelectContent>
          {roles.map((option) => (
            <SelectItem key={option} value={option}>
              {t(`common.roles.${option}`)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <p className="text-xs text-muted-foreground">{t(`users.roleAllows.${role}`)}</p>
    </div>
  );
}
