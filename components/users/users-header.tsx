'use client';

import { Download } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { can } from '@/lib/shared/permissions';
import { viewQuery, type UserTableParams } from '@/lib/shared/user-table';
import { InviteDialog } from './invite/invite-dialog';
import type { UsersOrganization, UsersViewer } from './types';

/** Active members, seats in use (members and pending invitations), the limit and the seats left (null: no limit). */
export interface Seats {
  activeMembers: number;
  used: number;
  limit: number | null;
  left: number | null;
}

/**
 * "42 of 50 seats", or "42 members" without a limit; over the limit, by how much, since only new seats
 * are refused.
 */
function SeatsLine({ seats }: { seats: Seats }) {
  const t = useTranslations('users.header');
  if (seats.limit === null)
    return (
      <p className="text-sm font-medium" data-testid="seats">
        {t('members', { count: seats.activeMembers })}
      </p>
    );
  const over = seats.used - seats.limit;
  return (
    <p className="text-sm font-medium" data-testid="seats">
      {t('seats', { used: seats.used, limit: seats.limit })}
      {over > 0 ? (
        <span className="ml-2 font-normal text-destructive">{t('over', { count: over })}</span>
      ) : null}
    </p>
  );
}

/** The users page's heading with the count and the seats, and its page actions: Export CSV, Invite New User. */
export function UsersHeader({
  organization,
  viewer,
  params,
  total,
  seats,
  filtered,
  headingRef,
  inviteOpen,
  onInviteOpenChange,
}: {
  organization: UsersOrganization;
  viewer: UsersViewer;
  params: UserTableParams;
  total: number;
  seats: Seats;
  filtered: boolean;
  /** The heading takes the focus when the control that had it has gone. */
  headingRef: React.Ref<HTMLHeadingElement>;
  inviteOpen: boolean;
  onInviteOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations('users.header');
  const format = useFormatter();
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold tracking-tight outline-none">
          {t('title')}{' '}
          <span className="ml-1 text-base font-normal text-muted-foreground tabular-nums">
            {format.number(total)}
          </span>
        </h1>
        <SeatsLine seats={seats} />
        <p className="text-sm text-muted-foreground">
          {t('intro', { organization: organization.name })}
          {filtered ? ` ${t('matches', { count: total })}` : ''}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        {can(viewer.role, 'members:export') ? (
          // A plain download: the server streams the file, the page stays where it is.
          <Button variant="outline" asChild>
            <a
              href={`/admin/${organization.slug}/users/export?${viewQuery(params)}`}
              download
              title={t('exportTitle')}
            >
              <Download aria-hidden="true" />
              {t('export')}
            </a>
          </Button>
        ) : null}
        {viewer.invitableRoles.length > 0 ? (
          <InviteDialog
            organizationId={organization.id}
            roles={viewer.invitableRoles}
            seatsLeft={seats.left}
            open={inviteOpen}
            onOpenChange={onInviteOpenChange}
          />
        ) : null}
      </div>
    </div>
  );
}
