'use client';

import { ChevronDown, Trash2, UserCheck, UserCog, UserX } from 'lucide-react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { MAX_SELECTION } from '@/lib/shared/limits';
import { roleLabels } from '@/lib/shared/roles';
import type { MemberRole } from '@/db/values';
import type { MemberStatus } from '@/db/values';
import { plural } from './format';
import type { BulkSelection } from './use-bulk-selection';

/**
 * The bulk action button shown while rows are selected: `Change role`, `Suspend`, `Reactivate` and
 * `Delete` for every selected row at once. It offers what the viewer could give at least one of them;
 * the server decides for all.
 */
export function BulkActions({
  count,
  roles,
  busy,
  onChangeRole,
  onStatus,
  onDelete,
  triggerRef,
}: {
  count: number;
  roles: MemberRole[];
  busy: boolean;
  onChangeRole: (role: MemberRole) => void;
  onStatus: (status: MemberStatus) => void;
  onDelete: () => void;
  /** The button, for the dialogs it opens to give focus back to. */
  triggerRef?: React.Ref<HTMLButtonElement>;
}) {
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button ref={triggerRef} variant="outline" size="sm" disabled={busy}>
          Bulk actions ({count})
          <ChevronDown aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-48">
        <DropdownMenuSub>
          <DropdownMenuSubTrigger disabled={roles.length === 0}>
            <UserCog aria-hidden="true" />
            Change role
          </DropdownMenuSubTrigger>
          <DropdownMenuSubContent>
            {roles.map((role) => (
              <DropdownMenuItem key={role} onSelect={() => onChangeRole(role)}>
                {roleLabels[role]}
              </DropdownMenuItem>
            ))}
          </DropdownMenuSubContent>
        </DropdownMenuSub>
        <DropdownMenuItem disabled={roles.length === 0} onSelect={() => onStatus('suspended')}>
          <UserX aria-hidden="true" />
          Suspend
        </DropdownMenuItem>
        <DropdownMenuItem disabled={roles.length === 0} onSelect={() => onStatus('active')}>
          <UserCheck aria-hidden="true" />
          Reactivate
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem variant="destructive" onSelect={onDelete}>
          <Trash2 aria-hidden="true" />
          Delete
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/**
 * The bar shown while rows are selected: how many, "Select all N matching" once the whole page is
 * selected and more rows match (up to MAX_SELECTION), the bulk actions, and `Clear selection`.
 */
export function SelectionBar({
  selection,
  total,
  busy,
  onChangeRole,
  onStatus,
  onDelete,
  onClear,
  triggerRef,
}: {
  selection: BulkSelection;
  onClear: () => void;
  total: number;
  busy: boolean;
  onChangeRole: (role: MemberRole) => void;
  onStatus: (status: MemberStatus) => void;
  onDelete: () => void;
  triggerRef: React.Ref<HTMLButtonElement>;
}) {
  const matchingCount = total.toLocaleString('en-US');
  return (
    <div
      className="flex w-full flex-wrap items-center gap-x-2 gap-y-1 sm:ml-auto sm:w-auto"
      role="status"
      aria-live="polite"
    >
      <span className="text-sm font-medium">
        {selection.matching
          ? `All ${plural(selection.matching.count, 'matching user')} selected`
          : `${selection.count.toLocaleString('en-US')} selected`}
      </span>
      {selection.canSelectMatching ? (
        <Button variant="link" size="sm" className="h-auto px-1 underline" onClick={selection.selectMatching}>
          Select all {matchingCount} matching
        </Button>
      ) : null}
      {selection.tooManyToSelect ? (
        <span className="text-sm text-muted-foreground">
          {matchingCount} users match: narrow the filters to select at most{' '}
          {MAX_SELECTION.toLocaleString('en-US')} at once.
        </span>
      ) : null}
      <BulkActions
        count={selection.count}
        roles={selection.roleChoices}
        busy={busy}
        onChangeRole={onChangeRole}
        onStatus={onStatus}
        onDelete={onDelete}
        triggerRef={triggerRef}
      />
      <Button variant="ghost" size="sm" onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}
