// Issue 14's smaller items in the browser: a focus ring you can see on every page, a select that leaves
// nothing focusable behind it, activity by the person a change was done to, pages that exist, the
// provisioning tokens' Delete and where the focus goes after it, and a seat limit told once. Reads
// Wonka and Hooli (tests/e2e/fixtures/seed.ts) without changing them; what it changes is its own: an
// organization each test creates from the home page.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  checkAccessibility,
  expectNoBrowserErrors,
  failedToLoad,
  screenshot,
  SCREENSHOTS_DIR,
  signIn,
  useBrowser,
} from './support/browser';
import { expectToast, openUsers, toasts } from './support/console';
import { fixtures } from './support/fixtures';
import { tabThroughFocusRings, type FocusRing } from './support/focus-ring';
import { gotoReady, waitForReady } from './support/ready';

/** Where the focus is: its accessible name as the test reads it (aria-label, aria-labelledby, else its text). */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const labelledBy = element?.getAttribute('aria-labelledby');
    const label = labelledBy ? document.getElementById(labelledBy)?.textContent?.trim() : undefined;
    return element?.getAttribute('aria-label') ?? label ?? element?.textContent?.trim() ?? '';
  });
}

/** Signs a new person in and has them create an organization from the home page; returns its slug. */
async function createOrganization(page: Page, email: string, name: string): Promise<string> {
  await signIn(page, email);
  await gotoReady(page, '/');
  await page.getByLabel('Organization name').fill(name);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL((url) => /^\/admin\/[^/]+\/users$/.test(url.pathname));
  await waitForReady(page);
  return new URL(page.url()).pathname.split('/')[2];
}

describe('issue 14: the console asks before it matters', () => {
  const chromium = useBrowser();

  test('every control tabbed to on the users, activity, settings, provisioning, sign-in and invitation pages shows a focus ring of at least 3:1 against what is behind it', async () => {
    const { owner, organization } = fixtures().wonka;
    const { page } = await chromium.open({ clientAddress: '10.14.0.1' });
    await signIn(page, owner.email);
    const weak: string[] = [];
    const check = async (label: string) => {
      const rings: FocusRing[] = await tabThroughFocusRings(page);
      expect(rings.length, `controls tabbed to on ${label}`).toBeGreaterThan(3);
      for (const ring of rings)
        if (ring.ratio < 3)
          weak.push(
            `${label}: ${ring.element} — ring ${ring.ring ?? 'none'} on ${ring.background}, ${ring.ratio}:1`,
          );
      return rings;
    };
    for (const path of ['users', 'activity', 'settings', 'provisioning']) {
      await gotoReady(page, `/admin/${organization.slug}/${path}`);
      const rings = await check(path);
      // The row checkboxes are native: they have their own ring too.
      if (path === 'users')
        expect(rings.some((ring) => ring.element.startsWith('<input type=checkbox>'))).toBe(true);
    }
    await gotoReady(page, `/admin/${organization.slug}/users`);
    await page.getByRole('button', { name: 'Invite New User' }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await screenshot(page, 'focus-ring-users-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('checkbox', { name: 'Select all users on this page' }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await screenshot(page, 'focus-ring-users-390');
    expectNoBrowserErrors(page);

    const { page: visitor } = await chromium.open({ clientAddress: '10.14.0.2' });
    for (const [label, path] of [
      ['sign-in', '/login'],
      ['invitation', `/invite/${fixtures().wonka.invitation.token}`],
    ] as const) {
      await gotoReady(visitor, path);
      const rings = await tabThroughFocusRings(visitor);
      expect(rings.length, `controls tabbed to on ${label}`).toBeGreaterThan(0);
      for (const ring of rings)
        if (ring.ratio < 3)
          weak.push(
            `${label}: ${ring.element} — ring ${ring.ring ?? 'none'} on ${ring.background}, ${ring.ratio}:1`,
          );
    }
    await visitor.keyboard.press('Tab');
    await screenshot(visitor, 'focus-ring-invitation-1280');
    expect(weak, 'focus rings under 3:1').toEqual([]);
    expectNoBrowserErrors(visitor);
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    test(`at ${viewport.width} px, with each select of the users page open, nothing behind it can take the focus and axe finds no serious violation`, async () => {
      const { slug } = fixtures().organizations.hooli;
      const { page } = await chromium.open({ viewport, clientAddress: `10.14.1.${viewport.width % 250}` });
      await signIn(page, fixtures().users.hooliOwner.email);
      await openUsers(page, slug);
      const triggers = page.locator('main [data-slot="select-trigger"]:visible');
      // Each select's name: its aria-label, or the text it is labelled by (the phone's Sort by).
      const names = await triggers.evaluateAll((elements) =>
        elements.map((element) => {
          const labelledBy = element.getAttribute('aria-labelledby');
          const label = labelledBy ? document.getElementById(labelledBy)?.textContent?.trim() : undefined;
          return element.getAttribute('aria-label') ?? label ?? '';
        }),
      );
      expect(names, 'every select has a name').not.toContain('');
      expect(names).toEqual(expect.arrayContaining(['Filter by role', 'Filter by status', 'Rows per page']));
      for (const name of names) {
        const trigger = page.getByRole('combobox', { name, exact: true });
        await trigger.focus();
        await page.keyboard.press('Enter');
        await page.getByRole('listbox').waitFor();
        // What Radix hides from screen readers is inert as well: not one control behind the list is focusable.
        const focusableBehind = await page.evaluate(() =>
          [
            ...document.querySelectorAll<HTMLElement>(
              '[data-aria-hidden="true"] a[href], [data-aria-hidden="true"] button, [data-aria-hidden="true"] input',
            ),
          ]
            .filter((element) => !element.closest('[inert]'))
            .map((element) => element.outerHTML.slice(0, 80)),
        );
        expect(focusableBehind, `focusable behind the open "${name}"`).toEqual([]);
        await checkAccessibility(page, `select-open-${name}-${viewport.width}`);
        expect(await page.getByRole('listbox').count(), 'axe saw the list open').toBe(1);
        // The window as it is (a full-page screenshot resizes the window, which closes a Radix list).
        if (name === 'Filter by role')
          await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `select-open-${viewport.width}.png`) });
        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByRole('listbox').count()).toBe(0);
        await expect.poll(() => focused(page), { message: 'the focus is back on the select' }).toBe(name);
        expect(await page.locator('[inert]').count(), 'nothing stays inert once it closed').toBe(0);
      }
      expectNoBrowserErrors(page);
    });
  }

  test('before the page hydrates, each select of the users page is a combobox named by its label, not a button whose name leaves out what it shows (axe label-content-name-mismatch)', async () => {
    const { slug } = fixtures().organizations.hooli;
    const { page } = await chromium.open({ clientAddress: '10.14.2.1' });
    await signIn(page, fixtures().users.hooliOwner.email);
    // The server's HTML as it is before any script runs.
    await page.route('**/_next/static/**/*.js', (route) => route.abort());
    await page.goto(`/admin/${slug}/users`);
    await page.getByRole('heading', { name: /^Users\b/, level: 1 }).waitFor();
    expect(await page.locator('html[data-hydrated]').count()).toBe(0);
    const closed = page.locator('main [data-slot="select-trigger"]');
    expect(await closed.count()).toBeGreaterThanOrEqual(3);
    expect(
      await closed.evaluateAll((elements) => elements.map((element) => element.getAttribute('role'))),
    ).toEqual(Array.from({ length: await closed.count() }, () => 'combobox'));
    await checkAccessibility(page, 'users-before-hydration', { enable: ['label-content-name-mismatch'] });
    await page.unroute('**/_next/static/**/*.js');
    await gotoReady(page, `/admin/${slug}/users`);
    await checkAccessibility(page, 'users-hydrated-label-content', {
      enable: ['label-content-name-mismatch'],
    });
    expectNoBrowserErrors(page, { allow: [/net::ERR_FAILED/, failedToLoad(404)] });
  });

  test('activity filtered by a person lists a change done to them by someone else, not only what they did', async () => {
    const { owner, organization } = fixtures().wonka;
    const { page } = await chromium.open({ clientAddress: '10.14.3.1' });
    await signIn(page, owner.email);
    await gotoReady(page, `/admin/${organization.slug}/activity`);
    await page.getByLabel('Person').fill('Slugworth@Rival.test');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('who')?.toLowerCase() === 'slugworth@rival.test');
    await waitForReady(page);
    const rows = page.locator('main table tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect((await rows.first().innerText()).replace(/\s+/g, ' ')).toMatch(
      /Willy Wonka.* removed slugworth@rival\.test/,
    );
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('1 event match');
    await screenshot(page, 'activity-person-target-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'activity-person-target-390');
    expectNoBrowserErrors(page);
  });

  test('?page=99999 shows the last page that exists, and the address says which: the users list and the activity log', async () => {
    const { slug } = fixtures().organizations.hooli;
    const { page } = await chromium.open({ clientAddress: '10.14.4.1' });
    await signIn(page, fixtures().users.hooliOwner.email);
    await page.goto(`/admin/${slug}/users?page=99999&size=10`);
    await page.waitForURL((url) => url.searchParams.get('page') !== '99999');
    await openUsers(page, slug, new URL(page.url()).search.slice(1));
    const url = new URL(page.url());
    const last = Number(url.searchParams.get('page'));
    expect(url.searchParams.get('size'), 'the other parameters are kept').toBe('10');
    expect(last).toBeGreaterThanOrEqual(3);
    const nav = page.getByRole('navigation', { name: 'Pagination' });
    await expect.poll(() => nav.textContent()).toContain(`Page ${last} of ${last}`);
    const status = (await nav.locator('p').textContent()) ?? '';
    const [, first, shownLast, total] = /Showing ([\d,]+)–([\d,]+) of ([\d,]+)/.exec(status) ?? [];
    expect(Number(first)).toBe((last - 1) * 10 + 1);
    expect(shownLast).toBe(total);
    expect(await page.locator('main tbody tr').count()).toBe(Number(total) - (last - 1) * 10);
    await screenshot(page, 'users-page-past-end-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'users-page-past-end-390');

    const { owner, organization } = fixtures().wonka;
    const { page: activity } = await chromium.open({ clientAddress: '10.14.4.2' });
    await signIn(activity, owner.email);
    await activity.goto(`/admin/${organization.slug}/activity?kind=departures&page=99999`);
    // Page 1 leaves the parameter out; the filter stays.
    await activity.waitForURL((url) => url.search === '?kind=departures');
    await waitForReady(activity);
    await expect
      .poll(() => activity.getByRole('navigation', { name: 'Pagination' }).textContent())
      .toContain('Page 1 of 1');
    expect(await activity.locator('main table tbody tr').count()).toBeGreaterThan(0);
    expectNoBrowserErrors(page);
    expectNoBrowserErrors(activity);
  });

  test('provisioning: each token’s Delete is named for its token; deleting one puts the focus on the next token’s Delete, deleting the last on Generate token', async () => {
    const { page } = await chromium.open({ clientAddress: '10.14.5.1' });
    const slug = await createOrganization(page, 'tokens.owner@polish.test', 'Token Keepers');
    await gotoReady(page, `/admin/${slug}/provisioning`);
    await page.getByRole('switch', { name: 'Enable provisioning' }).click();
    await expectToast(page, 'Provisioning is on');
    for (const name of ['Okta', 'Entra']) {
      await page.getByRole('button', { name: 'Generate token' }).click();
      const dialog = page.getByRole('dialog', { name: 'Generate token' });
      await dialog.getByLabel('Name').fill(name);
      await dialog.getByRole('button', { name: 'Generate' }).click();
      await page
        .getByRole('dialog', { name: 'Copy your token now' })
        .getByRole('button', { name: 'Done' })
        .click();
      await expect
        .poll(() => page.getByRole('list', { name: 'Provisioning tokens' }).textContent())
        .toContain(name);
    }
    const deleteOkta = page.getByRole('button', { name: 'Delete token Okta', exact: true });
    const deleteEntra = page.getByRole('button', { name: 'Delete token Entra', exact: true });
    // The name begins with the word it shows (axe label-content-name-mismatch).
    expect(await deleteOkta.innerText()).toBe('Delete');
    await checkAccessibility(page, 'provisioning-two-tokens', { enable: ['label-content-name-mismatch'] });
    await screenshot(page, 'provisioning-two-tokens-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'provisioning-two-tokens-390');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Cancel: the focus goes back to the Delete that opened it.
    await deleteOkta.focus();
    await page.keyboard.press('Enter');
    const askOkta = page.getByRole('alertdialog', { name: 'Delete the token “Okta”?' });
    await askOkta.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Delete token Okta');

    await page.keyboard.press('Enter');
    await askOkta.getByRole('button', { name: 'Delete', exact: true }).press('Enter');
    await expectToast(page, 'Deleted the token “Okta”');
    await expect.poll(() => deleteOkta.count()).toBe(0);
    await expect
      .poll(() => focused(page), { message: 'the next token’s Delete has the focus' })
      .toBe('Delete token Entra');

    await page.keyboard.press('Enter');
    await page
      .getByRole('alertdialog', { name: 'Delete the token “Entra”?' })
      .getByRole('button', { name: 'Delete', exact: true })
      .press('Enter');
    await expectToast(page, 'Deleted the token “Entra”');
    await expect.poll(() => deleteEntra.count()).toBe(0);
    await expect
      .poll(() => focused(page), { message: 'with no token left, Generate token has the focus' })
      .toBe('Generate token');
    expectNoBrowserErrors(page);
  });

  test('a seat limit of -5 is told once, under the field, in words that say what is wrong, and no toast repeats it', async () => {
    const { page } = await chromium.open({ clientAddress: '10.14.6.1' });
    const slug = await createOrganization(page, 'seats.owner@polish.test', 'Seat Counters');
    await gotoReady(page, `/admin/${slug}/settings`);
    const field = page.getByLabel('Seat limit');
    await field.fill('-5');
    await field.press('Enter');
    const message = 'The seat limit is a whole number of at least 1. Leave it empty for no limit.';
    const alert = page.getByRole('alert').filter({ hasText: 'The seat limit' });
    await alert.waitFor();
    expect(await alert.innerText()).toBe(message);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // Said once: not in a toast as well, and never zod's "Invalid input".
    await page.waitForTimeout(500);
    expect(await toasts(page, /seat limit|not valid|Invalid input/).count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('Invalid input');
    expect((await page.locator('body').innerText()).split(message).length - 1).toBe(1);
    await screenshot(page, 'seat-limit-invalid-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'seat-limit-invalid-390');
    await page.setViewportSize({ width: 1280, height: 800 });

    await field.fill('12');
    await field.press('Enter');
    await expectToast(page, 'Set the seat limit to 12 seats');
    await expect.poll(() => alert.count()).toBe(0);
    expectNoBrowserErrors(page);
  });
});
