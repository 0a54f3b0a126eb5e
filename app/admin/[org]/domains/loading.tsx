import { getTranslations } from 'next-intl/server';
import { CardsSkeleton } from '@/components/console/cards-skeleton';

/** Shown while the domains page renders on the server: its heading and cards, not a spinner. */
export default async function DomainsLoading() {
  const t = await getTranslations('domains.page');
  return <CardsSkeleton label={t('loading')} cards={[2, 3]} />;
}
