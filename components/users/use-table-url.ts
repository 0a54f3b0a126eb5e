'use client';

import { useCallback, useTransition } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';

/**
 * The table's state lives in the URL (search, filters, sort, page): this changes it. Changing anything
 * but the page goes back to page 1. `pending` is true while the server renders the new page.
 */
export function useTableUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();

  const hrefWith = useCallback(
    (changes: Record<string, string | number | null>) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, String(value));
      }
      if (!('page' in changes)) next.delete('page');
      const query = next.toString();
      return query ? `${pathname}?${query}` : pathname;
    },
    [pathname, searchParams],
  );

  const update = useCallback(
    (changes: Record<string, string | number | null>) => {
      startTransition(() => router.replace(hrefWith(changes), { scroll: false }));
    },
    [router, hrefWith],
  );

  return { update, hrefWith, pending };
}
