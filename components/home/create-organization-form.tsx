'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Loader2, Plus } from 'lucide-react';
import { toast } from 'sonner';
import { createOrganizationAction } from '@/app/actions/organizations';
import { useFormAction } from '@/components/shared/use-form-action';
import { Button } from '@/components/ui/button';
import { FieldInput } from '@/components/shared/field-input';
import { Label } from '@/components/ui/label';
import { MAX_ORGANIZATION_NAME } from '@/lib/shared/limits';
import { createdMessage } from '@/lib/shared/organization-names';
import { CharacterCount } from '@/components/shared/character-count';

export function CreateOrganizationForm() {
  const router = useRouter();
  // Controlled, because the button stays disabled while the name is empty.
  const [name, setName] = useState('');
  const { state, formAction, pending } = useFormAction(createOrganizationAction, {
    onSuccess(organization) {
      toast.success(createdMessage(organization.name, organization.slug));
      router.push(`/admin/${organization.slug}/users`);
    },
  });
  // The only field: whatever went wrong is told under it.
  const error = state.fields?.name ?? state.error;

  return (
    <form action={formAction} className="grid gap-2" noValidate>
      <Label htmlFor="organization-name">Organization name</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <FieldInput
          id="organization-name"
          name="name"
          value={name}
          onValue={setName}
          error={error}
          placeholder="Acme Inc."
          maxLength={MAX_ORGANIZATION_NAME}
          aria-describedby={
            error ? 'organization-name-error organization-name-count' : 'organization-name-count'
          }
        />
        <Button type="submit" disabled={pending || name.trim().length === 0}>
          {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Plus aria-hidden="true" />}
          Create organization
        </Button>
      </div>
      <CharacterCount id="organization-name-count" value={name} max={MAX_ORGANIZATION_NAME} />
      {error ? (
        <p id="organization-name-error" role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </form>
  );
}
