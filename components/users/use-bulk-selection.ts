'use client';

import { useMemo, useState } from 'react';
import type { TableFilter } from '@/lib/members/targets';
import { MAX_SELECTION } from '@/lib/shared/limits';
import { assignableRoles } from '@/lib/shared/policy';
import { roles } from '@/lib/shared/roles';
import type { MemberRole } from '@/db/values';
import type { UserTableParams } from '@/lib/shared/user-table';
import type { UserTableRow, UsersViewer } from './types';

/** "Select all N matching": the filter as the person saw it and how many rows it matched then. */
export interface MatchingSelection {
  filter: TableFilter;
  count: number;
}

/**
 * What a change is aimed at, taken when it is asked for, so that what is confirmed is what is sent: rows
 * as the table showed them, or every row of the filter on every page, as many as were seen.
 */
export type ChangeTarget = { rows: UserTableRow[] } | { matching: MatchingSelection };

export function countOf(target: ChangeTarget): number {
  return 'rows' in target ? target.rows.length : target.matching.count;
}

function filterOf(params: UserTableParams): TableFilter {
  return {
    search: params.search,
    role: params.role,
    status: params.status,
    inactive: params.inactive,
    external: params.external,
    department: params.department,
  };
}

const sameFilter = (a: TableFilter, b: TableFilter) =>
  a.search === b.search &&
  a.role === b.role &&
  a.status === b.status &&
  a.inactive === b.inactive &&
  Boolean(a.external) === Boolean(b.external) &&
  (a.department ?? null) === (b.department ?? null);

/**
 * Whether the viewer is among the rows `filter` matches, read as the server's search reads it
 * (lib/user-table/list.ts: a case-insensitive part of the address or the name): the viewer is always an
 * active member with their own role.
 */
function viewerMatches(viewer: UsersViewer, filter: TableFilter): boolean {
  if (filter.status && filter.status !== 'active') return false;
  // The viewer is using the console now: never inactive.
  if (filter.inactive) return false;
  if (filter.role && filter.role !== viewer.role) return false;
  const search = filter.search.trim().toLowerCase();
  return (
    !search ||
    viewer.email.toLowerCase().includes(search) ||
    (viewer.name ?? '').toLowerCase().includes(search)
  );
}

/** Whether the viewer is among the rows: marked on a picked row, read from the filter for every match. */
export function includesViewer(target: ChangeTarget, viewer: UsersViewer): boolean {
  return 'rows' in target
    ? target.rows.some((row) => row.isSelf)
    : viewerMatches(viewer, target.matching.filter);
}

/**
 * The user table's selection: rows of the page picked one by one, or every row of the current filter
 * on every page ("Select all N matching"), which the server resolves again and refuses if it changed.
 * Rows that leave the page leave a picked selection; a different filter or total ends a matching one.
 */
export function useBulkSelection({
  rows,
  params,
  total,
  viewer,
}: {
  rows: UserTableRow[];
  params: UserTableParams;
  total: number;
  viewer: UsersViewer;
}) {
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [matching, setMatching] = useState<MatchingSelection | null>(null);
  const filter = filterOf(params);

  // Adjusted while rendering when what is shown changes, as React advises, rather than in an effect.
  const [shown, setShown] = useState({ rows, total, filter });
  if (shown.rows !== rows || shown.total !== total || !sameFilter(shown.filter, filter)) {
    setShown({ rows, total, filter });
    if (matching && (matching.count !== total || !sameFilter(matching.filter, filter))) setMatching(null);
    const present = new Set(rows.map((row) => row.id));
    const kept = [...picked].filter((id) => present.has(id));
    if (kept.length !== picked.size) setPicked(new Set(kept));
  }

  const selectedRows = useMemo(
    () => (matching ? rows : rows.filter((row) => picked.has(row.id))),
    [matching, rows, picked],
  );
  const selected = useMemo(() => new Set(selectedRows.map((row) => row.id)), [selectedRows]);
  const wholePage = rows.length > 0 && selectedRows.length === rows.length;

  /**
   * The roles to offer. For picked rows: what the viewer may give at least one of them. For every
   * matching row: what the viewer may give a row of the filtered role (a Member when unfiltered),
   * less that role itself; the server decides for each row.
   */
  const roleChoices = useMemo((): MemberRole[] => {
    if (!matching) {
      return roles.filter((role) =>
        selectedRows.some((row) => row.allowedRoles.includes(role) && row.role !== role),
      );
    }
    const sample = { kind: 'member' as const, userId: '', role: matching.filter.role ?? 'member' };
    return assignableRoles({ userId: viewer.userId, role: viewer.role, directory: false }, sample).filter(
      (role) => role !== matching.filter.role,
    );
  }, [matching, selectedRows, viewer.userId, viewer.role]);

  const clear = () => {
    setPicked(new Set());
    setMatching(null);
  };

  const target: ChangeTarget = matching ? { matching } : { rows: selectedRows };
  return {
    matching,
    selected,
    /** What the bulk actions apply to, and how many rows that is. */
    target,
    count: countOf(target),
    roleChoices,
    /** Offered once the whole page is picked and more rows match than the page shows. */
    canSelectMatching: !matching && wholePage && total > rows.length && total <= MAX_SELECTION,
    tooManyToSelect: !matching && wholePage && total > MAX_SELECTION,
    selectMatching: () => setMatching({ filter, count: total }),
    clear,
    toggle: (id: string, checked: boolean) => {
      // Unticking one row of a matching selection leaves the rest of the page picked.
      const next = new Set(matching ? rows.map((row) => row.id) : picked);
      if (checked) next.add(id);
      else next.delete(id);
      setMatching(null);
      setPicked(next);
    },
    togglePage: (checked: boolean) => {
      if (checked) setPicked(new Set(rows.map((row) => row.id)));
      else clear();
    },
  };
}

export type BulkSelection = ReturnType<typeof useBulkSelection>;
