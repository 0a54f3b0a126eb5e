import { useTranslations } from 'next-intl';
import { CardsSkeleton } from '@/components/console/cards-skeleton';

/** Shown while the domains page renders on the server: its heading and cards, not a spinner. */
export default function DomainsLoading() {
  const t = useTranslations('console.loading');
  return <CardsSkeleton label={t('domains')} cards={[2, 3]} />;
}
