'use client';

import { useState } from 'react';

/**
 * A choice that lives in the URL, shown as chosen at once: while the new page loads, the box shows the
 * new choice, not the old one; once the URL has changed (to it, or by Back to something else), the URL's
 * value is shown again.
 */
export function useChosenValue(urlValue: string): [string, (value: string) => void] {
  const [chosen, setChosen] = useState<{ value: string; over: string } | null>(null);
  // Once the URL has moved on, the choice is done: forgotten (adjusted while rendering), so that a later
  // return of the URL to the value it was made over (Clear filters) shows the URL, not the old choice.
  if (chosen && chosen.over !== urlValue) setChosen(null);
  const shown = chosen && chosen.over === urlValue ? chosen.value : urlValue;
  return [shown, (value) => setChosen({ value, over: urlValue })];
}
