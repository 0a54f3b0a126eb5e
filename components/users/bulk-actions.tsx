'use client';

import { useRef } from 'react';
import { ChevronDown, Trash2, UserCheck, UserCog, UserX } from 'lucide-react';
import { useTranslations } from 'next-intl';
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
import type { BulkSelection } from './use-bulk-selection';
import type { ConfirmableChange } from './use-users-dialogs';
import { useUsersActions } from './users-actions';

/**
 * The bulk action button shown while rows are selected: `Change role`, `Suspend`, `Reactivate` and
 * `Delete` for every selected row at once, each confirmed first. It offers what the viewer could give at
 * least one of them; the server decides for all.
 */
function BulkActions({ selection }: { selection: BulkSelection }) {
  const { ask, pending } = useUsersActions();
  const t = useTranslations();
  // Focus returns here when a dialog it opened closes, while the selection (and so the button) lasts.
  const trigger = useRef<HTMLButtonElement>(null);
  const { count, roleChoices: roles, target } = selection;
  const confirm = (change: ConfirmableChange) => ask(change, trigger.current);
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button ref={trigger} variant="outline" size="sm" disabled={pending}>
          {t('users.bulk.trigger', { count })}
          <ChevronDown aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      {/* Aligned at the button's end, so that on a phone the role submenu has room beside the menu. */}
      <DropdownMenuContent align="end" collisionPadding={8} className="w-48">
        <DropdownMenuSub>
          <DropdownMenuSubTrigger disabled={roles.length === 0}>
            <UserCog aria-hidden="true" />
            {t('users.rowActions.changeRole')}
          </DropdownMenuSubTrigger>
          <DropdownMenuSubContent collisionPadding={8}>
            {roles.map((role) => (
              <DropdownMenuItem key={role} onSelect={() => confirm({ kind: 'role', role, target })}>
                {t(`common.roles.${role}`)}
              </DropdownMenuItem>
            ))}
          </DropdownMenuSubContent>
        </DropdownMenuSub>
        <DropdownMenuItem
          disabled={roles.length === 0}
          onSelect={() => confirm({ kind: 'status', status: 'suspended', target })}
        >
          <UserX aria-hidden="true" />
          {t('users.rowActions.suspend')}
        </DropdownMenuItem>
        <DropdownMenuItem
          disabled={roles.length === 0}
          onSelect={() => confirm({ kind: 'status', status: 'active', target })}
        >
          <UserCheck aria-hidden="true" />
          {t('users.rowActions.reactivate')}
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem variant="destructive" onSelect={() => confirm({ kind: 'remove', target })}>
          <Trash2 aria-hidden="true" />
          {t('common.actions.delete')}
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
  onClear,
}: {
  selection: BulkSelection;
  total: number;
  onClear: () => void;
}) {
  const t = useTranslations('users.bulk');
  return (
    <div
      className="flex w-full flex-wrap items-center gap-x-2 gap-y-1 sm:ml-auto sm:w-auto"
      role="status"
      aria-live="polite"
    >
      <span className="text-sm font-medium">
        {selection.matching
          ? t('allSelected', { count: selection.matching.count })
          : t('selected', { count: selection.count })}
      </span>
      {selection.canSelectMatching ? (
        <Button variant="link" size="sm" className="h-auto px-1 underline" onClick={selection.selectMatching}>
          {t('selectAll', { count: total })}
        </Button>
      ) : null}
      {selection.tooManyToSelect ? (
        <span className="text-sm text-muted-foreground">
          {t('tooMany', { count: total, max: MAX_SELECTION })}
        </span>
      ) : null}
      <BulkActions selection={selection} />
      <Button variant="ghost" size="sm" onClick={onClear}>
        {t('clear')}
      </Button>
    </div>
  );
}
