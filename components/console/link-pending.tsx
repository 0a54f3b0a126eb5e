'use client';

import { useLinkStatus } from 'next/link';
import { Loader2 } from 'lucide-react';

/**
 * A spinner inside a sidebar link while the page it opens is on its way (Next's useLinkStatus, which
 * only works inside a <Link>). It fades in after a short delay, so a fast navigation shows nothing;
 * the page's loading.tsx then stands in for the page itself. Decorative: the skeleton announces itself.
 */
export function LinkPending() {
  const { pending } = useLinkStatus();
  return (
    <Loader2
      aria-hidden="true"
      data-pending={pending ? '' : undefined}
      className="ml-auto size-4 animate-spin opacity-0 transition-opacity delay-150 duration-200 data-[pending]:opacity-100"
    />
  );
}
