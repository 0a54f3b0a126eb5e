import { CardsSkeleton } from '@/components/console/cards-skeleton';

/** Shown while the SSO page renders on the server: its heading and cards, not a spinner. */
export default function SsoLoading() {
  return <CardsSkeleton label="Loading SSO" cards={[3, 4, 2]} />;
}
