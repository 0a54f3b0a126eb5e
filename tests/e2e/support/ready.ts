// When a page can be used: React has hydrated it. Until then the server's HTML is on the screen but no
// handler is attached, and a key pressed or a click made is lost (a menu that never opens). So every
// test navigates with gotoReady / reloadReady, or calls waitForReady after a full page load it did not
// start itself (a followed link, a redirect), before it types, presses keys or clicks.
//
// Two signs, both needed. <html data-hydrated> (components/shared/hydration-marker.tsx) says the root
// hydrated. But React hydrates what is inside a Suspense boundary (a route's loading.tsx) afterwards, at
// low priority, so every control of the page must also carry the props React attaches to each element
// it hydrates (the `__reactProps$…` key): a control without them has no handler yet.
import type { Page, Response } from 'playwright-core';

// Hidden inputs are left out: React's server rendering adds some to forms with a server action, for use
// without JavaScript, and hydration skips them.
const CONTROLS = 'a[href], button, input:not([type="hidden"]), select, textarea, [role], [tabindex]';

/** Waits until the page has hydrated (see above); fails naming the controls that are not. */
export async function waitForReady(page: Page, timeoutMs = 20_000): Promise<void> {
  try {
    await page.waitForFunction(
      (controls) =>
        document.documentElement.hasAttribute('data-hydrated') &&
        [...document.body.querySelectorAll(controls)].every((element) =>
          Object.keys(element).some((key) => key.startsWith('__reactProps$')),
        ),
      CONTROLS,
      { timeout: timeoutMs, polling: 50 },
    );
  } catch (error) {
    const state = await page
      .evaluate((controls) => {
        const waiting = [...document.body.querySelectorAll(controls)].filter(
          (element) => !Object.keys(element).some((key) => key.startsWith('__reactProps$')),
        );
        return {
          marker: document.documentElement.hasAttribute('data-hydrated'),
          waiting: waiting.slice(0, 5).map((element) => element.outerHTML.slice(0, 120)),
          count: waiting.length,
        };
      }, CONTROLS)
      .catch(() => null);
    const detail = state
      ? `data-hydrated ${state.marker ? 'set' : 'missing'}; ${state.count} control(s) not hydrated${state.waiting.length ? `:\n  ${state.waiting.join('\n  ')}` : ''}`
      : String(error);
    throw new Error(`${page.url()} did not hydrate within ${timeoutMs / 1000} s (${detail})`);
  }
}

/** `page.goto(url)`, then waits until the page has hydrated; returns the navigation's response. */
export async function gotoReady(
  page: Page,
  url: string,
  options?: Parameters<Page['goto']>[1],
): Promise<Response | null> {
  const response = await page.goto(url, options);
  await waitForReady(page);
  return response;
}

/** `page.reload()`, then waits until the page has hydrated. */
export async function reloadReady(page: Page): Promise<Response | null> {
  const response = await page.reload();
  await waitForReady(page);
  return response;
}
