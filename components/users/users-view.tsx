'use client';

import { useRef } from 'react';
import { useHydrated } from '@/components/shared/use-hydrated';
import type { UserTableParams } from '@/lib/shared/user-table';
import { SelectionBar } from './bulk-actions';
import type { JoinRequestRow, UserTableRow, UsersOrganization, UsersViewer } from './types';
import { UsersActionsContext, type UsersActions } from './users-actions';
import { UsersConfirmDialog } from './users-confirm-dialog';
import { UsersHeader, type Seats } from './users-header';
import { UsersPagination } from './users-pagination';
import { UsersTable } from './users-table';
import { UsersToolbar } from './users-toolbar';
import { JoinRequests } from './join-requests';
import { SortSelect } from './sort-select';
import { useBulkSelection } from './use-bulk-selection';
import { useMemberMutation } from './use-member-mutation';
import { useTableUrl } from './use-table-url';
import { asksFirst, useUsersDialogs } from './use-users-dialogs';

/**
 * The users page: header, toolbar, table, pagination, and the one dialog open at a time. It holds the
 * page's state (the URL's view, the selection, the open dialog) and its one way to run a change, which
 * the row menus and the bulk bar reach through UsersActions.
 */
export function UsersView({
  organization,
  viewer,
  rows,
  params,
  departments,
  total,
  seats,
  page,
  pageCount,
  joins,
}: {
  organization: UsersOrganization;
  viewer: UsersViewer;
  rows: UserTableRow[];
  params: UserTableParams;
  /** The organization's departments, for the Department filter (none: no filter shown). */
  departments: string[];
  total: number;
  seats: Seats;
  page: number;
  pageCount: number;
  /** Pending requests to join (the oldest shown), and whether the organization has a verified domain. */
  joins: { requests: JoinRequestRow[]; pending: number; hasCountingDomain: boolean };
}) {
  // The dialogs open only on a click, after hydration: the server does not render them (their Radix roots
  // cost the busiest page of the console a share of its server time on every view).
  const hydrated = useHydrated();
  const { update, hrefWith, pending: navigating } = useTableUrl();
  const selection = useBulkSelection({ rows, params, total, viewer });
  const mutation = useMemberMutation({ organization, selection });
  const dialogs = useUsersDialogs();
  const tableArea = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  /** The sensible place for focus when its control is gone: the header checkbox, else the heading. */
  const tableFocus = () =>
    tableArea.current?.querySelector<HTMLElement>('thead input[type="checkbox"]:not(:disabled)') ??
    heading.current;

  const actions: UsersActions = {
    ask: dialogs.confirm,
    request: (change, opener) => {
      if (asksFirst(change)) dialogs.confirm(change, opener);
      else void mutation.run(change);
    },
    pending: mutation.pending,
  };

  const filtered = Boolean(
    params.search || params.role || params.status || params.inactive || params.external || params.department,
  );
  return (
    <UsersActionsContext value={actions}>
      <div className="grid gap-4">
        <UsersHeader
          organization={organization}
          viewer={viewer}
          params={params}
          total={total}
          seats={seats}
          filtered={filtered}
          headingRef={heading}
          inviteOpen={dialogs.dialog?.kind === 'invite'}
          onInviteOpenChange={(open) => (open ? dialogs.openInvite() : dialogs.close())}
        />

        <JoinRequests requests={joins.requests} pending={joins.pending} />

        <UsersToolbar
          params={params}
          onChange={update}
          externalFilter={joins.hasCountingDomain}
          departments={departments}
        >
          {selection.count > 0 ? (
            <SelectionBar
              selection={selection}
              total={total}
              onClear={() => {
                selection.clear();
                // `Clear selection` goes with the bar: focus stays in the table rather than on the page.
                tableFocus()?.focus();
              }}
            />
          ) : null}
        </UsersToolbar>

        <SortSelect params={params} onChange={update} />

        <div ref={tableArea} className="contents">
          <UsersTable
            rows={rows}
            params={params}
            selection={selection}
            pending={navigating || mutation.pending}
            filtered={filtered}
            onParamsChange={update}
            onInvite={dialogs.openInvite}
          />
        </div>

        <UsersPagination
          page={page}
          pageCount={pageCount}
          pageSize={params.pageSize}
          total={total}
          hrefFor={(target) => hrefWith({ page: target })}
          onPageSize={(size) => update({ size })}
        />

        {hydrated ? (
          <UsersConfirmDialog
            dialog={dialogs.dialog}
            onClose={dialogs.close}
            mutation={mutation}
            viewer={viewer}
            organizationName={organization.name}
            fallbackFocus={tableFocus}
          />
        ) : null}
      </div>
    </UsersActionsContext>
  );
}
