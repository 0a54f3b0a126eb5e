'use client';

import { ArrowDown, ArrowUp, ArrowUpDown, SearchX, UserPlus } from 'lucide-react';
import type { MemberRole } from '@/db/values';
import { RoleBadge } from '@/components/shared/role-badge';
import { Button } from '@/components/ui/button';
import type { SortKey, UserTableParams } from '@/lib/shared/user-table';
import { cn } from '@/lib/shared/utils';
import { formatDate, formatDateTime } from '@/lib/shared/format';
import { invitationDetails } from './format';
import { RowActions } from './row-actions';
import { StatusBadge } from './status-badge';
import type { UserTableRow } from './types';
import type { MemberStatus } from '@/db/values';
import { useHydrated } from '@/components/shared/use-hydrated';

function SortHeader({
  label,
  sortKey,
  params,
  onSort,
  className,
}: {
  label: string;
  sortKey: SortKey;
  params: UserTableParams;
  onSort: (key: SortKey, direction: 'asc' | 'desc') => void;
  className?: string;
}) {
  const active = params.sort === sortKey;
  const next = active && params.direction === 'asc' ? 'desc' : 'asc';
  const Icon = active ? (params.direction === 'asc' ? ArrowUp : ArrowDown) : ArrowUpDown;
  return (
    <th
      aria-sort={active ? (params.direction === 'asc' ? 'ascending' : 'descending') : undefined}
      className={className}
    >
      <button type="button" className="ut-sort" onClick={() => onSort(sortKey, next)}>
        {label}
        <Icon className={cn('size-3.5', !active && 'text-muted-foreground/60')} aria-hidden="true" />
        <span className="sr-only">
          {active ? `, sorted ${params.direction === 'asc' ? 'ascending' : 'descending'}` : ', not sorted'}
        </span>
      </button>
    </th>
  );
}

/**
 * The `More options` trigger as the server sends it: a short button (its look, dots included, in
 * app/globals.css) in
 * place of the menu's component tree, which mounts right after hydration, before the button can do
 * anything (and at once on client-side navigation). A page repeats it per row.
 */
function MenuPlaceholder() {
  return <button type="button" className="ut-more" aria-label="More options" aria-haspopup="menu"></button>;
}

/** A native checkbox: the page has one per row, and it weighs a tenth of the styled Radix one. */
function RowCheckbox({
  checked,
  indeterminate = false,
  disabled,
  label,
  onChange,
}: {
  checked: boolean;
  indeterminate?: boolean;
  disabled?: boolean;
  label: string;
  onChange: (checked: boolean) => void;
}) {
  return (
    <input
      type="checkbox"
      className="ut-check"
      checked={checked}
      disabled={disabled}
      aria-label={label}
      ref={(input) => {
        if (input) input.indeterminate = indeterminate;
      }}
      onChange={(event) => onChange(event.target.checked)}
    />
  );
}

function statusTitle(row: UserTableRow) {
  if (row.status === 'not_delivered') {
    const reason = row.deliveryError ? `: ${row.deliveryError}` : '';
    if (row.delivery === 'bounced') return `The email bounced${reason}. Check the address, or resend it.`;
    if (row.delivery === 'complained')
      return 'The recipient marked the email as spam. Resend only if they ask.';
    return `The email could not be delivered${reason}. Resend it.`;
  }
  if (row.status === 'declined') return 'The invitee declined. Delete the row, or invite the address again.';
  if (!row.expiresAt) return undefined;
  return `${row.status === 'expired' ? 'Expired on' : 'Expires'} ${formatDateTime(row.expiresAt)}`;
}

/** One row's cells. Below md the user cell also carries the role and the status (the columns hide). */
function UserRowCells({ row, status }: { row: UserTableRow; status: string | undefined }) {
  const invitation = row.kind === 'invitation';
  return (
    <>
      <td>
        <div className="ut-user">
          <div className="ut-who">
            <div className="ut-name">
              {invitation ? row.email : row.name || row.email.split('@')[0]}
              {row.isSelf ? <span className="ut-note"> (you)</span> : null}
              {row.directory ? (
                <>
                  {' '}
                  <span className="badge" data-tone="directory" title="Managed by your identity provider">
                    Directory
                  </span>
                </>
              ) : null}
            </div>
            {invitation ? (
              invitationDetails(row).map((line) => (
                <div key={line} className="ut-sub ut-note">
                  {line}
                </div>
              ))
            ) : (
              <div className="ut-sub">{row.email}</div>
            )}
            <div className="ut-tags">
              <RoleBadge role={row.role} />
              <StatusBadge status={row.status} title={status} />
            </div>
          </div>
        </div>
      </td>
      <td className="ut-md">
        <RoleBadge role={row.role} />
      </td>
      <td className="ut-md">
        <StatusBadge status={row.status} title={status} />
      </td>
      <td className="ut-lg">{formatDate(row.date)}</td>
      <td className="ut-lg" title={row.lastActiveAt ? formatDateTime(row.lastActiveAt) : undefined}>
        {invitation ? '—' : row.lastActiveAt ? formatDate(row.lastActiveAt) : 'Never'}
      </td>
      <td className="ut-xl" title={row.invitedBy}>
        {row.invitedBy ?? '—'}
      </td>
    </>
  );
}

export function UsersTable({
  rows,
  params,
  selected,
  pending,
  filtered,
  onToggle,
  onTogglePage,
  onSort,
  onClearFilters,
  onInvite,
  onChangeRole,
  onResend,
  onStatus,
  onDelete,
  onDetach,
}: {
  rows: UserTableRow[];
  params: UserTableParams;
  selected: ReadonlySet<string>;
  pending: boolean;
  filtered: boolean;
  onToggle: (id: string, checked: boolean) => void;
  onTogglePage: (checked: boolean) => void;
  onSort: (key: SortKey, direction: 'asc' | 'desc') => void;
  onClearFilters: () => void;
  onInvite: () => void;
  onChangeRole: (row: UserTableRow, role: MemberRole) => void;
  onResend: (row: UserTableRow) => void;
  onStatus: (row: UserTableRow, status: MemberStatus, returnFocus: HTMLElement | null) => void;
  onDelete: (row: UserTableRow, returnFocus: HTMLElement | null) => void;
  onDetach: (row: UserTableRow) => void;
}) {
  const hydrated = useHydrated();
  const selectedOnPage = rows.filter((row) => selected.has(row.id)).length;
  const headerState = selectedOnPage === 0 ? false : selectedOnPage === rows.length ? true : 'indeterminate';
  return (
    <div
      className={cn(
        'overflow-hidden rounded-lg border bg-background transition-opacity',
        pending && 'opacity-60',
      )}
      aria-busy={pending}
    >
      <table className="ut">
        <thead className="bg-muted/40">
          <tr>
            <th>
              <RowCheckbox
                checked={headerState === true}
                indeterminate={headerState === 'indeterminate'}
                disabled={rows.length === 0}
                label="Select all users on this page"
                onChange={onTogglePage}
              />
            </th>
            <SortHeader label="User" sortKey="name" params={params} onSort={onSort} />
            <SortHeader label="Role" sortKey="role" params={params} onSort={onSort} className="ut-md" />
            <SortHeader label="Status" sortKey="status" params={params} onSort={onSort} className="ut-md" />
            {/* Members: when they joined; invitations: when first invited (a resend does not move a row). */}
            <SortHeader label="Added" sortKey="date" params={params} onSort={onSort} className="ut-lg" />
            <SortHeader
              label="Last active"
              sortKey="active"
              params={params}
              onSort={onSort}
              className="ut-lg"
            />
            <th className="ut-xl">Invited by</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={8} className="h-48">
                <div className="flex flex-col items-center gap-2 text-center">
                  {filtered ? (
                    <>
                      <SearchX className="size-8 text-muted-foreground" aria-hidden="true" />
                      <p className="font-medium">No users match these filters</p>
                      <Button variant="outline" size="sm" onClick={onClearFilters}>
                        Clear filters
                      </Button>
                    </>
                  ) : (
                    <>
                      <UserPlus className="size-8 text-muted-foreground" aria-hidden="true" />
                      <p className="font-medium">No one here yet</p>
                      <Button size="sm" onClick={onInvite}>
                        Invite New User
                      </Button>
                    </>
                  )}
                </div>
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr
                key={row.id}
                data-state={selected.has(row.id) ? 'selected' : undefined}
                data-row-email={row.email}
              >
                <td>
                  <RowCheckbox
                    checked={selected.has(row.id)}
                    label={`Select ${row.email}`}
                    onChange={(checked) => onToggle(row.id, checked)}
                  />
                </td>
                <UserRowCells row={row} status={statusTitle(row)} />
                <td>
                  {hydrated ? (
                    <RowActions
                      row={row}
                      onChangeRole={onChangeRole}
                      onResend={onResend}
                      onStatus={onStatus}
                      onDelete={onDelete}
                      onDetach={onDetach}
                    />
                  ) : (
                    <MenuPlaceholder />
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
