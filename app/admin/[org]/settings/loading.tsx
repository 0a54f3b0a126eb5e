import { CardsSkeleton } from '@/components/console/cards-skeleton';

/** Shown while the settings page renders on the server: its heading and cards, not a spinner. */
export default function SettingsLoading() {
  return <CardsSkeleton label="Loading settings" cards={[3, 2, 1]} />;
}
