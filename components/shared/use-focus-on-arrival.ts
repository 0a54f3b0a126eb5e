'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Moves the focus to an item of a list once the list shows it: a domain or a connection just added (or
 * one the page was opened for), found by its heading (ArrivalHeading: `data-arrival-heading="<id>"`), scrolled into view, so
 * that the keyboard and a screen reader go on from there. Returns the function that asks for an id.
 */
export function useFocusOnArrival(
  list: RefObject<HTMLElement | null>,
  items: unknown,
  initial: string | null = null,
) {
  // The id waits in a ref until its item is rendered (the refreshed list may come after the answer).
  const wanted = useRef<string | null>(initial);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    const id = wanted.current;
    if (!id) return;
    const heading = list.current?.querySelector<HTMLElement>(`[data-arrival-heading="${id}"]`);
    if (!heading) return;
    heading.focus();
    heading.scrollIntoView({ block: 'start', behavior: 'smooth' });
    wanted.current = null;
  }, [asked, items, list]);
  return useCallback((id: string) => {
    wanted.current = id;
    setAsked((count) => count + 1);
  }, []);
}
