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
import type { UserTableRow } from './types';

/**
 * The delete confirmation modal: names who will be removed, confirmed by its `Delete` button. Removing
 * only yourself is leaving: the dialog then speaks to you and its button says `Leave`.
 */
export function DeleteDialog({
  rows,
  organizationName,
  pending,
  onConfirm,
  onOpenChange,
  onCloseAutoFocus,
}: {
  rows: UserTableRow[] | null;
  organizationName: string;
  pending: boolean;
  onConfirm: () => void;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  const list = rows ?? [];
  const self = list.some((row) => row.isSelf);
  const leaving = list.length === 1 && self;
  const shown = list.slice(0, 5);
  const title =
    list.length === 1
      ? leaving
        ? `Leave ${organizationName}?`
        : list[0].kind === 'invitation'
          ? 'Delete this invitation?'
          : 'Delete this user?'
      : `Delete ${list.length} users?`;
  return (
    <AlertDialog open={rows !== null} onOpenChange={onOpenChange}>
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          {leaving ? (
            <AlertDialogDescription>
              You will lose access to {organizationName} and its admin console at once. Your AI Hub account is
              kept; someone will have to invite you again to come back.
            </AlertDialogDescription>
          ) : (
            <AlertDialogDescription asChild>
              <div className="grid gap-2">
                <p>
                  {list.some((row) => row.kind === 'member')
                    ? `They will lose access to ${organizationName} at once. Their AI Hub accounts are kept.`
                    : 'The invitation link will stop working.'}
                </p>
                <ul
                  className="grid gap-1 rounded-md border bg-muted/40 p-2 text-foreground"
                  aria-label="Users to delete"
                >
                  {shown.map((row) => (
                    <li key={row.id} className="truncate text-sm">
                      {row.name ? `${row.name} · ` : ''}
                      {row.email}
                      {row.kind === 'invitation' ? ' (invitation)' : ''}
                    </li>
                  ))}
                  {list.length > shown.length ? (
                    <li className="text-sm text-muted-foreground">and {list.length - shown.length} more</li>
                  ) : null}
                </ul>
                {self ? (
                  <p className="font-medium text-destructive">
                    You are removing yourself: you will leave {organizationName} and its admin console.
                  </p>
                ) : null}
              </div>
            </AlertDialogDescription>
          )}
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <AlertDialogAction
            variant="destructive"
            disabled={pending}
            onClick={(event) => {
              event.preventDefault();
              onConfirm();
            }}
          >
            {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
            {leaving ? 'Leave' : 'Delete'}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
