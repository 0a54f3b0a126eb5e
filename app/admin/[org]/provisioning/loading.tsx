import { getTranslations } from 'next-intl/server';
import { CardsSkeleton } from '@/components/console/cards-skeleton';

/** Shown while the provisioning page renders on the server: its heading and cards, not a spinner. */
export default async function ProvisioningLoading() {
  const t = await getTranslations('provisioning.page');
  return <CardsSkeleton label={t('loading')} cards={[2, 2, 2]} />;
}
