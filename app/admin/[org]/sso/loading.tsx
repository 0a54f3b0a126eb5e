import { getTranslations } from 'next-intl/server';
import { CardsSkeleton } from '@/components/console/cards-skeleton';

/** Shown while the SSO page renders on the server: its heading and cards, not a spinner. */
export default async function SsoLoading() {
  const t = await getTranslations('sso.page');
  return <CardsSkeleton label={t('loading')} cards={[3, 4, 2]} />;
}
