'use client';

import { useState } from 'react';
import type { ActionError } from '@/app/actions/result';
import { isUnanswered } from '@/components/shared/call-action';
import type { MemberRole } from '@/db/values';
import { roleRank } from '@/lib/shared/roles';
import type { MemberChange } from './member-changes';

/** The changes that can be asked about first: those aimed at rows (resend and detach never ask). */
export type ConfirmableChange = Extract<MemberChange, { target: unknown }>;

/**
 * The users page's one open dialog, if any: the invite modal, or the confirmation of a change (focus
 * returns to `opener` when it closes, or to the table when that control has gone).
 */
export type UsersDialog =
  { kind: 'invite' } | { kind: 'confirm'; change: ConfirmableChange; opener: HTMLElement | null };

/** Roles that open the admin console (Owner and Admin): giving or taking one away matters. */
const consoleRoles: readonly MemberRole[] = ['owner', 'admin'];

/**
 * Whether changing `from` to `to` grants or takes away Owner or Admin. With the three roles of
 * lib/shared/roles.ts every change does; a change between roles that open no console would not.
 */
export function roleChangeMatters(from: MemberRole, to: MemberRole): boolean {
  return from !== to && (consoleRoles.includes(from) || consoleRoles.includes(to));
}

/**
 * Whether a change asked for from a row's menu is confirmed first: a removal and a status change
 * always; a role change that grants or takes away Owner or Admin (roleChangeMatters), and one that
 * lowers the viewer's own role (they may lose the console); resending and detaching never. A change from
 * the bulk bar is always confirmed, naming how many rows it changes.
 */
export function asksFirst(change: MemberChange): change is ConfirmableChange {
  switch (change.kind) {
    case 'remove':
    case 'status':
      return true;
    case 'role': {
      const rows = 'rows' in change.target ? change.target.rows : [];
      return rows.some(
        (row) =>
          roleChangeMatters(row.role, change.role) ||
          (row.isSelf && roleRank[change.role] < roleRank[row.role]),
      );
    }
    default:
      return false;
  }
}

/**
 * Whether a refused change closes its confirmation. A selection the server no longer finds as it was
 * is over, and so is the question about it. A refused role change, or a change to every matching row,
 * closes: its toast names the rows refused, and the person changes the selection behind the dialog.
 * A refused removal or status change of picked rows stays open, to try again or cancel, and so does
 * every dialog whose call got no answer (a lost connection, a failing server).
 */
export function closesOnRefusal(change: ConfirmableChange, error: ActionError): boolean {
  // No answer came: the dialog stays, with what it asked, to try again.
  if (isUnanswered(error)) return false;
  if (error.code === 'SELECTION_CHANGED') return true;
  return change.kind === 'role' || (change.kind === 'remove' && 'matching' in change.target);
}

export function useUsersDialogs() {
  const [dialog, setDialog] = useState<UsersDialog | null>(null);
  return {
    dialog,
    openInvite: () => setDialog({ kind: 'invite' }),
    confirm: (change: ConfirmableChange, opener: HTMLElement | null) =>
      setDialog({ kind: 'confirm', change, opener }),
    close: () => setDialog(null),
  };
}
