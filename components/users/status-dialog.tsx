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
import type { MemberStatus } from '@/db/values';
import { plural } from './format';
import type { UserTableRow } from './types';

/** What a status change is aimed at: picked rows, or every row matching the filter (`count` of them). */
export type StatusTargets = { rows: UserTableRow[] } | { matchingCount: number };

/**
 * The confirmation modal of Suspend and Reactivate (docs/rules.md rule 8a): says what happens to access,
 * names who (or how many match), confirmed by its `Suspend` or `Reactivate` button.
 */
export function StatusDialog({
  change,
  organizationName,
  pending,
  onConfirm,
  onOpenChange,
  onCloseAutoFocus,
}: {
  change: { status: MemberStatus; targets: StatusTargets } | null;
  organizationName: string;
  pending: boolean;
  onConfirm: () => void;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  const suspend = change?.status === 'suspended';
  const verb = suspend ? 'Suspend' : 'Reactivate';
  const targets = change?.targets;
  const rows = targets && 'rows' in targets ? targets.rows : [];
  const count = targets ? ('rows' in targets ? targets.rows.length : targets.matchingCount) : 0;
  const title =
    targets && 'matchingCount' in targets
      ? `${verb} all ${plural(count, 'matching user')}?`
      : count === 1
        ? `${verb} ${rows[0].email}?`
        : `${verb} ${plural(count, 'user')}?`;
  const shown = rows.slice(0, 5);
  return (
    <AlertDialog open={change !== null} onOpenChange={onOpenChange}>
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <AlertDialogHeader>
          <AlertDialogTitle className="[overflow-wrap:anywhere]">{title}</AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="grid gap-2">
              <p className="[overflow-wrap:anywhere]">
                {suspend
                  ? `They keep their role but lose access to ${organizationName} at once, until they are reactivated. Their AI Hub accounts are kept.`
                  : `They get their access to ${organizationName} back at once, with the role they had.`}
              </p>
              {shown.length > 1 ? (
                <ul
                  className="grid gap-1 rounded-md border bg-muted/40 p-2 text-foreground"
                  aria-label={suspend ? 'Users to suspend' : 'Users to reactivate'}
                >
                  {shown.map((row) => (
                    <li key={row.id} className="truncate text-sm" title={row.email}>
                      {row.name ? `${row.name} · ` : ''}
                      {row.email}
                    </li>
                  ))}
                  {rows.length > shown.length ? (
                    <li className="text-sm text-muted-foreground">and {rows.length - shown.length} more</li>
                  ) : null}
                </ul>
              ) : null}
            </div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <AlertDialogAction
            variant={suspend ? 'destructive' : 'default'}
            disabled={pending}
            onClick={(event) => {
              event.preventDefault();
              onConfirm();
            }}
          >
            {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
            {verb}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
