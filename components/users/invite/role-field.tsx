'use client';

import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { roleDescriptions, roleLabels } from '@/lib/shared/roles';
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
  return (
    <div className="grid gap-2">
      <Label htmlFor="invite-role">{forFile ? 'Role (for rows that name none)' : 'Role'}</Label>
      <Select value={role} onValueChange={(value) => onChange(value as InvitationRole)} disabled={disabled}>
        <SelectTrigger id="invite-role" className="w-full" aria-label="Role">
          <SelectValue>{roleLabels[role]}</SelectValue>
        </SelectTrigger>
        <SelectContent>
          {roles.map((option) => (
            <SelectItem key={option} value={option}>
              {roleLabels[option]}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <p className="text-xs text-muted-foreground">{`${roleLabels[role]}s can ${roleDescriptions[role]}.`}</p>
    </div>
  );
}
