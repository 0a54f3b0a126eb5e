import { useTranslations } from 'next-intl';
import { Skeleton } from '@/components/ui/skeleton';

/**
 * Stands in for a console page of cards while it renders on the server: its heading, then a card per
 * entry of `cards`, each with that many control-sized blocks. Not a spinner: the page keeps its shape.
 */
export function CardsSkeleton({ label, cards }: { label: string; cards: number[] }) {
  const t = useTranslations('console.loading');
  return (
    <div className="grid max-w-3xl gap-6" role="status" aria-label={label}>
      <div className="grid gap-2">
        <Skeleton className="h-7 w-28" />
        <Skeleton className="h-4 w-64" />
      </div>
      {cards.map((controls, card) => (
        <div key={card} className="grid gap-4 rounded-xl border p-6">
          <div className="grid gap-2">
            <Skeleton className="h-5 w-40" />
            <Skeleton className="h-4 w-full max-w-lg" />
          </div>
          <div className="flex flex-wrap gap-3">
            {Array.from({ length: controls }, (_, index) => (
              <Skeleton key={index} className="h-9 w-40" />
            ))}
          </div>
        </div>
      ))}
      <span className="sr-only">{t('generic')}</span>
    </div>
  );
}
