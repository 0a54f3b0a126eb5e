'use client';

import { useTransition } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Loader2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import {
  activityKindKeys,
  activityQuery,
  isFiltered,
  type ActivityFilters,
} from '@/lib/shared/activity-filters';

const selectClass =
  'h-9 w-full min-w-0 rounded-md border border-input bg-transparent px-3 py-1 text-base shadow-xs outline-none focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring md:text-sm';

/**
 * The activity page's filters: a form that puts them in the URL, which the server reads (the page is
 * what the URL says, so it can be shared and reloaded). Without JavaScript it is a plain GET form.
 */
export function ActivityFiltersForm({ base, filters }: { base: string; filters: ActivityFilters }) {
  const t = useTranslations('activity.filters');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <form
      role="search"
      aria-label={t('label')}
      action={base}
      method="get"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const value = (name: string) => {
          const entry = form.get(name);
          return typeof entry === 'string' ? entry.trim() || null : null;
        };
        const next = {
          who: value('who'),
          kind: value('kind') as ActivityFilters['kind'],
          from: value('from'),
          to: value('to'),
        };
        startTransition(() => router.push(`${base}${activityQuery(next)}`));
      }}
      className="grid grid-cols-2 gap-3 rounded-lg border bg-background p-3 lg:grid-cols-[minmax(0,1.4fr)_minmax(0,1.2fr)_minmax(0,0.8fr)_minmax(0,0.8fr)_auto] lg:items-end"
    >
      <div className="col-span-2 grid gap-1.5 sm:col-span-1">
        <Label htmlFor="activity-who">{t('person')}</Label>
        <Input
          id="activity-who"
          name="who"
          type="email"
          inputMode="email"
          autoComplete="off"
          placeholder={t('personPlaceholder')}
          defaultValue={filters.who ?? ''}
        />
      </div>
      <div className="col-span-2 grid gap-1.5 sm:col-span-1">
        <Label htmlFor="activity-kind">{t('kind')}</Label>
        <select id="activity-kind" name="kind" defaultValue={filters.kind ?? ''} className={selectClass}>
          <option value="">{t('allKinds')}</option>
          {activityKindKeys.map((key) => (
            <option key={key} value={key}>
              {t(`kinds.${key}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="activity-from">{t('from')}</Label>
        <Input id="activity-from" name="from" type="date" defaultValue={filters.from ?? ''} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="activity-to">{t('to')}</Label>
        <Input id="activity-to" name="to" type="date" defaultValue={filters.to ?? ''} />
      </div>
      <div className="col-span-2 flex gap-2 lg:col-span-1">
        <Button type="submit" disabled={pending} className="flex-1 lg:flex-none">
          {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
          {t('apply')}
        </Button>
        {isFiltered(filters) ? (
          <Button asChild variant="outline" className="flex-1 lg:flex-none">
            <Link href={base}>{t('clear')}</Link>
          </Button>
        ) : null}
      </div>
    </form>
  );
}
