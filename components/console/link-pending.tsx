'use client';

import { useLinkStatus } from 'next/link';
import { Loader2 } from 'lucide-react';

/**
 * A spinner inside a sidebar link while the page it opens is on its way (Next's useLinkStatus, which
 * only works inside a <Link>). It fades in after a short delay, so a fast navigation shows nothing.
 * Activity and Settings also have a loading.tsx, which stands in for the page once its loading state is
 * prefetched (and announces itself). The users page has none: a Suspense boundary and its skeleton
 * cost it about an eighth of its server time on every view, the figure its benchmark watches; the
 * spinner is its progress.
 */
export function LinkPending() {
  const { pending } = useLinkStatus();
  return (
    <Loader2
      aria-hidden="true"
      data-pending={pending ? '' : undefined}
      className="absolute top-1 right-1 size-3.5 animate-spin opacity-0 transition-opacity delay-150 duration-200 data-[pending]:opacity-100 md:static md:ml-auto md:size-4"
    />
  );
}
