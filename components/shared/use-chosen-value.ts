'use client';

import { useState } from 'react';

/**
 * A choice that lives in the URL, shown as chosen at once: while the new page loads, the box shows the
 * new choice, not the old one; once the URL has changed (to it, or by Back to something else), the URL's
 * value is shown again.
 */
export function useChosenValue(urlValue: string): [string, (value: string) => void] {
  const [chosen, setChosen] = useState<{ value: string; over: string } | null>(null);
  const shown = chosen && chosen.over === urlValue ? chosen.value : urlValue;
  return [shown, (value) => setChosen({ value, over: urlValue })];
}
