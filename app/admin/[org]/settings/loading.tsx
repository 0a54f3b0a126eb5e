import { useTranslations } from 'next-intl';
import { CardsSkeleton } from '@/components/console/cards-skeleton';

/** Shown while the settings page renders on the server: its heading and cards, not a spinner. */
export default function SettingsLoading() {
  const t = useTranslations('console.loading');
  return <CardsSkeleton label={t('settings')} cards={[3, 2, 1]} />;
}
