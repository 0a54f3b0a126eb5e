'use client';

import { useState, useTransition } from 'react';
import { Loader2 } from 'lucide-react';
import { toast } from 'sonner';
import { renameOrganizationAction } from '@/app/actions/organizations';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

export function RenameForm({ organizationId, name }: { organizationId: string; name: string }) {
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const unchanged = value.trim() === name;
  return (
    <form
      className="grid gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await renameOrganizationAction({ organizationId, name: value });
          if (!result.ok) {
            setError(result.error.message);
            toast.error(result.error.message);
            return;
          }
          setError(null);
          setValue(result.data.name);
          toast.success(`Renamed the organization to ${result.data.name}`);
        });
      }}
    >
      <Label htmlFor="organization-name">Organization name</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id="organization-name"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          maxLength={80}
          aria-invalid={error ? true : undefined}
          aria-describedby="organization-name-help"
        />
        <Button type="submit" disabled={pending || unchanged || value.trim().length === 0}>
          {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
          Save
        </Button>
      </div>
      <p id="organization-name-help" className={error ? 'text-sm text-destructive' : 'text-xs text-muted-foreground'} role={error ? 'alert' : undefined}>
        {error ?? 'Shown to everyone in the organization and in invitation emails. Links keep working after a rename.'}
      </p>
    </form>
  );
}
