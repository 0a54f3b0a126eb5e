'use client';

import { ArrowDown, ArrowUp, ArrowUpDown, SearchX, UserPlus } from 'lucide-react';
import type { MemberRole } from '@/lib/policy';
import { RoleBadge } from '@/components/shared/role-badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { SortKey, UserTableParams } from '@/lib/user-table-params';
import { cn } from '@/lib/utils';
import { formatDate } from './format';
import { RowActions } from './row-actions';
import { StatusBadge } from './status-badge';
import type { UserTableRow } from './types';

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
    <TableHead
      aria-sort={active ? (params.direction === 'asc' ? 'ascending' : 'descending') : undefined}
      className={className}
    >
      <Button variant="ghost" size="sm" className="-ml-3 h-8" onClick={() => onSort(sortKey, next)}>
        {label}
        <Icon className={cn('size-3.5', !active && 'text-muted-foreground/60')} aria-hidden="true" />
        <span className="sr-only">
          {active ? `, sorted ${params.direction === 'asc' ? 'ascending' : 'descending'}` : ', not sorted'}
        </span>
      </Button>
    </TableHead>
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
  onDelete,
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
  onDelete: (row: UserTableRow, returnFocus: HTMLElement | null) => void;
}) {
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
      <Table>
        <TableHeader className="bg-muted/40">
          <TableRow>
            <TableHead className="w-10 pl-4">
              <Checkbox
                checked={headerState}
                onCheckedChange={(checked) => onTogglePage(checked === true)}
                disabled={rows.length === 0}
                aria-label="Select all users on this page"
              />
            </TableHead>
            <SortHeader label="User" sortKey="name" params={params} onSort={onSort} />
            <SortHeader label="Role" sortKey="role" params={params} onSort={onSort} />
            <SortHeader label="Status" sortKey="status" params={params} onSort={onSort} />
            <SortHeader
              label="Joined / invited"
              sortKey="date"
              params={params}
              onSort={onSort}
              className="hidden md:table-cell"
            />
            <TableHead className="hidden lg:table-cell">Invited by</TableHead>
            {/* The actions column stays in view when a narrow screen scrolls the table sideways. */}
            <TableHead className="sticky right-0 w-12 bg-[color-mix(in_oklab,var(--muted)_40%,var(--background))]">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={7} className="h-48">
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
              </TableCell>
            </TableRow>
          ) : (
            rows.map((row) => (
              <TableRow
                key={row.id}
                className="group"
                data-state={selected.has(row.id) ? 'selected' : undefined}
                data-row-email={row.email}
              >
                <TableCell className="pl-4">
                  <Checkbox
                    checked={selected.has(row.id)}
                    onCheckedChange={(checked) => onToggle(row.id, checked === true)}
                    aria-label={`Select ${row.email}`}
                  />
                </TableCell>
                <TableCell className="max-w-[11rem] sm:max-w-[18rem]">
                  <div className="flex items-center gap-3">
                    <span
                      className="hidden size-8 shrink-0 items-center justify-center rounded-full bg-muted text-xs font-semibold uppercase sm:flex"
                      aria-hidden="true"
                    >
                      {(row.name || row.email).slice(0, 1)}
                    </span>
                    <div className="min-w-0">
                      <div className="truncate font-medium">
                        {row.kind === 'invitation' ? row.email : row.name || row.email.split('@')[0]}
                        {row.isSelf ? (
                          <span className="ml-1.5 text-xs font-normal text-muted-foreground">(you)</span>
                        ) : null}
                      </div>
                      <div className="truncate text-muted-foreground">
                        {row.kind === 'invitation'
                          ? row.expiresAt && row.status !== 'expired'
                            ? `Invitation expires ${formatDate(row.expiresAt)}`
                            : 'Invitation expired'
                          : row.email}
                      </div>
                    </div>
                  </div>
                </TableCell>
                <TableCell>
                  <RoleBadge role={row.role} />
                </TableCell>
                <TableCell>
                  <StatusBadge
                    status={row.status}
                    title={
                      row.status === 'not_delivered'
                        ? `The email could not be delivered${row.deliveryError ? `: ${row.deliveryError}` : ''}. Resend it.`
                        : row.expiresAt
                          ? `Expires ${formatDate(row.expiresAt)}`
                          : undefined
                    }
                  />
                </TableCell>
                <TableCell className="hidden text-muted-foreground md:table-cell">
                  <time dateTime={row.date}>{formatDate(row.date)}</time>
                </TableCell>
                <TableCell className="hidden max-w-[14rem] truncate text-muted-foreground lg:table-cell">
                  {row.invitedBy ?? '—'}
                </TableCell>
                <TableCell className="sticky right-0 bg-background pr-4 text-right transition-colors group-hover:bg-[color-mix(in_oklab,var(--muted)_50%,var(--background))] group-data-[state=selected]:bg-muted">
                  <RowActions row={row} onChangeRole={onChangeRole} onResend={onResend} onDelete={onDelete} />
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </div>
  );
}
