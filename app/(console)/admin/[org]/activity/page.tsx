import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronLeft, ChevronRight, History } from 'lucide-react';
import { describeEvent } from '@/components/activity/describe';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { listAuditEvents } from '@/lib/audit';
import { parsePage } from '@/lib/paging';
import { requireConsole } from '../guard';

export const metadata: Metadata = { title: 'Activity' };

const PAGE_SIZE = 50;
const time = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function ActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org } = await params;
  const { actor, organization } = await requireConsole(org, 'activity');
  const requested = parsePage((await searchParams).page);
  const result = await listAuditEvents(actor, {
    organizationId: organization.id,
    page: requested,
    pageSize: PAGE_SIZE,
  });
  const { page } = result;
  const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const base = `/admin/${organization.slug}/activity`;

  return (
    <div className="grid gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Activity</h1>
        <p className="text-sm text-muted-foreground">
          Every change to who is in {organization.name}: who did what to whom, and when (UTC).
        </p>
      </div>
      <div className="overflow-hidden rounded-lg border bg-background">
        <Table>
          <TableHeader className="bg-muted/40">
            <TableRow>
              <TableHead className="w-44 pl-4">When</TableHead>
              <TableHead>Who</TableHead>
              <TableHead>What</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {result.events.length === 0 ? (
              <TableRow>
                <TableCell colSpan={3} className="h-40 text-center">
                  <History className="mx-auto mb-2 size-8 text-muted-foreground" aria-hidden="true" />
                  <span className="font-medium">No activity on this page</span>
                </TableCell>
              </TableRow>
            ) : (
              result.events.map((event) => (
                <TableRow key={event.id}>
                  <TableCell className="pl-4 whitespace-nowrap text-muted-foreground">
                    <time dateTime={event.createdAt.toISOString()}>{time.format(event.createdAt)}</time>
                  </TableCell>
                  <TableCell className="max-w-[16rem] truncate font-medium">
                    {event.actorName ||
                      event.actorEmail ||
                      (event.action === 'invitation.declined' ? event.targetEmail : 'Someone')}
                  </TableCell>
                  <TableCell className="whitespace-normal">
                    {describeEvent(event.action, event.targetEmail ?? '', event.details)}
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
      <nav aria-label="Pagination" className="flex items-center justify-between text-sm">
        <p className="text-muted-foreground">
          {result.total.toLocaleString('en-US')} {result.total === 1 ? 'event' : 'events'}
        </p>
        <div className="flex items-center gap-2">
          <span className="tabular-nums">
            Page {page} of {pageCount}
          </span>
          {page > 1 ? (
            <Button asChild variant="outline" size="icon-sm">
              <Link href={`${base}?page=${page - 1}`} aria-label="Previous page">
                <ChevronLeft aria-hidden="true" />
              </Link>
            </Button>
          ) : (
            <Button variant="outline" size="icon-sm" disabled aria-label="Previous page">
              <ChevronLeft aria-hidden="true" />
            </Button>
          )}
          {page < pageCount ? (
            <Button asChild variant="outline" size="icon-sm">
              <Link href={`${base}?page=${page + 1}`} aria-label="Next page">
                <ChevronRight aria-hidden="true" />
              </Link>
            </Button>
          ) : (
            <Button variant="outline" size="icon-sm" disabled aria-label="Next page">
              <ChevronRight aria-hidden="true" />
            </Button>
          )}
        </div>
      </nav>
    </div>
  );
}
