'use client';

import { useState } from 'react';
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
import { roleLabels, roleRank } from '@/lib/shared/roles';
import type { MemberRole } from '@/db/values';
import { plural } from './format';
import { statusLabels } from '@/lib/shared/user-table';
import type { UserTableRow } from './types';
import type { MatchingSelection } from './use-bulk-selection';
import { endSentence } from '@/lib/shared/text';

/** What the bulk bar asks to confirm: a role change (picked or matching rows), or deleting every match. */
export type BulkRequest = { kind: 'role'; role: MemberRole } | { kind: 'delete' };

/** The request and the selection it is for, taken when the dialog opens: what is confirmed is what is sent. */
export interface BulkConfirmation {
  request: BulkRequest;
  count: number;
  /** Every row of this filter, on every page; null for the picked `rows`. */
  matching: MatchingSelection | null;
  rows: UserTableRow[];
  includesViewer: boolean;
}

/** The filter in words: `search “crew”, role Member, status Active`. */
function describeFilter({ filter }: MatchingSelection): string {
  const parts: string[] = [];
  if (filter.search.trim()) parts.push(`search “${filter.search.trim()}”`);
  if (filter.role) parts.push(`role ${roleLabels[filter.role]}`);
  if (filter.status) parts.push(`status ${statusLabels[filter.status]}`);
  return parts.join(', ');
}

/**
 * What happens to the viewer when they are in the selection and `request` takes access from them:
 * the warning of the one-row self change (./self-change-dialog.tsx), told to one among many.
 */
function selfWarning(request: BulkRequest, viewerRole: MemberRole, organizationName: string, alone: boolean) {
  const among = alone ? '' : 'You are among them. ';
  if (request.kind === 'delete')
    return `${among}You will leave ${organizationName} and lose access to its admin console.`;
  if (roleRank[request.role] >= roleRank[viewerRole]) return null;
  return request.role === 'member'
    ? `${among}Members cannot open the admin console: you will be taken out of the console of ${organizationName}, and only an Owner or Admin can give your access back.`
    : `${among}${endSentence(`You will no longer be an Owner of ${organizationName}`)} Only an Owner can make you an Owner again.`;
}

/**
 * Confirms a bulk action from the bulk bar, naming how many rows it changes and what it does:
 * "Change the role of 37 users to Admin?", or "Delete 30 users?" for every matching row. Says which
 * rows (the first few picked, or the filter that matches them on every page), and warns the viewer
 * when they are among them and lose access.
 */
export function BulkConfirmDialog({
  confirmation,
  viewerRole,
  organizationName,
  pending,
  onConfirm,
  onOpenChange,
  onCloseAutoFocus,
}: {
  confirmation: BulkConfirmation | null;
  viewerRole: MemberRole;
  organizationName: string;
  pending: boolean;
  onConfirm: () => void;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus: (event: Event) => void;
}) {
  // The last confirmation stays on screen while the dialog closes, after the selection was cleared.
  const [last, setLast] = useState(confirmation);
  if (confirmation && confirmation !== last) setLast(confirmation);
  const shownConfirmation = confirmation ?? last;
  if (!shownConfirmation) return null;
  const { request, count, matching, rows, includesViewer } = shownConfirmation;
  const users = plural(count, 'user');
  // The viewer alone: the question the one-row self change asks.
  const alone = includesViewer && count === 1;
  const title =
    request.kind === 'role'
      ? alone
        ? `Change your own role to ${roleLabels[request.role]}?`
        : `Change the role of ${users} to ${roleLabels[request.role]}?`
      : `Delete ${users}?`;
  const warning = includesViewer ? selfWarning(request, viewerRole, organizationName, alone) : null;
  const filter = matching ? describeFilter(matching) : '';
  const shown = rows.slice(0, 5);
  return (
    <AlertDialog open={confirmation !== null} onOpenChange={onOpenChange}>
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <AlertDialogHeader>
          <AlertDialogTitle className="break-words">{title}</AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="grid gap-2">
              {matching ? (
                <p>
                  {filter
                    ? `Every user matching your filters (${filter}), on every page.`
                    : `Everyone in ${organizationName}: every user and invitation, on every page.`}
                </p>
              ) : (
                <ul
                  className="grid gap-1 rounded-md border bg-muted/40 p-2 text-left text-foreground"
                  aria-label="Selected users"
                >
                  {shown.map((row) => (
                    <li key={row.id} className="text-sm break-all">
                      {row.name ? `${row.name} · ` : ''}
                      {row.email}
                      {row.kind === 'invitation' ? ' (invitation)' : ''}
                    </li>
                  ))}
                  {count > shown.length ? (
                    <li className="text-sm text-muted-foreground">and {count - shown.length} more</li>
                  ) : null}
                </ul>
              )}
              {request.kind === 'delete' ? (
                <p>
                  Members lose access to {organizationName} at once; their AI Hub accounts are kept.
                  Invitation links stop working.
                </p>
              ) : null}
              {count > 1 ? (
                <p>
                  {request.kind === 'delete'
                    ? 'If any of them can’t be removed, nobody is removed.'
                    : 'If any of them can’t be given this role, nobody’s role changes.'}
                </p>
              ) : null}
              {warning ? <p className="font-medium text-destructive">{warning}</p> : null}
            </div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <AlertDialogAction
            variant={request.kind === 'delete' ? 'destructive' : 'default'}
            disabled={pending}
            onClick={(event) => {
              event.preventDefault();
              onConfirm();
            }}
          >
            {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
            {request.kind === 'delete' ? 'Delete' : alone ? 'Change my role' : 'Change role'}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
