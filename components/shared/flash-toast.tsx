'use client';

import { useEffect, useRef } from 'react';
import { usePathname, useRouter } from 'next/navigation';
import { toast } from 'sonner';

/**
 * Shows a toast that a redirect asked for (`?notice=…`), once, and takes the notice out of the URL so
 * a reload does not show it again.
 */
export function FlashToast({
  message,
  kind = 'success',
}: {
  message: string | null;
  kind?: 'success' | 'info';
}) {
  const router = useRouter();
  const pathname = usePathname();
  const shown = useRef(false);
  useEffect(() => {
    if (!message || shown.current) return;
    shown.current = true;
    if (kind === 'success') toast.success(message);
    else toast.info(message);
    router.replace(pathname, { scroll: false });
  }, [message, kind, router, pathname]);
  return null;
}
