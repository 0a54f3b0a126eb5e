// Reviewing people from a phone (issue 14, item 9), at 390×844: the console's navigation is a compact
// bar, so the Users heading starts near the top; Added, Last active and Invited by, whose columns hide,
// are each row's second line; a Sort by select sorts by them (inactivity reviewed from a phone); and
// the bulk Change role submenu opens inside the screen.
//
// Fixtures (tests/e2e/fixtures/seed.ts, the users-phone block): Northwind and its Owner, its 24 Members
// and invitations. Only read here (a selection is cleared, nothing is changed).
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectNoBrowserErrors, screenshot, signIn, useBrowser } from './support/browser';
import { chooseOption, openUsers } from './support/console';
import { fixtures } from './support/fixtures';
import { boxOf, expectWithin, viewportBox } from './support/invite-dialog';

const phone = { width: 390, height: 844 };

/** Each row's shown facts (Added, Last active, Invited by), by row, in the order listed. */
function factsOfRows(page: Page): Promise<{ email: string; facts: Record<string, string> }[]> {
  return page.locator('tr[data-row-email]').evaluateAll((rows) =>
    rows.map((row) => ({
      email: row.getAttribute('data-row-email') ?? '',
      facts: Object.fromEntries(
        [...row.querySelectorAll('[data-fact]')]
          .filter((fact) => fact.getBoundingClientRect().width > 0)
          .map((fact) => [fact.getAttribute('data-fact') ?? '', fact.textContent ?? '']),
      ),
    })),
  );
}

describe('the users page on a phone', () => {
  const chromium = useBrowser();
  const { owner } = fixtures().phone;
  const { slug } = fixtures().organizations.northwind;

  async function openPhone(query = '') {
    const { page } = await chromium.open({ viewport: phone });
    await signIn(page, owner.email);
    await openUsers(page, slug, query);
    return page;
  }

  test('the navigation is one compact bar: the Users heading starts within 140 px of the top, every console page and Sign out are on the screen', async () => {
    const page = await openPhone();
    const heading = page.getByRole('heading', { name: /^Users\b/, level: 1 });
    const top = (await boxOf(heading, 'the Users heading')).y;
    expect(top, `the heading starts at ${top} px`).toBeLessThan(140);
    const nav = page.getByRole('navigation', { name: 'Admin console' });
    for (const name of ['Users', 'Activity', 'Provisioning', 'Domains', 'SSO', 'Settings']) {
      const link = nav.getByRole('link', { name, exact: true });
      expectWithin(await boxOf(link, name), viewportBox(page), `${name}, in the window`);
    }
    const signOut = page.getByRole('button', { name: `Sign out (${owner.email})` });
    expectWithin(await boxOf(signOut, 'Sign out'), viewportBox(page), 'Sign out, in the window');
    expect(await page.getByTestId('organization-name').isVisible(), 'the organization is named').toBe(true);
    await screenshot(page, 'phone-review-users-page');
    expectNoBrowserErrors(page);
  });

  test('each row shows Added, Last active and Invited by as its second line, and Sort by orders by Last active and by Added', async () => {
    const page = await openPhone();
    const rows = await factsOfRows(page);
    const member = rows.find((row) => row.facts.active);
    expect(member, 'a member row shows its Last active').toBeDefined();
    expect(member!.facts.added).toMatch(/^Added [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(member!.facts.active).toMatch(/^(Never active|Last active [A-Z][a-z]{2} \d{1,2}, \d{4})$/);
    expect(
      rows.some((row) => row.facts['invited-by']?.startsWith('Invited by ')),
      'Invited by is shown',
    ).toBe(true);

    await chooseOption(page, 'Sort by', 'Least recently active');
    await page.waitForURL(
      (url) => url.searchParams.get('sort') === 'active' && url.searchParams.get('dir') === 'asc',
    );
    await expect
      .poll(async () => (await factsOfRows(page)).find((row) => row.facts.active)?.facts.active)
      .toBe('Never active');
    await screenshot(page, 'phone-review-sorted-by-last-active');

    await chooseOption(page, 'Sort by', 'Oldest first');
    await page.waitForURL(
      (url) => url.searchParams.get('sort') === 'date' && url.searchParams.get('dir') === 'asc',
    );
    await expect
      .poll(
        async () => {
          const added = (await factsOfRows(page)).map((row) =>
            Date.parse(row.facts.added.replace(/^\w+ /, '')),
          );
          return added.every((date, index) => index === 0 || added[index - 1] <= date);
        },
        { message: 'the rows run from the oldest Added to the newest' },
      )
      .toBe(true);
    expectNoBrowserErrors(page);
  });

  test('the bulk Change role submenu opens inside the screen', async () => {
    const page = await openPhone();
    const crew = fixtures().phone.owner.email.replace(/^[^@]+/, 'crew01');
    await page.getByRole('checkbox', { name: `Select ${crew}`, exact: true }).check();
    await page.getByRole('button', { name: /^Bulk actions/ }).click();
    const changeRole = page.getByRole('menuitem', { name: 'Change role' });
    await changeRole.click();
    const submenu: Locator = page.getByRole('menu', { name: 'Change role' });
    await submenu.waitFor();
    await expect
      .poll(
        async () => {
          const box = await submenu.boundingBox();
          return box ? box.x >= 0 && box.x + box.width <= phone.width : false;
        },
        { message: 'the submenu lies within the 390 px screen' },
      )
      .toBe(true);
    expectWithin(
      await boxOf(page.getByRole('menu').first(), 'the bulk menu'),
      viewportBox(page),
      'the bulk menu',
    );
    await screenshot(page, 'phone-review-bulk-change-role');
    await page.keyboard.press('Escape');
    expectNoBrowserErrors(page);
  });
});
