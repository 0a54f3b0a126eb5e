import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { History } from 'lucide-react';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { activityQuery, type ActivityFilters } from '@/lib/shared/activity-filters';
import { describeEvent, eventActor, type DescribedEvent } from '@/lib/shared/activity-sentences';

export type ActivityRow = DescribedEvent & { id: string; createdAt: Date };

/**
 * The events of one page. Each reads as a sentence, the person first ("heidi@example.com declined the
 * invitation"); the person links to their own activity. From the md breakpoint up, When, Who and What
 * are columns; below it one column holds the sentence with the time under it, so a phone shows every
 * word without scrolling sideways. Long addresses wrap rather than widen the table. The sentences come
 * from the catalogs in the reader's language (the whole catalog: they name roles from common.roles).
 */
export function ActivityTable({
  base,
  filters,
  events,
  filtered,
}: {
  base: string;
  filters: ActivityFilters;
  events: ActivityRow[];
  filtered: boolean;
}) {
  const t = useTranslations();
  const format = useFormatter();
  return (
    <div className="overflow-hidden rounded-lg border bg-background">
      <Table className="table-fixed">
        <TableHeader className="bg-muted/40">
          <TableRow>
            <TableHead className="hidden w-56 pl-4 md:table-cell">{t('activity.table.when')}</TableHead>
            <TableHead className="hidden w-[30%] md:table-cell">{t('activity.table.who')}</TableHead>
            <TableHead className="pl-4 md:pl-2">
              <span className="md:hidden">{t('activity.table.activity')}</span>
              <span className="hidden md:inline">{t('activity.table.what')}</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {events.length === 0 ? (
            <TableRow>
              <TableCell colSpan={3} className="h-40 text-center whitespace-normal">
                <History className="mx-auto mb-2 size-8 text-muted-foreground" aria-hidden="true" />
                <span className="font-medium">
                  {filtered ? t('activity.table.emptyFiltered') : t('activity.table.empty')}
                </span>
              </TableCell>
            </TableRow>
          ) : (
            events.map((event) => {
              const when = (
                <time dateTime={event.createdAt.toISOString()}>
                  {t('common.utc', { time: format.dateTime(event.createdAt, 'dateTime') })}
                </time>
              );
              const who = <Person base={base} filters={filters} event={event} />;
              return (
                <TableRow key={event.id} className="align-top">
                  <TableCell className="hidden pl-4 whitespace-nowrap text-muted-foreground md:table-cell">
                    {when}
                  </TableCell>
                  <TableCell className="hidden font-medium [overflow-wrap:anywhere] whitespace-normal md:table-cell">
                    {who}
                  </TableCell>
                  <TableCell className="pl-4 [overflow-wrap:anywhere] whitespace-normal md:pl-2">
                    <span className="font-medium md:hidden">{who} </span>
                    {describeEvent(event, t)}
                    <span className="mt-0.5 block text-xs text-muted-foreground md:hidden">{when}</span>
                  </TableCell>
                </TableRow>
              );
            })
          )}
        </TableBody>
      </Table>
    </div>
  );
}

/** The person who made the change, linked to the activity filtered to them. */
function Person({ base, filters, event }: { base: string; filters: ActivityFilters; event: ActivityRow }) {
  const t = useTranslations();
  const actor = eventActor(event, t);
  if (!actor) return <>{t('activity.actors.someone')}</>;
  if (!actor.email || actor.email === filters.who) return <>{actor.label}</>;
  return (
    <Link
      href={`${base}${activityQuery({ ...filters, who: actor.email })}`}
      title={t('activity.table.showOnly', { email: actor.email })}
      className="underline-offset-4 hover:underline"
    >
      {actor.label}
    </Link>
  );
}
