// Keyboard use of the console: the skip link, menus that wrap with the arrow keys, where focus lands in
// and after the settings dialogs, the sign-in page reached from an invitation, and what a slow
// navigation shows. Wonka (tests/e2e/fixtures/seed.ts) is read here, never changed.
import type { Page, Request } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { checkAccessibility, expectNoBrowserErrors, screenshot, signIn, useBrowser } from './support/browser';
import { openUsers, userRow } from './support/console';
import { fixtures } from './support/fixtures';
import { recordStrict } from './support/layout';
import { gotoReady } from './support/ready';

/** What has focus: its role-ish tag, id, accessible text. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      id: element?.id ?? '',
      text: (element?.getAttribute('aria-label') || element?.textContent || '').replace(/\s+/g, ' ').trim(),
    };
  });
}

describe('keyboard', () => {
  const chromium = useBrowser();

  test('the first Tab reaches a visible "Skip to content" link, and Enter moves focus into <main>, past the sidebar', async () => {
    const { owner, organization } = fixtures().wonka;
    const { page } = await chromium.open({ clientAddress: '10.8.2.1' });
    await signIn(page, owner.email);
    await openUsers(page, organization.slug);

    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Skip to content' });
    const skip = page.getByRole('link', { name: 'Skip to content' });
    // It slides in when focused: wait for it to be on screen.
    await expect
      .poll(
        async () => {
          const box = await skip.boundingBox();
          return Boolean(box && box.y >= 0 && box.height > 0);
        },
        { message: 'the skip link is on screen when focused' },
      )
      .toBe(true);
    await recordStrict(page, 'keyboard-skip-link');

    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'main', id: 'main' });
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => {
      const main = document.querySelector('main');
      return Boolean(main && document.activeElement && main.contains(document.activeElement));
    });
    expect(next, 'the Tab after the skip link lands inside <main>').toBe(true);

    // Signed out, the sign-in page has it first too (the page starts in its Email field, so the skip
    // link is one Shift+Tab before it).
    const signedOut = await chromium.open({ clientAddress: '10.8.2.1' });
    await gotoReady(signedOut.page, '/login');
    await signedOut.page.getByLabel('Email', { exact: true }).focus();
    await signedOut.page.keyboard.press('Shift+Tab');
    expect(await focused(signedOut.page)).toMatchObject({ tag: 'a', text: 'Skip to content' });
    await signedOut.page.keyboard.press('Enter');
    expect(await focused(signedOut.page)).toMatchObject({ tag: 'main', id: 'main' });
    expectNoBrowserErrors(page);
  });

  test('a row menu opened from the keyboard wraps: ArrowUp on the first item goes to the last, ArrowDown on the last to the first', async () => {
    const { owner, admin, organization } = fixtures().wonka;
    const { page } = await chromium.open({ clientAddress: '10.8.2.2' });
    await signIn(page, owner.email);
    await openUsers(page, organization.slug);

    await userRow(page, admin.email).getByRole('button', { name: 'More options' }).focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    const items = await menu
      .getByRole('menuitem')
      .evaluateAll((elements) =>
        elements
          .filter(
            (element) =>
              element.getAttribute('aria-disabled') !== 'true' && !element.hasAttribute('data-disabled'),
          )
          .map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim()),
      );
    expect(items.length, 'the menu has items to move between').toBeGreaterThan(1);
    await expect.poll(async () => (await focused(page)).text).toBe(items[0]);
    await recordStrict(page, 'keyboard-row-menu');

    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await focused(page)).text).toBe(items[items.length - 1]);
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await focused(page)).text).toBe(items[0]);

    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    await expect.poll(async () => (await focused(page)).text).toBe('More options');
    expectNoBrowserErrors(page);
  });

  test('a filter’s option list opened from the keyboard sits in a labelled landmark (axe `region`), and once closed leaves no empty landmark behind', async () => {
    const { owner, organization } = fixtures().wonka;
    const { page } = await chromium.open({ clientAddress: '10.8.2.8' });
    await signIn(page, owner.email);
    await openUsers(page, organization.slug);
    const landmarks = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-slot="layer-region"]')]
          .filter((element) => getComputedStyle(element).display !== 'none')
          .map((element) => element.getAttribute('aria-label')),
      );
    expect(await landmarks(), 'no layer landmark while every list is closed').toEqual([]);

    const filter = page.getByRole('combobox', { name: 'Filter by role', exact: true });
    await filter.focus();
    await page.keyboard.press('Enter');
    const list = page.getByRole('listbox');
    await list.waitFor();
    expect(await landmarks()).toEqual(['Options']);
    await screenshot(page, 'keyboard-role-filter-open');
    // While the list is open the rest of the page is aria-hidden and inert (components/ui/select.tsx),
    // so nothing behind it takes the focus (axe `aria-hidden-focus`), and its <main> is out of reach
    // until the list closes: the landmark that counts now is the list's own (`region`).
    await checkAccessibility(page, 'keyboard-role-filter-open', { failOn: ['region'] });

    await page.keyboard.press('Escape');
    await expect.poll(() => list.count()).toBe(0);
    await expect.poll(async () => (await focused(page)).text).toBe('Filter by role');
    expect(await landmarks(), 'the closed list leaves no landmark').toEqual([]);
    expectNoBrowserErrors(page);
  });

  test('the delete-organization dialog opens with focus in the name field; the settings dialogs give focus back to the button that opened them', async () => {
    const { owner, admin, organization } = fixtures().wonka;
    const { page } = await chromium.open({ clientAddress: '10.8.2.3' });
    await signIn(page, owner.email);
    await gotoReady(page, `/admin/${organization.slug}/settings`);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    // The name ends with a full stop: the page does not add a second one.
    expect(await page.getByRole('main').textContent()).toContain(`General settings of ${organization.name}`);
    expect(await page.getByRole('main').textContent()).not.toContain(`${organization.name}.`);

    const deleteButton = page.getByRole('button', { name: 'Delete organization' });
    await deleteButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: `Delete ${organization.name}?` });
    await dialog.waitFor();
    await expect.poll(async () => (await focused(page)).id).toBe('confirm-name');
    await recordStrict(page, 'keyboard-delete-dialog');
    await page.keyboard.type('Wonka');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await focused(page)).text).toBe('Delete organization');

    // The only Owner is not offered Leave (docs/rules.md rule 5); the Admin is, and its dialog gives
    // the focus back too.
    expect(await page.getByRole('button', { name: 'Leave organization' }).isDisabled()).toBe(true);
    expectNoBrowserErrors(page);
    const { page: adminPage } = await chromium.open({ clientAddress: '10.8.2.7' });
    await signIn(adminPage, admin.email);
    await gotoReady(adminPage, `/admin/${organization.slug}/settings`);
    const leaveButton = adminPage.getByRole('button', { name: 'Leave organization' });
    await leaveButton.focus();
    await adminPage.keyboard.press('Enter');
    const leave = adminPage.getByRole('alertdialog', { name: `Leave ${organization.name}?` });
    await leave.waitFor();
    await recordStrict(adminPage, 'keyboard-leave-dialog');
    await leave.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => leave.count()).toBe(0);
    await expect.poll(async () => (await focused(adminPage)).text).toMatch(/^Leave organization/);
    expectNoBrowserErrors(adminPage);
  });

  test('the sign-in page reached from an invitation names its organization, and says only "your invitation" for a link that is not open', async () => {
    const { organization, invitation } = fixtures().wonka;
    const { page } = await chromium.open({ clientAddress: '10.8.2.4' });

    await gotoReady(page, `/login?callbackUrl=${encodeURIComponent(`/invite/${invitation.token}`)}`);
    await page
      .getByRole('heading', { name: `Sign in to accept your invitation to ${organization.name}`, level: 1 })
      .waitFor();
    await recordStrict(page, 'keyboard-login-invitation');

    await gotoReady(page, `/login?callbackUrl=${encodeURIComponent('/invite/not-a-real-token')}`);
    const generic = page.getByRole('heading', { level: 1 });
    expect(await generic.textContent()).toBe('Sign in to accept your invitation');

    await gotoReady(page, '/login');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to AI Hub');
    expectNoBrowserErrors(page);
  });

  test('a slow sidebar navigation whose loading state is prefetched shows the page-shaped skeleton until the page arrives', async () => {
    const { owner, organization } = fixtures().wonka;
    const { page } = await chromium.open({ clientAddress: '10.8.2.5' });
    await signIn(page, owner.email);

    // Hold the activity page's server render (the RSC request of the navigation, not the prefetch of
    // its loading state) until the test lets it go.
    let release: () => void = () => undefined;
    let held = Promise.resolve();
    await page.route(`**/admin/${organization.slug}/activity**`, async (route) => {
      const headers = route.request().headers();
      if (headers['rsc'] === '1' && !headers['next-router-prefetch']) await held;
      await route.continue();
    });
    // The activity page's prefetches, counted (a failure message says what happened to them).
    const prefetches = { started: 0, finished: 0, failed: 0 };
    const isPrefetch = (request: Request) =>
      request.url().includes('/activity') && Boolean(request.headers()['next-router-prefetch']);
    page.on('request', (request) => void (isPrefetch(request) && prefetches.started++));
    page.on('requestfinished', (request) => void (isPrefetch(request) && prefetches.finished++));
    page.on('requestfailed', (request) => void (isPrefetch(request) && prefetches.failed++));
    // A full load starts the router's cache afresh: only a prefetch finished after it counts.
    let finishedBeforeLoad = 0;
    const loadUsers = async () => {
      finishedBeforeLoad = prefetches.finished;
      await openUsers(page, organization.slug);
    };
    await loadUsers();
    const link = page
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Activity' });
    const loading = page.getByRole('status', { name: 'Loading activity' });
    // Next shows loading.tsx once its router holds the route's loading state, fetched by the link's
    // prefetch (when the link comes into view, and again when the pointer is over it). On a loaded
    // machine the prefetch can be late, or finish before the router has taken its answer in, and a
    // click then waits for the page without the skeleton. Such a navigation is let go and tried again
    // on a fresh load, at most three times; the skeleton must show in one of them.
    for (let attempt = 1; ; attempt++) {
      held = new Promise<void>((resolve) => (release = resolve));
      // Hovered again while no prefetch has come back since the load.
      const prefetched = await expect
        .poll(
          async () => {
            if (prefetches.finished > finishedBeforeLoad) return true;
            await page.mouse.move(0, 0);
            await link.hover();
            return false;
          },
          { timeout: 30_000, interval: 2_000 },
        )
        .toBe(true)
        .then(
          () => true,
          () => false,
        );
      await link.click();
      const shown = await loading.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      if (shown) break;
      release();
      await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
      expect(
        attempt,
        `the skeleton showed in one of three slow navigations (activity prefetches: ${JSON.stringify(prefetches)}; ` +
          `this time one came back before the click: ${prefetched})`,
      ).toBeLessThan(3);
      await loadUsers();
    }
    await recordStrict(page, 'keyboard-loading-activity');

    release();
    await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    await expect.poll(() => loading.count()).toBe(0);
    expectNoBrowserErrors(page);
  });

  test('a slow sidebar navigation with nothing prefetched yet shows a spinner on the link until the page arrives', async () => {
    const { owner, organization } = fixtures().wonka;
    const { page } = await chromium.open({ clientAddress: '10.8.2.6' });
    await signIn(page, owner.email);

    // Hold every request for the settings page, its prefetch included: Next has no loading state to
    // show, so the old page stays and only the link can say that something is on its way.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/admin/${organization.slug}/settings**`, async (route) => {
      if (route.request().headers()['rsc'] === '1') await held;
      await route.continue();
    });
    await openUsers(page, organization.slug);

    const link = page
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Settings' });
    expect(await link.locator('[data-pending]').count()).toBe(0);
    await link.click();
    await expect.poll(() => link.locator('[data-pending]').count()).toBe(1);
    await screenshot(page, 'keyboard-link-pending');

    release();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await expect.poll(() => link.locator('[data-pending]').count()).toBe(0);
    expectNoBrowserErrors(page);
  });
});
