'use client';

import { useState } from 'react';
import { Loader2 } from 'lucide-react';
import { toast } from 'sonner';
import { renameOrganizationAction } from '@/app/actions/organizations';
import { useFormAction } from '@/components/shared/use-form-action';
import { Button } from '@/components/ui/button';
import { FieldInput } from '@/components/shared/field-input';
import { Label } from '@/components/ui/label';
import { CharacterCount } from '@/components/shared/character-count';
import { MAX_ORGANIZATION_NAME } from '@/lib/shared/limits';
import { FieldHelp } from '@/components/shared/field-help';

export function RenameForm({ organizationId, name }: { organizationId: string; name: string }) {
  // Controlled, because Save stays disabled while the name is unchanged.
  const [value, setValue] = useState(name);
  const { state, formAction, pending } = useFormAction(renameOrganizationAction, {
    onSuccess(organization) {
      setValue(organization.name);
      toast.success(`Renamed the organization to ${organization.name}`);
    },
  });
  // The only field: whatever went wrong is told under it, once (not in a toast as well).
  const error = state.fields?.name ?? state.error;
  const unchanged = value.trim() === name;
  return (
    <form action={formAction} className="grid gap-2">
      <input type="hidden" name="organizationId" value={organizationId} />
      <Label htmlFor="organization-name">Organization name</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <FieldInput
          id="organization-name"
          name="name"
          value={value}
          onValue={setValue}
          error={error}
          maxLength={MAX_ORGANIZATION_NAME}
          aria-describedby="organization-name-help organization-name-count"
        />
        <Button type="submit" disabled={pending || unchanged || value.trim().length === 0}>
          {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
          Save
        </Button>
      </div>
      <FieldHelp id="organization-name-help" error={error}>
        Shown to everyone in the organization and in invitation emails. Links keep working after a rename.
      </FieldHelp>
      <CharacterCount id="organization-name-count" value={value} max={MAX_ORGANIZATION_NAME} />
    </form>
  );
}
