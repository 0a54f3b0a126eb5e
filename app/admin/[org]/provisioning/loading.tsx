import { CardsSkeleton } from '@/components/console/cards-skeleton';

/** Shown while the provisioning page renders on the server: its heading and cards, not a spinner. */
export default function ProvisioningLoading() {
  return <CardsSkeleton label="Loading provisioning" cards={[2, 2, 2]} />;
}
