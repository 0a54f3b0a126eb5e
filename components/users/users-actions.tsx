'use client';

import { createContext, use } from 'react';
import type { MemberChange } from './member-changes';
import type { ConfirmableChange } from './use-users-dialogs';

/** What the table's row menus and the bulk bar can do, given by the users page (UsersView). */
export interface UsersActions {
  /** Opens the confirmation of `change`; focus returns to `opener` when it closes. */
  ask: (change: ConfirmableChange, opener: HTMLElement | null) => void;
  /** Runs `change`, asking first when it needs it (use-users-dialogs.ts asksFirst). */
  request: (change: MemberChange, opener: HTMLElement | null) => void;
  /** A change is running: the bulk bar waits. */
  pending: boolean;
}

export const UsersActionsContext = createContext<UsersActions | null>(null);

export function useUsersActions(): UsersActions {
  const actions = use(UsersActionsContext);
  if (!actions) throw new Error('useUsersActions is for components inside UsersView');
  return actions;
}
