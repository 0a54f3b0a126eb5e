'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Loader2 } from 'lucide-react';
import { toast } from 'sonner';
import { transferOwnershipAction } from '@/app/actions/organizations';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { isValidEmail, normalizeEmail } from '@/lib/email-address';

/** `Transfer ownership`: pick a member by email, confirm; they become Owner and you become Admin. */
export function TransferOwnership({ organizationId, organizationName }: { organizationId: string; organizationName: string }) {
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const target = normalizeEmail(email);

  function transfer() {
    startTransition(async () => {
      const result = await transferOwnershipAction({ organizationId, toEmail: target });
      if (!result.ok) {
        setError(result.error.message);
        toast.error(result.error.message);
        setOpen(false);
        return;
      }
      setOpen(false);
      setEmail('');
      setError(null);
      toast.success(`${result.data.newOwnerEmail} is now an Owner of ${organizationName}. You are an Admin.`);
      router.refresh();
    });
  }

  return (
    <div className="grid gap-2">
      <Label htmlFor="transfer-email">New Owner</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id="transfer-email"
          type="email"
          placeholder="Email of a member of this organization"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby="transfer-help"
        />
        <AlertDialog open={open} onOpenChange={setOpen}>
          <AlertDialogTrigger asChild>
            <Button variant="outline" disabled={!isValidEmail(target) || pending}>
              Transfer ownership
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>Transfer ownership of {organizationName}?</AlertDialogTitle>
              <AlertDialogDescription>
                {target} becomes an Owner and you become an Admin, in one step. You keep access to the admin console but can no longer
                delete the organization or change Owners.
              </AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
              <AlertDialogAction
                disabled={pending}
                onClick={(event) => {
                  event.preventDefault();
                  transfer();
                }}
              >
                {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
                Transfer ownership
              </AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      </div>
      <p id="transfer-help" className={error ? 'text-sm text-destructive' : 'text-xs text-muted-foreground'} role={error ? 'alert' : undefined}>
        {error ?? 'The new Owner must already be a member of the organization.'}
      </p>
    </div>
  );
}
