// Layout and accessibility checks of the keyboard and activity suites: nothing wider than the window,
// nothing clipped, and axe with the landmark rules those pages were fixed for.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkAccessibility, screenshot } from './browser';

/** The moderate axe rules the fixed pages must pass too, on top of every serious or critical one. */
export const LANDMARK_RULES = ['region', 'landmark-one-main'];

/** A screenshot, then axe failing on serious/critical violations and on LANDMARK_RULES. */
export async function recordStrict(page: Page, name: string) {
  await screenshot(page, name);
  await checkAccessibility(page, name, { failOn: LANDMARK_RULES });
}

/**
 * Fails when the page scrolls sideways, naming the visible elements that reach past the window's
 * right edge (the skip link parks above the page, not beside it, so it is never one of them).
 */
export async function expectNoSidewaysScroll(page: Page, label: string) {
  const state = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.body.querySelectorAll('*')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.right > width + 1;
      })
      .slice(0, 5)
      .map((element) => element.outerHTML.slice(0, 160));
    return { width, scrollWidth: document.documentElement.scrollWidth, wide };
  });
  expect(state.wide, `${label}: elements past the right edge of a ${state.width} px window`).toEqual([]);
  expect(state.scrollWidth, `${label}: the page's width`).toBeLessThanOrEqual(state.width);
}

/** Fails when a cell matching `selector` cuts its content (wider inside than it shows). */
export async function expectNothingClipped(page: Page, selector: string, label: string) {
  const clipped = await page.locator(selector).evaluateAll((cells) =>
    cells
      .filter((cell) => {
        const box = cell.getBoundingClientRect();
        return box.width > 0 && cell.scrollWidth > cell.clientWidth + 1;
      })
      .map((cell) => (cell.textContent ?? '').slice(0, 120)),
  );
  expect(clipped, `${label}: cells whose text is cut`).toEqual([]);
}
