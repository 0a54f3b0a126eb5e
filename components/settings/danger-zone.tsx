'use client';

import { useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { Loader2 } from 'lucide-react';
import { deleteOrganizationAction } from '@/app/actions/organizations';
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
import { noticeQuery } from '@/lib/shared/notices';

/** `Delete organization`: Owners only; the name must be typed to confirm. */
export function DeleteOrganization({
  organizationId,
  organizationName,
}: {
  organizationId: string;
  organizationName: string;
}) {
  const nameField = useRef<HTMLInputElement>(null);
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="destructive">Delete organization</Button>
      </AlertDialogTrigger>
      <AlertDialogContent
        onOpenAutoFocus={(event) => {
          // An alert dialog starts on Cancel; this one asks for the name first, so start there. The
          // delete button stays disabled until the name is typed, so nothing is lost by it.
          event.preventDefault();
          nameField.current?.focus();
        }}
      >
        <AlertDialogHeader>
          <AlertDialogTitle>Delete {organizationName}?</AlertDialogTitle>
          <AlertDialogDescription>
            This removes the organization, every membership and invitation, and its activity log, for good.
            People keep their AI Hub accounts.
          </AlertDialogDescription>
        </AlertDialogHeader>
        {/* Closing the dialog unmounts the form, which forgets what was typed and any error. */}
        <DeleteOrganizationForm
          organizationId={organizationId}
          organizationName={organizationName}
          nameField={nameField}
        />
      </AlertDialogContent>
    </AlertDialog>
  );
}

function DeleteOrganizationForm({
  organizationId,
  organizationName,
  nameField,
}: {
  organizationId: string;
  organizationName: string;
  nameField: React.Ref<HTMLInputElement>;
}) {
  const router = useRouter();
  // Controlled, because the button stays disabled until the name is typed exactly.
  const [typed, setTyped] = useState('');
  const { state, formAction, pending } = useFormAction(deleteOrganizationAction, {
    onSuccess() {
      router.push(`/?${noticeQuery('deleted')}`);
    },
  });
  // The only field: whatever went wrong is told under it.
  const error = state.fields?.confirmName ?? state.error;
  return (
    <form action={formAction} className="grid gap-4">
      <input type="hidden" name="organizationId" value={organizationId} />
      <div className="grid gap-2">
        {/* A block, not the Label's flex row: a long name then wraps as part of the sentence. */}
        <Label htmlFor="confirm-name" className="block leading-normal [overflow-wrap:anywhere]">
          Type <span className="font-semibold">{organizationName}</span> to confirm
        </Label>
        <Input
          id="confirm-name"
          ref={nameField}
          name="confirmName"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'confirm-name-error' : undefined}
        />
        {error ? (
          <p id="confirm-name-error" role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
      </div>
      <AlertDialogFooter>
        <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
        <Button type="submit" variant="destructive" disabled={pending || typed.trim() !== organizationName}>
          {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
          Delete organization
        </Button>
      </AlertDialogFooter>
    </form>
  );
}
