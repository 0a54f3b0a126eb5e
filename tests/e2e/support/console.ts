// Helpers for the admin console's browser tests (users, invitations, settings): the user table found
// the way a person finds it (row checkboxes `Select <email>`, `More options`, menus by their labels),
// toasts, the invitation email, and one call that records a page (screenshot + axe).
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkAccessibility, screenshot, urlsIn, waitForEmail, type MailboxMessage } from './browser';
import { gotoReady } from './ready';

/** Every page a test visits: a screenshot and an axe check (serious/critical violations fail). */
export async function recordPage(page: Page, name: string, options: { exclude?: string[] } = {}) {
  await screenshot(page, name);
  await checkAccessibility(page, name, options);
}

/** Opens the users page of `slug` (with an optional query, e.g. `size=10`), hydrated, and waits for the table. */
export async function openUsers(page: Page, slug: string, query = '') {
  const response = await gotoReady(page, `/admin/${slug}/users${query ? `?${query}` : ''}`);
  expect(response?.status(), `GET /admin/${slug}/users`).toBe(200);
  await page.getByRole('heading', { name: /^Users\b/, level: 1 }).waitFor();
  await page.getByRole('checkbox', { name: 'Select all users on this page' }).waitFor();
  return page;
}

/** The number in the "Users N" heading. */
export async function usersCount(page: Page): Promise<number> {
  const text = (await page.getByRole('heading', { name: /^Users\b/, level: 1 }).textContent()) ?? '';
  return Number(text.replace(/[^0-9]/g, ''));
}

/**
 * The table row of `email` (found by its checkbox, `Select <email>`, or `select`: its name in the page's
 * language).
 */
export function userRow(page: Page, email: string, select = `Select ${email}`): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: select, exact: true }) });
}

/** Body rows of the table (those with a row checkbox). */
export function bodyRows(page: Page): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: /^Select (?!all users)/ }) });
}

/** The emails of the rows shown, top to bottom. */
export async function shownEmails(page: Page): Promise<string[]> {
  const names = await page
    .getByRole('checkbox', { name: /^Select (?!all users)/ })
    .evaluateAll((boxes) => boxes.map((box) => box.getAttribute('aria-label') ?? ''));
  return names.map((name) => name.replace(/^Select /, ''));
}

/** The role badge and status badge of a row, as shown. */
export async function roleAndStatus(
  page: Page,
  email: string,
  select?: string,
): Promise<{ role: string; status: string }> {
  // By markup, not by role: below md the Role and Status columns are hidden (the user cell shows both),
  // and hidden cells leave the accessibility tree, but they still hold the row's role and status.
  const cells = userRow(page, email, select).locator('td');
  const [role, status] = await Promise.all([cells.nth(2).textContent(), cells.nth(3).textContent()]);
  return { role: (role ?? '').trim(), status: (status ?? '').trim() };
}

/** Waits until the row of `email` shows `role` (and `status`, if given). */
export async function expectRow(
  page: Page,
  email: string,
  expected: { role?: string; status?: string },
  select?: string,
) {
  await userRow(page, email, select).waitFor();
  await expect
    .poll(
      async () => {
        const shown = await roleAndStatus(page, email, select);
        return {
          role: expected.role === undefined ? undefined : shown.role,
          status: expected.status === undefined ? undefined : shown.status,
        };
      },
      { timeout: 10_000 },
    )
    .toEqual({ role: expected.role, status: expected.status });
}

/** Waits until no row of `email` is shown. */
export async function expectNoRow(page: Page, email: string, select?: string) {
  await expect.poll(() => userRow(page, email, select).count(), { timeout: 10_000 }).toBe(0);
}

/** Opens the `More options` menu of a row; returns the menu. */
export async function openRowMenu(page: Page, email: string): Promise<Locator> {
  await userRow(page, email).getByRole('button', { name: 'More options' }).click();
  const menu = page.getByRole('menu').filter({ hasText: email });
  await menu.waitFor();
  return menu;
}

/** `More options` → `Change role` → `role` on one row. */
export async function changeRoleFromRowMenu(page: Page, email: string, role: 'Owner' | 'Admin' | 'Member') {
  const menu = await openRowMenu(page, email);
  await menu.getByRole('menuitem', { name: 'Change role' }).click();
  await page.getByRole('menuitemradio', { name: role, exact: true }).click();
}

/** Ticks the row checkboxes of `emails`. */
export async function selectRows(page: Page, emails: string[]) {
  for (const email of emails) {
    const box = page.getByRole('checkbox', { name: `Select ${email}`, exact: true });
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(true);
  }
}

/** The bulk action button, shown while rows are selected: "Bulk actions (N)". */
export function bulkButton(page: Page, count?: number): Locator {
  return page.getByRole('button', {
    name: count === undefined ? /^Bulk actions \(\d+\)$/ : `Bulk actions (${count})`,
    exact: true,
  });
}

/** Bulk action button → `Change role` → `role`. */
export async function bulkChangeRole(page: Page, count: number, role: 'Owner' | 'Admin' | 'Member') {
  await bulkButton(page, count).click();
  await page.getByRole('menuitem', { name: 'Change role' }).click();
  await page.getByRole('menuitem', { name: role, exact: true }).click();
}

// ---------------------------------------------------------------------------------------------------
// Toasts (sonner)

/** The toasts whose text includes `text`. */
export function toasts(page: Page, text: string | RegExp): Locator {
  return page.locator('[data-sonner-toast]').filter({ hasText: text });
}

/** Waits for a toast of `type` (success, error, …) that includes `text`; returns it. */
export async function expectToast(
  page: Page,
  text: string | RegExp,
  type: 'success' | 'error' | 'info' = 'success',
): Promise<Locator> {
  const toast = toasts(page, text).first();
  try {
    await toast.waitFor({ timeout: 15_000 });
  } catch {
    const shown = await page.locator('[data-sonner-toast]').allTextContents();
    expect.fail(
      `No toast with "${text}" appeared${shown.length ? `; shown: ${shown.map((t) => `"${t}"`).join(', ')}` : ' (no toasts at all)'}`,
    );
  }
  expect(await toast.getAttribute('data-type'), `the type of the toast "${await toast.textContent()}"`).toBe(
    type,
  );
  return toast;
}

/** Closes every toast shown (their close buttons), so the next screenshot or toast check starts clean. */
export async function dismissToasts(page: Page) {
  // Clicking a toast's close button moves the focus to it, and to the page's start once the toast is
  // gone: give it back to where the keyboard user left it, so the next Tab goes on from there.
  const focused = await page.evaluateHandle(() => document.activeElement);
  const buttons = page.locator('[data-sonner-toast] button[aria-label="Close toast"]');
  for (let n = await buttons.count(); n > 0; n = await buttons.count()) {
    await buttons
      .first()
      .click({ force: true })
      .catch(() => undefined);
    await page.waitForTimeout(50);
    if (n === (await buttons.count())) break;
  }
  await expect
    .poll(() => page.locator('[data-sonner-toast]').count(), { timeout: 5_000 })
    .toBe(0)
    .catch(() => undefined);
  await focused.evaluate((element) => {
    if (element instanceof HTMLElement && element.isConnected) element.focus();
  });
  await focused.dispose();
}

// ---------------------------------------------------------------------------------------------------
// Radix Select

/** Opens the select named `name` and picks `option`. */
export async function chooseOption(page: Page, name: string, option: string, within: Page | Locator = page) {
  await within.getByRole('combobox', { name, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect.poll(() => within.getByRole('combobox', { name, exact: true }).textContent()).toBe(option);
}

// ---------------------------------------------------------------------------------------------------
// The invitation email

export function invitationSubject(inviter: string, organization: string) {
  return `${inviter} invited you to join ${organization} on AI Hub`;
}

/** The acceptance link in an invitation email's text part (the plain-text link under the button). */
export function invitationLinkFrom(message: MailboxMessage, button = 'Accept Invitation'): string {
  expect(message.text, `the invitation email to ${message.to}`).toContain(button);
  const link = urlsIn(message.text).find((url) => new URL(url).pathname.startsWith('/invite/'));
  if (!link)
    throw new Error(
      `No invitation link in the email "${message.subject}" to ${message.to}:\n${message.text}`,
    );
  return link;
}

/** Waits for a new invitation email to `email` (not among `seenIds`) and returns it with its link. */
export async function waitForInvitation(email: string, seenIds: Set<string>) {
  const message = await waitForEmail(email, { subjectIncludes: 'invited you to join', seenIds });
  return { message, link: invitationLinkFrom(message) };
}

// ---------------------------------------------------------------------------------------------------
// The invite modal

export const outcomeLabels = [
  'Invited',
  'Resent',
  'Already a member',
  'Invalid address',
  'Rate limited',
  'Not delivered',
  'No seat',
] as const;
export type OutcomeLabel = (typeof outcomeLabels)[number];

/** `Invite New User` → the modal, its `Email addresses` input and its `Send Invitation` button. */
export async function openInviteModal(page: Page) {
  await page.getByRole('button', { name: 'Invite New User' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite New User' });
  await dialog.waitFor();
  return {
    dialog,
    input: dialog.getByLabel('Email addresses'),
    send: dialog.getByRole('button', { name: 'Send Invitation' }),
  };
}

/**
 * Invites `emails` with `role` the way the product document says: `Invite New User`, each address typed
 * and Enter pressed, the role chosen, `Send Invitation`. Returns the email confirmation modal and the
 * outcome it shows for each address.
 */
export async function inviteThroughModal(
  page: Page,
  emails: string[],
  role: 'Admin' | 'Member',
  options: { beforeSend?: (dialog: Locator) => Promise<void> } = {},
) {
  const { dialog, input, send } = await openInviteModal(page);
  for (const email of emails) {
    await input.pressSequentially(email);
    await input.press('Enter');
    await dialog.getByRole('button', { name: `Remove ${email.toLowerCase()}`, exact: true }).waitFor();
  }
  await chooseOption(page, 'Role', role, dialog);
  await options.beforeSend?.(dialog);
  await send.click();
  const results = page
    .getByRole('dialog')
    .filter({ has: page.getByRole('list', { name: 'Invitation results' }) });
  // Either the email confirmation modal, or the invite modal says what went wrong (fail with its words).
  const refusal = dialog.getByRole('alert');
  await results.or(refusal).first().waitFor();
  if (await refusal.isVisible()) expect.fail(`Send Invitation failed: ${await refusal.textContent()}`);
  await expect.poll(() => dialog.count()).toBe(0);
  return { results, outcomes: await outcomesIn(results) };
}

/** email → outcome label, as the email confirmation modal lists them. */
export async function outcomesIn(results: Locator): Promise<Record<string, string>> {
  const items = await results
    .getByRole('list', { name: 'Invitation results' })
    .getByRole('listitem')
    .allInnerTexts();
  const outcomes: Record<string, string> = {};
  for (const item of items) {
    const lines = item
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const label =
      outcomeLabels.find((candidate) => lines[lines.length - 1] === candidate) ??
      lines[lines.length - 1] ??
      '';
    outcomes[lines[0] ?? ''] = label;
  }
  return outcomes;
}
