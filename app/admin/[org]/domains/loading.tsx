import { CardsSkeleton } from '@/components/console/cards-skeleton';

/** Shown while the domains page renders on the server: its heading and cards, not a spinner. */
export default function DomainsLoading() {
  return <CardsSkeleton label="Loading domains" cards={[2, 3]} />;
}
