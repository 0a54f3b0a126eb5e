'use client';

import { useCallback, useRef, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Download } from 'lucide-react';
import { toast } from 'sonner';
import {
  changeRolesAction,
  detachFromDirectoryAction,
  removeMembersAction,
  setMemberStatusAction,
} from '@/app/actions/members';
import { resendInvitationAction } from '@/app/actions/invitations';
import type { ActionError } from '@/app/actions/result';
import type { RefusedTarget } from '@/lib/shared/errors';
import { keepFocusOnPage } from '@/components/shared/focus-on-page';
import { useHydrated } from '@/components/shared/use-hydrated';
import { noticeQuery } from '@/lib/shared/notices';
import { can } from '@/lib/shared/permissions';
import { roleRank } from '@/lib/shared/roles';
import type { MemberRole } from '@/db/values';
import { viewQuery, type UserTableParams } from '@/lib/shared/user-table';
import type { MemberStatus } from '@/db/values';
import { Button } from '@/components/ui/button';
import { SelectionBar } from './bulk-actions';
import { BulkConfirmDialog } from './bulk-confirm-dialog';
import { DeleteDialog } from './delete-dialog';
import { plural, removalMessage, roleChangeMessage, statusMessage } from './format';
import { InviteDialog } from './invite/invite-dialog';
import { SelfChangeDialog } from './self-change-dialog';
import { StatusDialog, type StatusTargets } from './status-dialog';
import type { UserTableRow, UsersOrganization, UsersViewer } from './types';
import { UsersPagination } from './users-pagination';
import { UsersTable } from './users-table';
import { UsersToolbar } from './users-toolbar';
import { useTableUrl } from './use-table-url';
import { useBulkConfirm } from './use-bulk-confirm';
import { useBulkSelection } from './use-bulk-selection';

function showError(error: ActionError) {
  const refused = (error.details?.refused as RefusedTarget[] | undefined) ?? [];
  const named = refused.filter((row) => row.email).map((row) => row.email);
  toast.error(error.message, {
    description:
      named.length > 1
        ? `Refused: ${named.slice(0, 3).join(', ')}${named.length > 3 ? ` and ${named.length - 3} more` : ''}`
        : undefined,
  });
}

/**
 * "42 of 50 seats" (active members and pending invitations against the limit), or "42 members" without a
 * limit; over the limit, by how much, since only new seats are refused.
 */
function SeatsLine({ seats }: { seats: { activeMembers: number; used: number; limit: number | null } }) {
  if (seats.limit === null)
    return (
      <p className="text-sm font-medium" data-testid="seats">
        {plural(seats.activeMembers, 'member')}
      </p>
    );
  const over = seats.used - seats.limit;
  return (
    <p className="text-sm font-medium" data-testid="seats">
      {seats.used.toLocaleString('en-US')} of {plural(seats.limit, 'seat')}
      {over > 0 ? (
        <span className="ml-2 font-normal text-destructive">
          {plural(over, 'seat')} over the limit: new invitations and reactivations are refused
        </span>
      ) : null}
    </p>
  );
}

/** The users page: header, toolbar, table, pagination, and every dialog they open. */
export function UsersView({
  organization,
  viewer,
  rows,
  params,
  total,
  seats,
  page,
  pageCount,
}: {
  organization: UsersOrganization;
  viewer: UsersViewer;
  rows: UserTableRow[];
  params: UserTableParams;
  total: number;
  /** Active members, seats in use and the limit (null: none), for the header. */
  seats: { activeMembers: number; used: number; limit: number | null };
  page: number;
  pageCount: number;
}) {
  const router = useRouter();
  // The dialogs open only on a click, after hydration: the server does not render them (their Radix roots
  // cost the busiest page of the console a share of its server time on every view).
  const hydrated = useHydrated();
  const { update, hrefWith, pending: navigating } = useTableUrl();
  const selection = useBulkSelection({ rows, params, total, viewer });
  const [inviteOpen, setInviteOpen] = useState(false);
  const [toDelete, setToDelete] = useState<UserTableRow[] | null>(null);
  const [selfChange, setSelfChange] = useState<{ rows: UserTableRow[]; role: MemberRole } | null>(null);
  const [statusChange, setStatusChange] = useState<{ status: MemberStatus; targets: StatusTargets } | null>(
    null,
  );
  const [busy, startAction] = useTransition();
  const returnFocus = useRef<HTMLElement | null>(null);
  const bulkButton = useRef<HTMLButtonElement>(null);
  const tableArea = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  /** The sensible place for focus when its control is gone: the header checkbox, else the heading. */
  const focusTable = useCallback(() => {
    const headerCheckbox = tableArea.current?.querySelector<HTMLElement>(
      'thead input[type="checkbox"]:not(:disabled)',
    );
    (headerCheckbox ?? heading.current)?.focus();
  }, []);

  /**
   * Where focus goes when a dialog closes: back to the control that opened it, or, when that control
   * is gone (the row was deleted, the selection cleared and the bulk bar with it), to focusTable's.
   */
  const restoreFocus = useCallback(
    (event: Event, opener: HTMLElement | null) => {
      event.preventDefault();
      if (opener?.isConnected) opener.focus();
      else focusTable();
    },
    [focusTable],
  );

  const onChange = useCallback((changes: Record<string, string | null>) => update(changes), [update]);

  const leaveConsole = useCallback(
    (code: 'left' | 'lost-access') => {
      // After leaving, the home page can no longer verify the organization: only lost-access names it.
      router.push(`/?${noticeQuery(code, code === 'lost-access' ? organization.slug : undefined)}`);
    },
    [router, organization.slug],
  );

  function runRoleChange(targets: UserTableRow[], role: MemberRole) {
    startAction(async () => {
      const result = await changeRolesAction({
        organizationId: organization.id,
        ids: targets.map((row) => row.id),
        role,
      });
      setSelfChange(null);
      if (!result.ok) return showError(result.error);
      toast.success(
        roleChangeMessage(
          targets.map((row) => row.email),
          role,
        ),
      );
      selection.clear();
      if (result.data.actorLostAccess) leaveConsole('lost-access');
    });
  }

  const bulk = useBulkConfirm({
    organizationId: organization.id,
    selection,
    startAction,
    onError: showError,
    onLeft: leaveConsole,
  });

  function changeRole(targets: UserTableRow[], role: MemberRole) {
    const self = targets.find((row) => row.isSelf);
    if (self && roleRank[role] < roleRank[self.role]) {
      setSelfChange({ rows: targets, role });
      return;
    }
    runRoleChange(targets, role);
  }

  function confirmDelete() {
    const targets = toDelete ?? [];
    startAction(async () => {
      const result = await removeMembersAction({
        organizationId: organization.id,
        ids: targets.map((row) => row.id),
      });
      if (!result.ok) {
        showError(result.error);
        return;
      }
      setToDelete(null);
      selection.clear();
      // The refreshed rows may leave nothing to focus in the table: then the focus goes to the heading.
      keepFocusOnPage();
      toast.success(
        removalMessage(
          targets.filter((row) => row.kind === 'member').map((row) => row.email),
          targets.filter((row) => row.kind === 'invitation').map((row) => row.email),
        ),
      );
      if (result.data.actorLeft) leaveConsole('left');
    });
  }

  /** Suspend or Reactivate, confirmed in StatusDialog: by id for picked rows, by filter for every match. */
  function confirmStatus() {
    if (!statusChange) return;
    const { status, targets } = statusChange;
    const matching = selection.matching;
    startAction(async () => {
      const result =
        'rows' in targets
          ? await setMemberStatusAction({
              organizationId: organization.id,
              ids: targets.rows.map((row) => row.id),
              status,
            })
          : matching
            ? await setMemberStatusAction({ organizationId: organization.id, matching, status })
            : null;
      if (!result) return;
      if (!result.ok) {
        showError(result.error);
        if (result.error.code === 'SELECTION_CHANGED') router.refresh();
        return;
      }
      setStatusChange(null);
      selection.clear();
      keepFocusOnPage();
      toast.success(
        'rows' in targets
          ? statusMessage(
              targets.rows.map((row) => row.email),
              status,
            )
          : `${status === 'suspended' ? 'Suspended' : 'Reactivated'} ${plural(result.data.changed, 'user')}`,
      );
    });
  }

  function resend(row: UserTableRow) {
    startAction(async () => {
      const result = await resendInvitationAction({ organizationId: organization.id, invitationId: row.id });
      if (!result.ok) return showError(result.error);
      if (result.data.outcome === 'not_delivered') {
        toast.error(`The invitation to ${row.email} could not be delivered`, {
          description: result.data.reason,
        });
      } else {
        toast.success(`Sent a new invitation to ${row.email}`);
      }
    });
  }

  function detach(row: UserTableRow) {
    startAction(async () => {
      const result = await detachFromDirectoryAction({
        organizationId: organization.id,
        membershipId: row.id,
      });
      if (!result.ok) return showError(result.error);
      toast.success(`Detached ${row.email} from the directory: the console manages them now`);
    });
  }

  const filtered = Boolean(params.search || params.role || params.status || params.inactive);
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold tracking-tight outline-none">
            Users{' '}
            <span className="ml-1 text-base font-normal text-muted-foreground tabular-nums">
              {total.toLocaleString('en-US')}
            </span>
          </h1>
          <SeatsLine seats={seats} />
          <p className="text-sm text-muted-foreground">
            Invite people to {organization.name}, change their roles, suspend or remove them.
            {filtered ? ` ${plural(total, 'user matches', 'users match')} the filters.` : ''}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {can(viewer.role, 'members:export') ? (
            // A plain download: the server streams the file, the page stays where it is.
            <Button variant="outline" asChild>
              <a
                href={`/admin/${organization.slug}/users/export?${viewQuery(params)}`}
                download
                title="Download every row of this view (its search, filters and sort) as a CSV file"
              >
                <Download aria-hidden="true" />
                Export CSV
              </a>
            </Button>
          ) : null}
          {viewer.invitableRoles.length > 0 ? (
            <InviteDialog
              organizationId={organization.id}
              roles={viewer.invitableRoles}
              open={inviteOpen}
              onOpenChange={setInviteOpen}
            />
          ) : null}
        </div>
      </div>

      <UsersToolbar params={params} onChange={onChange}>
        {selection.count > 0 ? (
          <SelectionBar
            selection={selection}
            onClear={() => {
              selection.clear();
              // `Clear selection` goes with the bar: focus stays in the table rather than on the page.
              focusTable();
            }}
            total={total}
            busy={busy}
            triggerRef={bulkButton}
            onChangeRole={(role) => bulk.open({ kind: 'role', role })}
            onStatus={(status) => {
              returnFocus.current = bulkButton.current;
              setStatusChange({
                status,
                targets: selection.matching
                  ? { matchingCount: selection.matching.count }
                  : { rows: selection.selectedRows },
              });
            }}
            onDelete={() => {
              // Picked rows are named in the delete dialog; every match is described by its filter.
              if (selection.matching) return bulk.open({ kind: 'delete' });
              returnFocus.current = bulkButton.current;
              setToDelete(selection.selectedRows);
            }}
          />
        ) : null}
      </UsersToolbar>

      <div ref={tableArea} className="contents">
        <UsersTable
          rows={rows}
          params={params}
          selected={selection.selected}
          pending={navigating || busy}
          filtered={filtered}
          onToggle={selection.toggle}
          onTogglePage={selection.togglePage}
          onSort={(sort, direction) => update({ sort, dir: direction })}
          onClearFilters={() => update({ q: null, role: null, status: null, inactive: null })}
          onInvite={() => setInviteOpen(true)}
          onChangeRole={(row, role) => changeRole([row], role)}
          onResend={resend}
          onStatus={(row, status, focus) => {
            returnFocus.current = focus;
            setStatusChange({ status, targets: { rows: [row] } });
          }}
          onDelete={(row, focus) => {
            returnFocus.current = focus;
            setToDelete([row]);
          }}
          onDetach={detach}
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
        <>
          <DeleteDialog
            rows={toDelete}
            organizationName={organization.name}
            pending={busy}
            onConfirm={confirmDelete}
            onOpenChange={(open) => {
              if (!open && !busy) setToDelete(null);
            }}
            onCloseAutoFocus={(event) => restoreFocus(event, returnFocus.current)}
          />
          <BulkConfirmDialog
            confirmation={bulk.confirmation}
            viewerRole={viewer.role}
            organizationName={organization.name}
            pending={busy}
            onConfirm={bulk.confirm}
            onOpenChange={(open) => {
              if (!open && !busy) bulk.cancel();
            }}
            onCloseAutoFocus={(event) => restoreFocus(event, bulkButton.current)}
          />
          <StatusDialog
            change={statusChange}
            organizationName={organization.name}
            pending={busy}
            onConfirm={confirmStatus}
            onOpenChange={(open) => {
              if (!open && !busy) setStatusChange(null);
            }}
            onCloseAutoFocus={(event) => restoreFocus(event, returnFocus.current)}
          />
          <SelfChangeDialog
            role={selfChange?.role ?? null}
            organizationName={organization.name}
            pending={busy}
            onConfirm={() => selfChange && runRoleChange(selfChange.rows, selfChange.role)}
            onOpenChange={(open) => {
              if (!open && !busy) setSelfChange(null);
            }}
          />
        </>
      ) : null}
    </div>
  );
}
