'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Loader2, Plus } from 'lucide-react';
import { toast } from 'sonner';
import { createOrganizationAction } from '@/app/actions/organizations';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

export function CreateOrganizationForm() {
  const router = useRouter();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await createOrganizationAction({ name });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      toast.success(`Created ${result.data.name}`);
      router.push(`/admin/${result.data.slug}/users`);
    });
  }

  return (
    <form onSubmit={submit} className="grid gap-2" noValidate>
      <Label htmlFor="organization-name">Organization name</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id="organization-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="Acme Inc."
          maxLength={80}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'organization-name-error' : undefined}
        />
        <Button type="submit" disabled={pending || name.trim().length === 0}>
          {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Plus aria-hidden="true" />}
          Create organization
        </Button>
      </div>
      {error ? (
        <p id="organization-name-error" role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </form>
  );
}
