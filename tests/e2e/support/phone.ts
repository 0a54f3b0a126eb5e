// Helpers of users-phone.e2e.ts: what a person on a phone would notice, measured in the page. Nothing
// wider than the window (no sideways scroll), and in each row of the user table the role, the status,
// the checkbox and `More options` inside the window, with no text cut off.
import type { Page } from 'playwright-core';

export interface RowLayout {
  email: string;
  /** Role and status badges that are displayed (the narrow layout shows them in the user cell). */
  badges: { text: string; left: number; right: number }[];
  /** Row controls (the checkbox and `More options`) and whether each lies inside the window. */
  controls: { label: string; inside: boolean }[];
  /** Text elements of the row whose content is wider than their box (cut off). */
  clipped: string[];
}

export interface PageLayout {
  innerWidth: number;
  scrollWidth: number;
  /** Elements that reach past the window's right edge (tag, class, text), at most 5. */
  overflowing: string[];
  rows: RowLayout[];
}

/** Measures the page as it is now (see above). */
export function measureLayout(page: Page): Promise<PageLayout> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    };
    const overflowing = [...document.body.querySelectorAll('*')]
      .filter((element) => shown(element) && element.getBoundingClientRect().right > innerWidth + 0.5)
      .slice(0, 5)
      .map(
        (element) => `${element.tagName} .${element.className} "${(element.textContent ?? '').slice(0, 40)}"`,
      );
    const rows = [...document.querySelectorAll('tr[data-row-email]')].map((row) => ({
      email: row.getAttribute('data-row-email') ?? '',
      badges: [...row.querySelectorAll('.badge')].filter(shown).map((badge) => {
        const box = badge.getBoundingClientRect();
        return { text: badge.textContent ?? '', left: box.left, right: box.right };
      }),
      controls: [...row.querySelectorAll('input[type="checkbox"], button')].filter(shown).map((control) => {
        const box = control.getBoundingClientRect();
        return {
          label: control.getAttribute('aria-label') ?? '',
          inside: box.left >= 0 && box.right <= innerWidth,
        };
      }),
      clipped: [...row.querySelectorAll('td, td *')]
        .filter((element) => shown(element) && element.scrollWidth > element.clientWidth + 1)
        .filter((element) => element.clientWidth > 0 && getComputedStyle(element).display !== 'inline')
        .map((element) => (element.textContent ?? '').slice(0, 60)),
    }));
    return {
      innerWidth,
      scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
      overflowing,
      rows,
    };
  });
}
