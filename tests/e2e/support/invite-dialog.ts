// Helpers of invite-dialog.e2e.ts: where things sit on the screen (inside a dialog, inside the window),
// addresses of an exact length, and a paste as the browser delivers one.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** `locator`'s box on the screen; fails if it has none (not rendered). */
export async function boxOf(locator: Locator, what: string): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, `${what} has a box on the screen`).not.toBeNull();
  return box!;
}

/** Fails unless `inner` lies within `outer` (half a pixel of rounding allowed). */
export function expectWithin(inner: Box, outer: Box, what: string) {
  const slack = 0.5;
  const at = (box: Box) =>
    `x ${box.x.toFixed(1)}–${(box.x + box.width).toFixed(1)}, y ${box.y.toFixed(1)}–${(box.y + box.height).toFixed(1)}`;
  const inside =
    inner.x >= outer.x - slack &&
    inner.y >= outer.y - slack &&
    inner.x + inner.width <= outer.x + outer.width + slack &&
    inner.y + inner.height <= outer.y + outer.height + slack;
  expect(inside, `${what} (${at(inner)}) lies within (${at(outer)})`).toBe(true);
}

/** The window as a box. */
export function viewportBox(page: Page): Box {
  const size = page.viewportSize()!;
  return { x: 0, y: 0, width: size.width, height: size.height };
}

/**
 * Fails unless `locator` is inside `container` and inside the window, and is what the browser finds
 * at its own centre (nothing covers it, no scrolling needed to see it).
 */
export async function expectInView(page: Page, locator: Locator, container: Locator, what: string) {
  const box = await boxOf(locator, what);
  expectWithin(box, await boxOf(container, 'the dialog'), `${what}, in the dialog`);
  expectWithin(box, viewportBox(page), `${what}, in the window`);
  const onTop = await locator.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const found = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
    return found !== null && (found === element || element.contains(found));
  });
  expect(onTop, `${what} is the element shown at its centre`).toBe(true);
}

/** Fails when `locator` is wider inside than its box: content running past its edge. */
export async function expectNoSidewaysOverflow(locator: Locator, what: string) {
  const { scrollWidth, clientWidth } = await locator.evaluate((element) => ({
    scrollWidth: element.scrollWidth,
    clientWidth: element.clientWidth,
  }));
  expect(
    scrollWidth,
    `${what}: content width ${scrollWidth} within its width ${clientWidth}`,
  ).toBeLessThanOrEqual(clientWidth);
}

/**
 * An address of exactly `length` characters: `a-very-long-local-part-…<tag>@a-long-subdomain.example-organization.test`,
 * the local part padded with x.
 */
export function addressOfLength(tag: string, length = 80): string {
  const domain = '@a-long-subdomain.example-organization.test';
  const start = `a-very-long-local-part-${tag}-`;
  const address = `${start}${'x'.repeat(length - domain.length - start.length)}${domain}`;
  expect(address).toHaveLength(length);
  return address;
}

/** Pastes `text` into `input` as a person's Ctrl+V does: a `paste` event carrying the clipboard's text. */
export async function paste(input: Locator, text: string) {
  await input.focus();
  await input.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** Whether the element focused now is `locator`'s element. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** The accessible name and role of the element focused now, to say where focus went in a failure. */
export function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'body';
    return `${element.tagName.toLowerCase()} "${element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? ''}"`;
  });
}
