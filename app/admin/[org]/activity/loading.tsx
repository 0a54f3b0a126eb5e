import { useTranslations } from 'next-intl';
import { Skeleton } from '@/components/ui/skeleton';

/** Shown while the activity page renders on the server: its heading, filters and rows, not a spinner. */
export default function ActivityLoading() {
  const t = useTranslations('activity.page');
  return (
    <div className="grid gap-4" role="status" aria-label={t('loading')}>
      <div className="grid gap-2">
        <Skeleton className="h-7 w-28" />
        <Skeleton className="h-4 w-full max-w-md" />
      </div>
      <div className="grid grid-cols-2 gap-3 rounded-lg border p-3 lg:grid-cols-[1.4fr_1.2fr_0.8fr_0.8fr_auto] lg:items-end">
        {Array.from({ length: 4 }, (_, index) => (
          <div key={index} className={index < 2 ? 'col-span-2 grid gap-1.5 sm:col-span-1' : 'grid gap-1.5'}>
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-9 w-full" />
          </div>
        ))}
        <Skeleton className="col-span-2 h-9 w-full lg:col-span-1 lg:w-28" />
      </div>
      <div className="grid gap-px overflow-hidden rounded-lg border">
        {Array.from({ length: 10 }, (_, index) => (
          <div key={index} className="flex flex-col gap-1.5 bg-background px-4 py-3 md:flex-row md:gap-6">
            <Skeleton className="hidden h-4 w-36 md:block" />
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-4 w-full max-w-sm" />
            <Skeleton className="h-3 w-28 md:hidden" />
          </div>
        ))}
      </div>
      <span className="sr-only">{t('loadingText')}</span>
    </div>
  );
}
