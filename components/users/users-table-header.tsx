import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { SortKey, UserTableParams } from '@/lib/shared/user-table';
import { cn } from '@/lib/shared/utils';
import { RowCheckbox } from './row-checkbox';

type OnSort = (key: SortKey, direction: 'asc' | 'desc') => void;

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
  onSort: OnSort;
  className?: string;
}) {
  const t = useTranslations('users.columns');
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
          {active ? t(params.direction === 'asc' ? 'sortedAscending' : 'sortedDescending') : t('notSorted')}
        </span>
      </button>
    </th>
  );
}

/** The header row: the page's checkbox (all, some or none of its rows selected) and the sortable columns. */
export function UsersTableHeader({
  params,
  pageState,
  empty,
  onTogglePage,
  onSort,
}: {
  params: UserTableParams;
  pageState: boolean | 'indeterminate';
  empty: boolean;
  onTogglePage: (checked: boolean) => void;
  onSort: OnSort;
}) {
  const t = useTranslations('users.columns');
  return (
    <thead className="bg-muted/40">
      <tr>
        <th>
          <RowCheckbox
            checked={pageState === true}
            indeterminate={pageState === 'indeterminate'}
            disabled={empty}
            label={t('selectPage')}
            onChange={onTogglePage}
          />
        </th>
        <SortHeader label={t('user')} sortKey="name" params={params} onSort={onSort} />
        <SortHeader label={t('role')} sortKey="role" params={params} onSort={onSort} className="ut-md" />
        <SortHeader label={t('status')} sortKey="status" params={params} onSort={onSort} className="ut-md" />
        {/* Members: when they joined; invitations: when first invited (a resend does not move a row). */}
        <SortHeader label={t('added')} sortKey="date" params={params} onSort={onSort} className="ut-lg" />
        <SortHeader
          label={t('lastActive')}
          sortKey="active"
          params={params}
          onSort={onSort}
          className="ut-lg"
        />
        <th className="ut-xl">{t('invitedBy')}</th>
        <th>
          <span className="sr-only">{t('actions')}</span>
        </th>
      </tr>
    </thead>
  );
}
