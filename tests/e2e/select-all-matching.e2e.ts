// "Select all N matching" (issue 8, item 5): after the whole page is selected, every row of the current
// filter on every page can be selected; a bulk role change asks first, naming how many and the role;
// the change and a removal then reach every page; focus returns to the bulk bar's button when a
// dialog closes, or to the header checkbox / the Users heading when the bar went with the selection.
//
// Fixtures (tests/e2e/fixtures/seed.ts, select-all-matching block): Wayne, a long-named organization
// with its Owner and 30 Members (one with an 80-character address). The 390 px tests leave them as
// they found them; the 1280 px test then changes all 30 to Admin and removes them.
import { describe, expect, test } from 'vitest';
import { expectNoBrowserErrors, signIn, useBrowser } from './support/browser';
import {
  bulkButton,
  dismissToasts,
  expectToast,
  openUsers,
  recordPage,
  roleAndStatus,
  selectRows,
  shownEmails,
  usersCount,
} from './support/console';
import {
  expectFocused,
  headerCheckbox,
  openBulkDelete,
  openBulkRoleChange,
  selectPage,
  sidewaysOverflow,
  untickRow,
  usersHeading,
} from './support/bulk';
import { fixtures } from './support/fixtures';

const MEMBERS_BY_TEN = 'role=member&size=10';

describe('select all matching', () => {
  const chromium = useBrowser();

  test('at 390 px, by keyboard: select the page, then all 30 matching, open the role change, Cancel: focus back on the bulk button, nothing changed', async () => {
    const { owner, organization } = fixtures().selectAllMatching;
    const { page } = await chromium.open({ viewport: { width: 390, height: 844 } });
    await signIn(page, owner.email);
    await openUsers(page, organization.slug, MEMBERS_BY_TEN);
    expect(await usersCount(page)).toBe(30);

    await headerCheckbox(page).focus();
    await page.keyboard.press('Space');
    await page.getByText('10 selected', { exact: true }).waitFor();
    const selectAll = page.getByRole('button', { name: 'Select all 30 matching', exact: true });
    await selectAll.waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await recordPage(page, 'select-all-matching-390-page-selected');
    await selectAll.focus();
    await page.keyboard.press('Enter');
    await page.getByText('All 30 matching users selected', { exact: true }).waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await recordPage(page, 'select-all-matching-390-selected');

    // Bulk actions (30) → Change role → Admin, by keyboard.
    await bulkButton(page, 30).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Change role' }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('menuitem', { name: 'Admin', exact: true }).waitFor();
    await page.getByRole('menuitem', { name: 'Admin', exact: true }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: 'Change the role of 30 users to Admin?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      'Every user matching your filters (role Member), on every page.',
    );
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await recordPage(page, 'select-all-matching-390-confirm');

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expectFocused(bulkButton(page, 30), 'the Bulk actions (30) button');
    await page.getByText('All 30 matching users selected', { exact: true }).waitFor();
    expect(await usersCount(page)).toBe(30);

    // `Clear selection` leaves with the bar: focus goes to the header checkbox, not to the page.
    await page.getByRole('button', { name: 'Clear selection' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => bulkButton(page).count()).toBe(0);
    await expectFocused(headerCheckbox(page), 'the header checkbox');
    expectNoBrowserErrors(page);
  });

  test('at 390 px, picked rows with the viewer among them: the confirmation leaves out the only Owner, saying why, and names the 2 others and Admin; Cancel returns focus to the bulk button; after a change that goes through, to the header checkbox', async () => {
    const { owner, organization, staff } = fixtures().selectAllMatching;
    const [longAddress, second] = staff;
    const { page } = await chromium.open({ viewport: { width: 390, height: 844 } });
    await signIn(page, owner.email);
    await openUsers(page, organization.slug, 'size=50');
    await selectRows(page, [owner.email, longAddress.email, second.email]);

    // Wayne's only Owner may not step down: the confirmation says so before anything is sent.
    let dialog = await openBulkRoleChange(page, 3, 'Admin');
    await page.getByRole('alertdialog', { name: 'Change the role of 2 users to Admin?' }).waitFor();
    const text = await dialog.textContent();
    expect(text).toContain(longAddress.email);
    expect(text).toContain(
      "1 of 3 can't be given Admin: you (you are the only Owner: make someone else an Owner first).",
    );
    expect(text).not.toContain('You are among them');
    await dialog.getByRole('button', { name: 'Make 2 users Admin', exact: true }).waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await recordPage(page, 'select-all-matching-390-picked-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Nothing changes, the selection stays.
    await expect.poll(() => dialog.count()).toBe(0);
    await expectFocused(bulkButton(page, 3), 'the Bulk actions (3) button');
    expect((await roleAndStatus(page, owner.email)).role).toBe('Owner');
    expect((await roleAndStatus(page, second.email)).role).toBe('Member');
    await dismissToasts(page);

    // Without the Owner the change goes through; the bar goes with the selection, focus to the header checkbox.
    await untickRow(page, owner.email);
    await page.getByText('2 selected', { exact: true }).waitFor();
    dialog = await openBulkRoleChange(page, 2, 'Admin');
    await page.getByRole('alertdialog', { name: 'Change the role of 2 users to Admin?' }).waitFor();
    expect(await dialog.textContent()).not.toContain('You are among them');
    await dialog.getByRole('button', { name: 'Change role', exact: true }).click();
    await expectToast(page, 'Changed the role of 2 users to Admin');
    await expect.poll(() => bulkButton(page).count()).toBe(0);
    await expectFocused(headerCheckbox(page), 'the header checkbox');
    await expect.poll(async () => (await roleAndStatus(page, second.email)).role).toBe('Admin');
    await dismissToasts(page);

    // And back, so that the next test finds 30 Members.
    await selectRows(page, [longAddress.email, second.email]);
    dialog = await openBulkRoleChange(page, 2, 'Member');
    await dialog.getByRole('button', { name: 'Change role', exact: true }).click();
    await expectToast(page, 'Changed the role of 2 users to Member');
    await expect.poll(async () => (await roleAndStatus(page, longAddress.email)).role).toBe('Member');
    expectNoBrowserErrors(page);
  });

  test('at 1280 px: all 30 matching Members across 3 pages become Admins after a confirmation naming 30 and Admin, then are all removed', async () => {
    const { owner, organization, staff } = fixtures().selectAllMatching;
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    await openUsers(page, organization.slug, MEMBERS_BY_TEN);
    expect(await usersCount(page)).toBe(30);

    await selectPage(page, 10);
    await page.getByRole('button', { name: 'Select all 30 matching', exact: true }).click();
    await page.getByText('All 30 matching users selected', { exact: true }).waitFor();
    // The selection is every match, not the page: the next page shows selected too.
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect.poll(() => page.url()).toContain('page=2');
    await expect.poll(() => headerCheckbox(page).isChecked()).toBe(true);
    await page.getByText('All 30 matching users selected', { exact: true }).waitFor();
    await recordPage(page, 'select-all-matching-1280-page-2');

    // Cancel first: focus returns to the button that opened the dialog.
    let dialog = await openBulkRoleChange(page, 30, 'Admin');
    expect(await dialog.getAttribute('aria-labelledby')).toBeTruthy();
    await page.getByRole('alertdialog', { name: 'Change the role of 30 users to Admin?' }).waitFor();
    await recordPage(page, 'select-all-matching-1280-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expectFocused(bulkButton(page, 30), 'the Bulk actions (30) button');

    // Confirm: every match changes, on every page.
    dialog = await openBulkRoleChange(page, 30, 'Admin');
    await dialog.getByRole('button', { name: 'Change role', exact: true }).click();
    await expectToast(page, 'Changed the role of 30 users to Admin');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => usersCount(page)).toBe(0);
    // The bar left with the selection, and no row is left to select: focus is on the Users heading.
    await expectFocused(usersHeading(page), 'the Users heading');
    await dismissToasts(page);

    await openUsers(page, organization.slug, 'role=admin&size=10');
    expect(await usersCount(page)).toBe(30);
    const seen: string[] = [];
    for (let pageNumber = 1; pageNumber <= 3; pageNumber++) {
      if (pageNumber > 1) await openUsers(page, organization.slug, `role=admin&size=10&page=${pageNumber}`);
      const emails = await shownEmails(page);
      expect(emails).toHaveLength(10);
      for (const email of emails) expect((await roleAndStatus(page, email)).role).toBe('Admin');
      seen.push(...emails);
    }
    expect(new Set(seen)).toEqual(new Set(staff.map((person) => person.email)));

    // Remove all 30 Admins, from page 3.
    await selectPage(page, 10);
    await page.getByRole('button', { name: 'Select all 30 matching', exact: true }).click();
    dialog = await openBulkDelete(page, 30);
    await page.getByRole('alertdialog', { name: 'Delete 30 users?' }).waitFor();
    expect(await dialog.textContent()).toContain(
      'Every user matching your filters (role Admin), on every page.',
    );
    await recordPage(page, 'select-all-matching-1280-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expectToast(page, 'Removed 30 users');
    await expect.poll(() => dialog.count()).toBe(0);
    await expectFocused(usersHeading(page), 'the Users heading');

    await openUsers(page, organization.slug);
    expect(await usersCount(page)).toBe(1);
    expect(await shownEmails(page)).toEqual([owner.email]);
    await recordPage(page, 'select-all-matching-1280-after');
    expectNoBrowserErrors(page);
  });
});
