// Helpers for select-all-matching.e2e.ts: the selection bar, the bulk confirmation dialog, and where
// the keyboard focus is.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { bulkButton } from './console';

/** The table's header checkbox, `Select all users on this page`. */
export function headerCheckbox(page: Page): Locator {
  return page.getByRole('checkbox', { name: 'Select all users on this page', exact: true });
}

/** The `Users` heading of the page. */
export function usersHeading(page: Page): Locator {
  return page.getByRole('heading', { name: /^Users\b/, level: 1 });
}

/** Ticks the header checkbox and waits until every row of the page is selected ("N selected"). */
export async function selectPage(page: Page, rowsOnPage: number) {
  await headerCheckbox(page).click();
  await page.getByText(`${rowsOnPage} selected`, { exact: true }).waitFor();
}

/** Waits until `locator` is the focused element. */
export async function expectFocused(locator: Locator, what: string) {
  const onIt = () => locator.evaluate((element) => element === document.activeElement).catch(() => false);
  await expect
    .poll(onIt, { timeout: 5_000 })
    .toBe(true)
    .catch(async () => {
      // Say where the focus is instead, so that a failure can be read without a debugger.
      expect.fail(
        `focus on ${what}: it is on ${await focusedLabel(locator.page())} (${locator.page().url()})`,
      );
    });
}

/** The label of whatever has focus now (for failure messages). */
export function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return element
      ? `${element.tagName} ${element.getAttribute('aria-label') ?? element.textContent?.slice(0, 60) ?? ''}`
      : '(none)';
  });
}

/** Bulk actions (count) → Change role → `role`; returns the confirmation dialog. */
export async function openBulkRoleChange(page: Page, count: number, role: string): Promise<Locator> {
  await bulkButton(page, count).click();
  await page.getByRole('menuitem', { name: 'Change role' }).click();
  await page.getByRole('menuitem', { name: role, exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  return dialog;
}

/** Bulk actions (count) → Delete; returns the confirmation dialog. */
export async function openBulkDelete(page: Page, count: number): Promise<Locator> {
  await bulkButton(page, count).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  return dialog;
}

/** How far the page is wider than its window (0 when nothing scrolls sideways). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Unticks the row checkbox of `email` and waits until it shows unticked. */
export async function untickRow(page: Page, email: string) {
  const box = page.getByRole('checkbox', { name: `Select ${email}`, exact: true });
  await box.click();
  await expect.poll(() => box.isChecked()).toBe(false);
}
