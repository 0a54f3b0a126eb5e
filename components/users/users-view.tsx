'use client';

import { useCallback, useMemo, useRef, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { changeRolesAction, removeMembersAction } from '@/app/actions/members';
import { resendInvitationAction } from '@/app/actions/invitations';
import type { ActionError } from '@/app/actions/result';
import { Button } from '@/components/ui/button';
import type { RefusedTarget } from '@/lib/errors';
import { noticeQuery } from '@/lib/notices';
import { roleRank, roles, type MemberRole } from '@/lib/policy';
import type { UserTableParams } from '@/lib/user-table-params';
import { BulkActions } from './bulk-actions';
import { DeleteDialog } from './delete-dialog';
import { plural, removalMessage, roleChangeMessage } from './format';
import { InviteDialog } from './invite/invite-dialog';
import { SelfChangeDialog } from './self-change-dialog';
import type { UserTableRow, UsersOrganization, UsersViewer } from './types';
import { UsersPagination } from './users-pagination';
import { UsersTable } from './users-table';
import { UsersToolbar } from './users-toolbar';
import { useTableUrl } from './use-table-url';

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

/** The users page: header, toolbar, table, pagination, and every dialog they open. */
export function UsersView({
  organization,
  viewer,
  rows,
  params,
  total,
  page,
  pageCount,
}: {
  organization: UsersOrganization;
  viewer: UsersViewer;
  rows: UserTableRow[];
  params: UserTableParams;
  total: number;
  page: number;
  pageCount: number;
}) {
  const router = useRouter();
  const { update, hrefWith, pending: navigating } = useTableUrl();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [inviteOpen, setInviteOpen] = useState(false);
  const [toDelete, setToDelete] = useState<UserTableRow[] | null>(null);
  const [selfChange, setSelfChange] = useState<{ rows: UserTableRow[]; role: MemberRole } | null>(null);
  const [busy, startAction] = useTransition();
  const returnFocus = useRef<HTMLElement | null>(null);

  // Selection lives on the page shown: rows that left it (deleted, filtered away) leave the selection.
  // Adjusted while rendering when the rows change, as React advises, rather than in an effect.
  const [selectionRows, setSelectionRows] = useState(rows);
  if (selectionRows !== rows) {
    setSelectionRows(rows);
    const present = new Set(rows.map((row) => row.id));
    const kept = [...selected].filter((id) => present.has(id));
    if (kept.length !== selected.size) setSelected(new Set(kept));
  }

  const selectedRows = useMemo(() => rows.filter((row) => selected.has(row.id)), [rows, selected]);
  const bulkRoles = useMemo(
    () =>
      roles.filter((role) =>
        selectedRows.some((row) => row.allowedRoles.includes(role) && row.role !== role),
      ),
    [selectedRows],
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
      setSelected(new Set());
      if (result.data.actorLostAccess) leaveConsole('lost-access');
    });
  }

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
      setSelected(new Set());
      toast.success(
        removalMessage(
          targets.filter((row) => row.kind === 'member').map((row) => row.email),
          targets.filter((row) => row.kind === 'invitation').map((row) => row.email),
        ),
      );
      if (result.data.actorLeft) leaveConsole('left');
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

  const filtered = Boolean(params.search || params.role || params.status);
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">
            Users{' '}
            <span className="ml-1 text-base font-normal text-muted-foreground tabular-nums">
              {total.toLocaleString('en-US')}
            </span>
          </h1>
          <p className="text-sm text-muted-foreground">
            Invite people to {organization.name}, change their roles, or remove them.
            {filtered ? ` ${plural(total, 'user matches', 'users match')} the filters.` : ''}
          </p>
        </div>
        {viewer.invitableRoles.length > 0 ? (
          <InviteDialog
            organizationId={organization.id}
            roles={viewer.invitableRoles}
            open={inviteOpen}
            onOpenChange={setInviteOpen}
          />
        ) : null}
      </div>

      <UsersToolbar params={params} onChange={onChange}>
        {selectedRows.length > 0 ? (
          <div className="flex items-center gap-2 sm:ml-auto" role="status" aria-live="polite">
            <span className="text-sm font-medium">{selectedRows.length} selected</span>
            <BulkActions
              count={selectedRows.length}
              roles={bulkRoles}
              busy={busy}
              onChangeRole={(role) => changeRole(selectedRows, role)}
              onDelete={() => {
                returnFocus.current = null;
                setToDelete(selectedRows);
              }}
            />
            <Button variant="ghost" size="sm" onClick={() => setSelected(new Set())}>
              Clear selection
            </Button>
          </div>
        ) : null}
      </UsersToolbar>

      <UsersTable
        rows={rows}
        params={params}
        selected={selected}
        pending={navigating || busy}
        filtered={filtered}
        onToggle={(id, checked) =>
          setSelected((current) => {
            const next = new Set(current);
            if (checked) next.add(id);
            else next.delete(id);
            return next;
          })
        }
        onTogglePage={(checked) => setSelected(checked ? new Set(rows.map((row) => row.id)) : new Set())}
        onSort={(sort, direction) => update({ sort, dir: direction })}
        onClearFilters={() => update({ q: null, role: null, status: null })}
        onInvite={() => setInviteOpen(true)}
        onChangeRole={(row, role) => changeRole([row], role)}
        onResend={resend}
        onDelete={(row, focus) => {
          returnFocus.current = focus;
          setToDelete([row]);
        }}
      />

      <UsersPagination
        page={page}
        pageCount={pageCount}
        pageSize={params.pageSize}
        total={total}
        hrefFor={(target) => hrefWith({ page: target })}
        onPageSize={(size) => update({ size })}
      />

      <DeleteDialog
        rows={toDelete}
        organizationName={organization.name}
        pending={busy}
        onConfirm={confirmDelete}
        onOpenChange={(open) => {
          if (!open && !busy) setToDelete(null);
        }}
        onCloseAutoFocus={(event) => {
          const target = returnFocus.current;
          if (target?.isConnected) {
            event.preventDefault();
            target.focus();
          }
        }}
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
    </div>
  );
}
