import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { FlashToast } from '@/components/shared/flash-toast';
import { UsersView } from '@/components/users/users-view';
import { noticeMessage } from '@/lib/shared/notices';
import type { UserTableRow } from '@/components/users/types';
import { invitableRoles, policyActorOf, policyTarget } from '@/lib/shared/policy';
import { rowOffer, type HeldBack } from '@/lib/shared/offers';
import { errorTextIn } from '@/app/_lib/error-text';
import { requestLocale } from '@/app/_lib/i18n-request';
import { queryWithPage } from '@/lib/shared/paging';
import { parseUserTableParams, tableQuery } from '@/lib/shared/user-table';
import { listUserTable } from '@/lib/user-table/list';
import { joinOverview } from '@/lib/domains/join-decide';
import { seatsLeft } from '@/lib/organizations/seats';
import { requireConsole, consoleTitle } from '../guard';

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const t = await getTranslations('users.header');
  return consoleTitle((await params).org, t('title'), 'users');
}

export default async function UsersPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org } = await params;
  const { actor, organization, role, ownerCount, joinRequestsPending, hasCountingDomain } =
    await requireConsole(org, 'users');
  const query = await searchParams;
  const tableParams = parseUserTableParams(query);
  // The requests are read only when the console's own read saw one pending: no statement otherwise.
  const [result, joins] = await Promise.all([
    listUserTable(actor, tableQuery(organization.id, tableParams)),
    joinRequestsPending
      ? joinOverview(actor, organization.id)
      : { pending: 0, hasCountingDomain, requests: [] },
  ]);
  // A page past the end was answered with the last one: the address says so too.
  if (result.page !== tableParams.page)
    redirect(`/admin/${organization.slug}/users${queryWithPage(query, result.page)}`);
  const viewer = policyActorOf(actor, role);
  // Why a row's option is held back, said under it in the reader's language, as the server would refuse it.
  const locale = await requestLocale();
  const said = (reason: HeldBack) => errorTextIn(locale, reason.code, reason.message, reason.detail);
  // Only what the browser shows or acts on is sent, empty fields left out (components/users/types.ts).
  const rows: UserTableRow[] = result.rows.map((row) => {
    // The Owner count comes with the console's membership read (requireConsole): rule 4 without a statement.
    const target = policyTarget({
      ...row,
      declined: row.status === 'declined',
      suspended: row.status === 'suspended',
      directoryManaged: row.directoryManaged,
    });
    const offer = rowOffer(viewer, target, ownerCount);
    return {
      kind: row.kind,
      id: row.id,
      ...(row.name ? { name: row.name } : {}),
      email: row.email,
      role: row.role,
      status: row.status,
      date: row.date.toISOString(),
      ...(row.expiresAt ? { expiresAt: row.expiresAt.toISOString() } : {}),
      ...(row.lastSentAt ? { lastSentAt: row.lastSentAt.toISOString() } : {}),
      ...(row.sendCount !== null ? { sendCount: row.sendCount } : {}),
      ...(row.invitedBy ? { invitedBy: row.invitedBy } : {}),
      ...(row.deliveryError ? { deliveryError: row.deliveryError } : {}),
      ...(row.deliveryStatus ? { delivery: row.deliveryStatus } : {}),
      ...(row.lastActiveAt ? { lastActiveAt: row.lastActiveAt.toISOString() } : {}),
      allowedRoles: offer.roles,
      ...(offer.remove ? { canDelete: true } : {}),
      ...(offer.reason ? { heldBack: said(offer.reason) } : {}),
      ...(offer.resend ? { canResend: true } : {}),
      ...(offer.suspend ? { canSuspend: true } : {}),
      ...(offer.reactivate ? { canReactivate: true } : {}),
      ...(row.directoryManaged ? { directory: true } : {}),
      ...(row.external ? { external: true } : {}),
      ...(row.sso ? { sso: true } : {}),
      ...(row.title ? { title: row.title } : {}),
      ...(row.department ? { department: row.department } : {}),
      ...(row.roleGroup ? { roleGroup: row.roleGroup } : {}),
      ...(offer.roleReason ? { roleHeldBack: said(offer.roleReason) } : {}),
      ...(offer.detach ? { canDetach: true } : {}),
      ...(row.userId === actor.userId ? { isSelf: true } : {}),
    };
  });
  return (
    <>
      <FlashToast message={noticeMessage(query.notice, organization.name, await getTranslations())} />
      <UsersView
        organization={{ id: organization.id, name: organization.name, slug: organization.slug }}
        viewer={{
          userId: actor.userId,
          email: actor.email,
          name: actor.name ?? null,
          role,
          invitableRoles: invitableRoles(role),
        }}
        rows={rows}
        params={tableParams}
        departments={result.departments}
        total={result.total}
        seats={{
          ...result.seats,
          limit: organization.seatLimit,
          left: seatsLeft(organization.seatLimit, result.seats.used),
        }}
        page={result.page}
        pageCount={result.pageCount}
        joins={{
          pending: joins.pending,
          hasCountingDomain: joins.hasCountingDomain,
          requests: joins.requests.map((request) => ({
            id: request.id,
            email: request.email,
            ...(request.name ? { name: request.name } : {}),
            domain: request.domain,
            createdAt: request.createdAt.toISOString(),
          })),
        }}
      />
    </>
  );
}
