'use client';

import { SearchX, UserPlus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useHydrated } from '@/components/shared/use-hydrated';
import { Button } from '@/components/ui/button';
import type { UserTableParams } from '@/lib/shared/user-table';
import { cn } from '@/lib/shared/utils';
import type { UserTableRow } from './types';
import type { BulkSelection } from './use-bulk-selection';
import { UserRow } from './user-row';
import { UsersTableHeader } from './users-table-header';

/** What the table shows without rows: a way to clear the filters, or to invite the first person. */
function EmptyRow({
  filtered,
  onClearFilters,
  onInvite,
}: {
  filtered: boolean;
  onClearFilters: () => void;
  onInvite: () => void;
}) {
  const t = useTranslations();
  return (
    <tr>
      <td colSpan={8} className="h-48">
        <div className="flex flex-col items-center gap-2 text-center">
          {filtered ? (
            <>
              <SearchX className="size-8 text-muted-foreground" aria-hidden="true" />
              <p className="font-medium">{t('users.table.noMatches')}</p>
              <Button variant="outline" size="sm" onClick={onClearFilters}>
                {t('users.toolbar.clearFilters')}
              </Button>
            </>
          ) : (
            <>
              <UserPlus className="size-8 text-muted-foreground" aria-hidden="true" />
              <p className="font-medium">{t('users.table.empty')}</p>
              <Button size="sm" onClick={onInvite}>
                {t('invite.trigger')}
              </Button>
            </>
          )}
        </div>
      </td>
    </tr>
  );
}

/** The user table: members and invitations of this page, selectable, sortable; faded while it updates. */
export function UsersTable({
  rows,
  params,
  selection,
  pending,
  filtered,
  onParamsChange,
  onInvite,
}: {
  rows: UserTableRow[];
  params: UserTableParams;
  selection: BulkSelection;
  pending: boolean;
  filtered: boolean;
  /** Changes the URL's sort or filters (use-table-url.ts). */
  onParamsChange: (changes: Record<string, string | null>) => void;
  onInvite: () => void;
}) {
  const hydrated = useHydrated();
  const { selected } = selection;
  const selectedOnPage = rows.filter((row) => selected.has(row.id)).length;
  return (
    <div
      className={cn(
        'overflow-hidden rounded-lg border bg-background transition-opacity',
        pending && 'opacity-60',
      )}
      aria-busy={pending}
    >
      <table className="ut">
        <UsersTableHeader
          params={params}
          pageState={selectedOnPage === 0 ? false : selectedOnPage === rows.length ? true : 'indeterminate'}
          empty={rows.length === 0}
          onTogglePage={selection.togglePage}
          onSort={(sort, direction) => onParamsChange({ sort, dir: direction })}
        />
        <tbody>
          {rows.length === 0 ? (
            <EmptyRow
              filtered={filtered}
              onClearFilters={() => onParamsChange({ q: null, role: null, status: null, inactive: null })}
              onInvite={onInvite}
            />
          ) : (
            rows.map((row) => (
              <UserRow
                key={row.id}
                row={row}
                selected={selected.has(row.id)}
                hydrated={hydrated}
                onToggle={selection.toggle}
              />
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
