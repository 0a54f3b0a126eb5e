'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Loader2 } from 'lucide-react';
import { toast } from 'sonner';
import { transferOwnershipAction } from '@/app/actions/organizations';
import { useFormAction } from '@/components/shared/use-form-action';
import {
  AlertDialog,
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

/** The confirmation dialog's form; the address field outside the dialog belongs to it by this id. */
const FORM_ID = 'transfer-ownership-form';

/** `Transfer ownership`: pick a member by email, confirm; they become Owner and you become Admin. */
export function TransferOwnership({
  organizationId,
  organizationName,
}: {
  organizationId: string;
  organizationName: string;
}) {
  const router = useRouter();
  // Controlled, because the address enables the button and is repeated in the confirmation.
  const [email, setEmail] = useState('');
  const [open, setOpen] = useState(false);
  const { state, formAction, pending } = useFormAction(transferOwnershipAction, {
    onSuccess(result) {
      setOpen(false);
      setEmail('');
      toast.success(`${result.newOwnerEmail} is now an Owner of ${organizationName}. You are an Admin.`);
      router.refresh();
    },
    onError(error) {
      toast.error(error.message);
      setOpen(false);
    },
  });
  // The only field: whatever went wrong is told under it.
  const error = state.fields?.toEmail ?? state.error;
  const target = normalizeEmail(email);

  return (
    <div className="grid gap-2">
      <Label htmlFor="transfer-email">New Owner</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id="transfer-email"
          form={FORM_ID}
          name="toEmail"
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
                {target} becomes an Owner and you become an Admin, in one step. You keep access to the admin
                console but can no longer delete the organization or change Owners.
              </AlertDialogDescription>
            </AlertDialogHeader>
            {/* The form lives in the dialog so that only the confirmation submits it: Enter in the address
                field does nothing while the dialog is closed, as there is no form to submit then. */}
            <form id={FORM_ID} action={formAction} noValidate>
              <input type="hidden" name="organizationId" value={organizationId} />
              <AlertDialogFooter>
                <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
                <Button type="submit" disabled={pending}>
                  {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
                  Transfer ownership
                </Button>
              </AlertDialogFooter>
            </form>
          </AlertDialogContent>
        </AlertDialog>
      </div>
      <p
        id="transfer-help"
        className={error ? 'text-sm text-destructive' : 'text-xs text-muted-foreground'}
        role={error ? 'alert' : undefined}
      >
        {error ?? 'The new Owner must already be a member of the organization.'}
      </p>
    </div>
  );
}
