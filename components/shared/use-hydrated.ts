import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False while the server renders and the browser hydrates that HTML, true from then on (and at once on a
 * client-side navigation). Lets a component send lighter markup from the server and mount its
 * interactive parts after hydration.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
