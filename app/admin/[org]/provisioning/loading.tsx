import { useTranslations } from 'next-intl';
import { CardsSkeleton } from '@/components/console/cards-skeleton';

/** Shown while the provisioning page renders on the server: its heading and cards, not a spinner. */
export default function ProvisioningLoading() {
  const t = useTranslations('console.loading');
  return <CardsSkeleton label={t('provisioning')} cards={[2, 2, 2]} />;
}
