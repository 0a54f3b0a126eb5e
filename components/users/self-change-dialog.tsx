'use client';

import { Loader2 } from 'lucide-react';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';
import { roleLabels } from '@/lib/shared/roles';
import type { MemberRole } from '@/db/values';
import { endSentence } from '@/lib/shared/text';

/** Asks before you change your own role to one with less access. */
export function SelfChangeDialog({
  role,
  organizationName,
  pending,
  onConfirm,
  onOpenChange,
}: {
  role: MemberRole | null;
  organizationName: string;
  pending: boolean;
  onConfirm: () => void;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <AlertDialog open={role !== null} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Change your own role to {role ? roleLabels[role] : ''}?</AlertDialogTitle>
          <AlertDialogDescription>
            {role === 'member'
              ? `Members cannot open the admin console: you will be taken out of the console of ${organizationName}, and only an Owner or Admin can give your access back.`
              : `${endSentence(`You will no longer be an Owner of ${organizationName}`)} Only an Owner can make you an Owner again.`}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <AlertDialogAction
            disabled={pending}
            onClick={(event) => {
              event.preventDefault();
              onConfirm();
            }}
          >
            {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
            Change my role
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
