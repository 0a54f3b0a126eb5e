'use client';

import { useEffect } from 'react';

/**
 * Sets `data-hydrated` on <html> once React has hydrated the page: until then a key pressed or a click
 * made is lost. The browser tests wait for it before they type (tests/e2e/support/ready.ts).
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.setAttribute('data-hydrated', '');
  }, []);
  return null;
}
