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
import { useTranslations } from 'next-intl';
import { invitationRoles, roles } from '@/lib/shared/roles';
import type { MemberRole } from '@/db/values';
import type { MemberChange } from './member-changes';
import type { UserTableRow } from './types';
import { useUsersActions } from './users-actions';

/**
 * The `More options` menu of one row: `Change role` (the roles the viewer may give), `Resend invitation`,
 * `Suspend` or `Reactivate`, `Detach from directory`, `Delete`. Each asks the page (UsersActions) for its
 * change, and the page confirms first where it should.
 */
export function RowActions({ row }: { row: UserTableRow }) {
  const { request } = useUsersActions();
  const t = useTranslations();
  const trigger = useRef<HTMLButtonElement>(null);
  const reasonId = useId();
  const roleReasonId = useId();
  const canChange = row.allowedRoles.some((role) => role !== row.role);
  // A held-back option stays in the menu, dimmed, and points at the reason shown under it.
  const describedBy = row.heldBack ? reasonId : undefined;
  // A role that a directory group's mapping gives: Change role says why (Owner may still be offered).
  const roleDescribedBy = row.roleHeldBack ? roleReasonId : canChange ? undefined : describedBy;
  const offered: readonly MemberRole[] = row.kind === 'invitation' ? invitationRoles : roles;
  const requestChange = (change: MemberChange) => request(change, trigger.current);
  const target = { rows: [row] };
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button
          ref={trigger}
          variant="ghost"
          size="icon-sm"
          aria-label={t('users.row.moreOptions')}
          title={t('users.rowActions.moreOptionsFor', { email: row.email })}
        >
          <MoreHorizontal aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-52">
        {/* Who the menu acts on, whole: a long name or address wraps instead of being cut. */}
        <DropdownMenuLabel className="grid gap-0.5 text-xs font-normal wrap-anywhere">
          {row.name && row.kind === 'member' ? (
            <span data-part="name" className="font-medium text-foreground">
              {row.name}
            </span>
          ) : null}
          <span data-part="email" className="text-muted-foreground">
            {row.email}
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSub>
          <DropdownMenuSubTrigger disabled={!canChange} aria-describedby={roleDescribedBy}>
            <UserCog aria-hidden="true" />
            {t('users.rowActions.changeRole')}
          </DropdownMenuSubTrigger>
          <DropdownMenuSubContent>
            <DropdownMenuRadioGroup
              value={row.role}
              onValueChange={(value) => {
                if (value !== row.role) requestChange({ kind: 'role', role: value as MemberRole, target });
              }}
            >
              {offered.map((role) => (
                <DropdownMenuRadioItem
                  key={role}
                  value={role}
                  disabled={role !== row.role && !row.allowedRoles.includes(role)}
                >
                  {t(`common.roles.${role}`)}
                </DropdownMenuRadioItem>
              ))}
            </DropdownMenuRadioGroup>
          </DropdownMenuSubContent>
        </DropdownMenuSub>
        {row.roleHeldBack ? (
          <p
            id={roleReasonId}
            className="px-2 py-1.5 text-xs text-muted-foreground"
            data-slot="role-held-back-reason"
          >
            {row.roleHeldBack}
          </p>
        ) : null}
        {row.canResend ? (
          <DropdownMenuItem onSelect={() => requestChange({ kind: 'resend', row })}>
            <Send aria-hidden="true" />
            {t('users.rowActions.resend')}
          </DropdownMenuItem>
        ) : null}
        {row.canSuspend ? (
          <DropdownMenuItem onSelect={() => requestChange({ kind: 'status', status: 'suspended', target })}>
            <UserX aria-hidden="true" />
            {t('users.rowActions.suspend')}
          </DropdownMenuItem>
        ) : null}
        {row.canReactivate ? (
          <DropdownMenuItem onSelect={() => requestChange({ kind: 'status', status: 'active', target })}>
            <UserCheck aria-hidden="true" />
            {t('users.rowActions.reactivate')}
          </DropdownMenuItem>
        ) : null}
        {row.canDetach ? (
          <DropdownMenuItem onSelect={() => requestChange({ kind: 'detach', row })}>
            <Unlink aria-hidden="true" />
            {t('users.rowActions.detach')}
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuSeparator />
        <DropdownMenuItem
          variant="destructive"
          disabled={!row.canDelete}
          aria-describedby={row.canDelete ? undefined : describedBy}
          onSelect={() => requestChange({ kind: 'remove', target })}
        >
          <Trash2 aria-hidden="true" />
          {t('common.actions.delete')}
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
