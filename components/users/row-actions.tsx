'use client';

import { useId, useRef } from 'react';
import { MoreHorizontal, Send, Trash2, Unlink, UserCheck, UserCog, UserX } from 'lucide-react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { invitationRoles, roleLabels, roles } from '@/lib/shared/roles';
import type { MemberRole } from '@/db/values';
import type { MemberStatus } from '@/db/values';
import type { UserTableRow } from './types';
import { useHydrated } from '@/components/shared/use-hydrated';

/**
 * The `More options` menu of one row: `Change role` (the roles the viewer may give), `Resend invitation`,
 * `Suspend` or `Reactivate`, `Delete`.
 */
export function RowActions({
  row,
  onChangeRole,
  onResend,
  onStatus,
  onDelete,
  onDetach,
}: {
  row: UserTableRow;
  onChangeRole: (row: UserTableRow, role: MemberRole) => void;
  onResend: (row: UserTableRow) => void;
  onStatus: (row: UserTableRow, status: MemberStatus, returnFocus: HTMLElement | null) => void;
  onDelete: (row: UserTableRow, returnFocus: HTMLElement | null) => void;
  onDetach: (row: UserTableRow) => void;
}) {
  const trigger = useRef<HTMLButtonElement>(null);
  const reasonId = useId();
  const canChange = row.allowedRoles.some((role) => role !== row.role);
  // A held-back option stays in the menu, dimmed, and points at the reason shown under it.
  const describedBy = row.heldBack ? reasonId : undefined;
  const offered: readonly MemberRole[] = row.kind === 'invitation' ? invitationRoles : roles;
  const hydrated = useHydrated();
  if (!hydrated) {
    // The server sends the trigger alone, as the menu renders it when closed: the menu's component tree
    // is a quarter of the users page's server time at 25 rows. The menu mounts right after hydration,
    // before the button can do anything (and at once on client-side navigation).
    return (
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label="More options"
        title={`More options for ${row.email}`}
        aria-haspopup="menu"
        aria-expanded={false}
        data-state="closed"
      >
        <MoreHorizontal aria-hidden="true" />
      </Button>
    );
  }
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button
          ref={trigger}
          variant="ghost"
          size="icon-sm"
          aria-label="More options"
          title={`More options for ${row.email}`}
        >
          <MoreHorizontal aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-52">
        <DropdownMenuLabel className="truncate text-xs font-normal text-muted-foreground">
          {row.email}
        </DropdownMenuLabel>
        <DropdownMenuSub>
          <DropdownMenuSubTrigger
            disabled={!canChange}
            aria-describedby={canChange ? undefined : describedBy}
          >
            <UserCog aria-hidden="true" />
            Change role
          </DropdownMenuSubTrigger>
          <DropdownMenuSubContent>
            <DropdownMenuRadioGroup
              value={row.role}
              onValueChange={(value) => {
                if (value !== row.role) onChangeRole(row, value as MemberRole);
              }}
            >
              {offered.map((role) => (
                <DropdownMenuRadioItem
                  key={role}
                  value={role}
                  disabled={role !== row.role && !row.allowedRoles.includes(role)}
                >
                  {roleLabels[role]}
                </DropdownMenuRadioItem>
              ))}
            </DropdownMenuRadioGroup>
          </DropdownMenuSubContent>
        </DropdownMenuSub>
        {row.canResend ? (
          <DropdownMenuItem onSelect={() => onResend(row)}>
            <Send aria-hidden="true" />
            Resend invitation
          </DropdownMenuItem>
        ) : null}
        {row.canSuspend ? (
          <DropdownMenuItem onSelect={() => onStatus(row, 'suspended', trigger.current)}>
            <UserX aria-hidden="true" />
            Suspend
          </DropdownMenuItem>
        ) : null}
        {row.canReactivate ? (
          <DropdownMenuItem onSelect={() => onStatus(row, 'active', trigger.current)}>
            <UserCheck aria-hidden="true" />
            Reactivate
          </DropdownMenuItem>
        ) : null}
        {row.canDetach ? (
          <DropdownMenuItem onSelect={() => onDetach(row)}>
            <Unlink aria-hidden="true" />
            Detach from directory
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuSeparator />
        <DropdownMenuItem
          variant="destructive"
          disabled={!row.canDelete}
          aria-describedby={row.canDelete ? undefined : describedBy}
          onSelect={() => onDelete(row, trigger.current)}
        >
          <Trash2 aria-hidden="true" />
          Delete
        </DropdownMenuItem>
        {row.heldBack ? (
          <p id={reasonId} className="px-2 py-1.5 text-xs text-muted-foreground" data-slot="held-back-reason">
            {row.heldBack}
          </p>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
