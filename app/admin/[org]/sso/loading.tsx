import { useTranslations } from 'next-intl';
import { CardsSkeleton } from '@/components/console/cards-skeleton';

/** Shown while the SSO page renders on the server: its heading and cards, not a spinner. */
export default function SsoLoading() {
  const t = useTranslations('console.loading');
  return <CardsSkeleton label={t('sso')} cards={[3, 4, 2]} />;
}
