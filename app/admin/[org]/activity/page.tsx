import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { ActivityFiltersForm } from '@/components/activity/activity-filters';
import { ActivityTable } from '@/components/activity/activity-table';
import { Button } from '@/components/ui/button';
import { activityQuery, isFiltered, parseActivityParams } from '@/lib/shared/activity-filters';
import { listAuditEvents } from '@/lib/audit';
import { lastPage } from '@/lib/shared/paging';
import { requireConsole, consoleTitle } from '../guard';
import { PageHeading } from '@/components/console/page-heading';

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const t = await getTranslations('activity.page');
  return consoleTitle((await params).org, t('title'), 'activity');
}

const PAGE_SIZE = 50;

export default async function ActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org } = await params;
  const { actor, organization } = await requireConsole(org, 'activity');
  const { page: requested, ...filters } = parseActivityParams(await searchParams);
  const result = await listAuditEvents(actor, {
    organizationId: organization.id,
    page: requested,
    pageSize: PAGE_SIZE,
    ...filters,
  });
  const { page } = result;
  const pageCount = lastPage(result.total, PAGE_SIZE);
  const base = `/admin/${organization.slug}/activity`;
  // A page past the end was answered with the last one: the address says so too.
  if (page !== requested) redirect(`${base}${activityQuery(filters, page)}`);
  const filtered = isFiltered(filters);
  const t = await getTranslations('activity.page');

  return (
    <div className="grid min-w-0 gap-4">
      <PageHeading title={t('title')}>{t('description', { organization: organization.name })}</PageHeading>
      {/* Keyed by the filters, so its fields show what the URL says after every navigation. */}
      <ActivityFiltersForm key={activityQuery(filters)} base={base} filters={filters} />
      <ActivityTable base={base} filters={filters} events={result.events} filtered={filtered} />
      <nav aria-label={t('pagination')} className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p className="text-muted-foreground" role="status">
          {t(filtered ? 'eventsMatch' : 'events', { count: result.total })}
        </p>
        <div className="flex items-center gap-2">
          <span className="tabular-nums">{t('pageOf', { page, pages: pageCount })}</span>
          <PageLink
            href={page > 1 ? `${base}${activityQuery(filters, page - 1)}` : null}
            label={t('previous')}
          >
            <ChevronLeft aria-hidden="true" />
          </PageLink>
          <PageLink
            href={page < pageCount ? `${base}${activityQuery(filters, page + 1)}` : null}
            label={t('next')}
          >
            <ChevronRight aria-hidden="true" />
          </PageLink>
        </div>
      </nav>
    </div>
  );
}

/** A page arrow: a link, or a disabled button when there is no such page. */
function PageLink({
  href,
  label,
  children,
}: {
  href: string | null;
  label: string;
  children: React.ReactNode;
}) {
  if (!href) {
    return (
      <Button variant="outline" size="icon-sm" disabled aria-label={label}>
        {children}
      </Button>
    );
  }
  return (
    <Button asChild variant="outline" size="icon-sm">
      <Link href={href} aria-label={label}>
        {children}
      </Link>
    </Button>
  );
}
