// Helpers of asks-first.e2e.ts and failed-actions.e2e.ts: a dialog recorded at both widths, and server
// action calls made to fail in the browser the way a lost connection or a failing server does.
import type { Page, Route } from 'playwright-core';
import { expect } from 'vitest';
import { failedToLoad } from './browser';
import { recordPage } from './console';

export const WIDTHS = [1280, 390] as const;

/** Records (screenshot + axe) what `page` shows at 1280 and at 390 px wide, then restores its size. */
export async function recordBothWidths(page: Page, name: string) {
  const before = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    // From the top: a full-page screenshot of a scrolled page draws the sticky sidebar where it is not.
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      `nothing scrolls sideways at ${width} px (${name})`,
    ).toBeLessThanOrEqual(0);
    await recordPage(page, `${name}-${width}`);
  }
  await page.setViewportSize(before);
}

/** What Chromium logs for the calls these helpers fail: allowed in expectNoBrowserErrors. */
export const FAILED_CALLS = [/net::ERR_INTERNET_DISCONNECTED/, failedToLoad(500)];

/**
 * Makes every server action call of `page` fail until the returned function is called: a server action
 * is a POST to the page's URL with a `Next-Action` header. `lost` aborts it as a dropped connection
 * does; `500` answers it with a server's error page. Returns the function that lets calls through again.
 */
export async function failActionCalls(page: Page, how: 'lost' | '500'): Promise<() => Promise<void>> {
  const handler = async (route: Route) => {
    const request = route.request();
    if (request.method() !== 'POST' || !request.headers()['next-action']) return route.fallback();
    if (how === 'lost') return route.abort('internetdisconnected');
    return route.fulfill({
      status: 500,
      contentType: 'text/html',
      body: '<!doctype html><title>500</title><h1>Internal Server Error</h1>',
    });
  };
  await page.route('**/*', handler);
  return () => page.unroute('**/*', handler);
}

/** The console's error page is not shown (the users page is still there). */
export async function expectNoErrorPage(page: Page) {
  expect(await page.getByText('This page could not be loaded').count(), 'the error page').toBe(0);
  // includeHidden: an open dialog hides the page behind it from the accessibility tree.
  const heading = page.getByRole('heading', { name: /^Users\b/, level: 1, includeHidden: true });
  expect(await heading.count(), 'the users page behind the dialog').toBe(1);
}
