// The user management page as the product document describes it: changing roles one at a time and in
// bulk, removing users one at a time and in bulk, who may do what (a Member is kept out, an Admin cannot
// touch an Owner, the last Owner cannot step down), search and pagination, the keyboard, and a phone.
//
// Fixtures (tests/e2e/fixtures/seed.ts): Umbrella's Members are changed here, one set per test; Acme
// and Solo are only read (a refused change changes nothing); Hooli has 30 Members for the pagination.
import { describe, expect, test } from 'vitest';
import { expectNoBrowserErrors, failedToLoad, signIn, useBrowser } from './support/browser';
import {
  bodyRows,
  bulkButton,
  bulkChangeRole,
  chooseOption,
  expectNoRow,
  expectRow,
  expectToast,
  openInviteModal,
  openRowMenu,
  openUsers,
  recordPage,
  selectRows,
  shownEmails,
  userRow,
  usersCount,
} from './support/console';
import { fixtures } from './support/fixtures';
import { gotoReady, reloadReady } from './support/ready';

describe('user management', () => {
  const chromium = useBrowser();

  describe('changing roles', () => {
    test('More options → Change role → Admin asks first (Admin opens the console), then changes one role, with a success toast and the list updated', async () => {
      const { umbrella } = fixtures().organizations;
      const { promote } = fixtures().umbrella;
      const { page } = await chromium.open();
      await signIn(page, fixtures().users.umbrellaOwner.email);
      await openUsers(page, umbrella.slug);
      await expectRow(page, promote.email, { role: 'Member', status: 'Active' });
      await recordPage(page, 'users-umbrella');

      const menu = await openRowMenu(page, promote.email);
      await menu.getByRole('menuitem', { name: 'Change role' }).click();
      const radios = page.getByRole('menuitemradio');
      await expect.poll(() => radios.allTextContents()).toEqual(['Owner', 'Admin', 'Member']);
      await expect
        .poll(() => page.getByRole('menuitemradio', { name: 'Member' }).getAttribute('aria-checked'))
        .toBe('true');
      await recordPage(page, 'users-row-menu-change-role');
      // The full-page screenshot may close the submenu: open it again (a click on its trigger opens it).
      await menu.getByRole('menuitem', { name: 'Change role' }).click();
      await page.getByRole('menuitemradio', { name: 'Admin', exact: true }).click();
      await page
        .getByRole('alertdialog', { name: `Make ${promote.name} an Admin?` })
        .getByRole('button', { name: 'Make Admin', exact: true })
        .click();

      await expectToast(page, `Changed the role of ${promote.email} to Admin`);
      await expectRow(page, promote.email, { role: 'Admin', status: 'Active' });
      await recordPage(page, 'users-role-changed');

      // It stays changed: the server says so too.
      await reloadReady(page);
      await expectRow(page, promote.email, { role: 'Admin', status: 'Active' });
      expectNoBrowserErrors(page);
    });

    test('checkboxes + the bulk action button change several roles at once, toast "Changed the role of 2 users to Admin"', async () => {
      const { umbrella } = fixtures().organizations;
      const { bulk1, bulk2, steady } = fixtures().umbrella;
      const { page } = await chromium.open();
      await signIn(page, fixtures().users.umbrellaOwner.email);
      await openUsers(page, umbrella.slug);

      await expect.poll(() => bulkButton(page).count()).toBe(0);
      await selectRows(page, [bulk1.email, bulk2.email]);
      await page.getByText('2 selected', { exact: true }).waitFor();
      await recordPage(page, 'users-two-selected');

      await bulkButton(page, 2).click();
      await page.getByRole('menuitem', { name: 'Change role' }).click();
      await page.getByRole('menuitem', { name: 'Admin', exact: true }).waitFor();
      await recordPage(page, 'users-bulk-menu-change-role');
      await page.getByRole('menuitem', { name: 'Admin', exact: true }).click();
      // A bulk role change asks first, naming how many and the role.
      const confirm = page.getByRole('alertdialog', { name: 'Change the role of 2 users to Admin?' });
      await confirm.getByRole('button', { name: 'Change role', exact: true }).click();

      await expectToast(page, 'Changed the role of 2 users to Admin');
      await expectRow(page, bulk1.email, { role: 'Admin' });
      await expectRow(page, bulk2.email, { role: 'Admin' });
      await expectRow(page, steady.email, { role: 'Member' });
      // The selection is cleared once the change is done.
      await expect.poll(() => bulkButton(page).count()).toBe(0);
      await recordPage(page, 'users-bulk-role-changed');
      expectNoBrowserErrors(page);
    });
  });

  describe('removing users', () => {
    test('More options → Delete → the confirmation modal’s Delete removes one user, with a toast', async () => {
      const { umbrella } = fixtures().organizations;
      const { remove } = fixtures().umbrella;
      const { page } = await chromium.open();
      await signIn(page, fixtures().users.umbrellaOwner.email);
      await openUsers(page, umbrella.slug);
      const before = await usersCount(page);

      const menu = await openRowMenu(page, remove.email);
      await menu.getByRole('menuitem', { name: 'Delete' }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Delete this user?' });
      await dialog.waitFor();
      await expect
        .poll(() => dialog.getByRole('list', { name: 'Users to delete' }).textContent())
        .toContain(remove.email);
      await recordPage(page, 'users-delete-one-dialog');
      await dialog.getByRole('button', { name: 'Delete', exact: true }).click();

      await expectToast(page, `Removed ${remove.email}`);
      await expect.poll(() => dialog.count()).toBe(0);
      await expectNoRow(page, remove.email);
      await expect.poll(() => usersCount(page)).toBe(before - 1);
      await recordPage(page, 'users-deleted-one');

      await reloadReady(page);
      await page.getByRole('checkbox', { name: 'Select all users on this page' }).waitFor();
      await expectNoRow(page, remove.email);
      expectNoBrowserErrors(page);
    });

    test('checkboxes + bulk Delete remove several users after the confirmation modal, toast "Removed 2 users"', async () => {
      const { umbrella } = fixtures().organizations;
      const { gone1, gone2, steady } = fixtures().umbrella;
      const { page } = await chromium.open();
      await signIn(page, fixtures().users.umbrellaOwner.email);
      await openUsers(page, umbrella.slug);
      const before = await usersCount(page);

      await selectRows(page, [gone1.email, gone2.email]);
      await bulkButton(page, 2).click();
      await page.getByRole('menuitem', { name: 'Delete' }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Delete 2 users?' });
      await dialog.waitFor();
      const listed = (await dialog.getByRole('list', { name: 'Users to delete' }).textContent()) ?? '';
      expect(listed).toContain(gone1.email);
      expect(listed).toContain(gone2.email);
      await recordPage(page, 'users-delete-bulk-dialog');
      await dialog.getByRole('button', { name: 'Delete', exact: true }).click();

      await expectToast(page, 'Removed 2 users');
      await expectNoRow(page, gone1.email);
      await expectNoRow(page, gone2.email);
      await userRow(page, steady.email).waitFor();
      await expect.poll(() => usersCount(page)).toBe(before - 2);
      await recordPage(page, 'users-deleted-bulk');
      expectNoBrowserErrors(page);
    });
  });

  describe('who may do what', () => {
    test('a Member is refused the console with the 403 page', async () => {
      const { acme } = fixtures().organizations;
      const { page } = await chromium.open();
      await signIn(page, fixtures().users.member.email);
      const response = await gotoReady(page, `/admin/${acme.slug}/users`);
      expect(response?.status()).toBe(403);
      await page.getByRole('heading', { name: "You don't have access to this admin console" }).waitFor();
      await expect.poll(() => page.getByRole('checkbox').count()).toBe(0);
      await expect.poll(() => page.getByRole('button', { name: 'Invite New User' }).count()).toBe(0);
      await recordPage(page, 'users-member-forbidden');
      expectNoBrowserErrors(page, { allow: [failedToLoad(403)] });
    });

    test('an Admin cannot change or delete an Owner: the menu offers nothing, and a bulk action including the Owner leaves the Owner out, saying the rule, before anything is sent', async () => {
      const { acme } = fixtures().organizations;
      const { owner, member3 } = fixtures().users;
      const { page } = await chromium.open();
      await signIn(page, fixtures().users.admin.email);
      await openUsers(page, acme.slug);
      await expectRow(page, owner.email, { role: 'Owner' });

      // The Owner's row: no role change, Delete disabled, and the menu says why.
      const ownerMenu = await openRowMenu(page, owner.email);
      await expect
        .poll(() => ownerMenu.getByRole('menuitem', { name: 'Change role' }).getAttribute('aria-disabled'))
        .toBe('true');
      await expect
        .poll(() => ownerMenu.getByRole('menuitem', { name: 'Delete' }).getAttribute('aria-disabled'))
        .toBe('true');
      await expect
        .poll(() => ownerMenu.textContent())
        .toContain('Only an Owner can change, suspend or remove an Owner.');
      await recordPage(page, 'users-admin-owner-menu');
      await page.keyboard.press('Escape');
      await expect.poll(() => ownerMenu.count()).toBe(0);

      // A Member's row: the Admin may give Admin or Member, never Owner.
      const memberMenu = await openRowMenu(page, member3.email);
      await memberMenu.getByRole('menuitem', { name: 'Change role' }).click();
      await expect
        .poll(() => page.getByRole('menuitemradio', { name: 'Owner' }).getAttribute('aria-disabled'))
        .toBe('true');
      await expect
        .poll(() => page.getByRole('menuitemradio', { name: 'Admin' }).getAttribute('aria-disabled'))
        .toBeNull();
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('menu').count()).toBe(0);

      // The Owner and a Member selected together: the confirmation leaves the Owner out, naming the rule
      // (the server would refuse the whole change: tests/domain/bulk.test.ts), and offers the Member alone.
      const ownerLeftOut = `${owner.email} (only an Owner can change, suspend or remove an Owner)`;
      await selectRows(page, [owner.email, member3.email]);
      await bulkChangeRole(page, 2, 'Admin');
      const roleDialog = page.getByRole('alertdialog', { name: `Make ${member3.name} an Admin?` });
      await expect
        .poll(() => roleDialog.textContent())
        .toContain(`1 of 2 can't be given Admin: ${ownerLeftOut}.`);
      await roleDialog.getByRole('button', { name: 'Make 1 user Admin', exact: true }).waitFor();
      await recordPage(page, 'users-admin-bulk-refused');
      await roleDialog.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => roleDialog.count()).toBe(0);

      // Bulk Delete of the same two: the Owner left out as well; cancelled, nobody removed.
      await bulkButton(page, 2).click();
      await page.getByRole('menuitem', { name: 'Delete' }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Delete this user?' });
      await expect.poll(() => dialog.textContent()).toContain(`1 of 2 can't be deleted: ${ownerLeftOut}.`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => dialog.count()).toBe(0);

      await reloadReady(page);
      await expectRow(page, owner.email, { role: 'Owner', status: 'Active' });
      await expectRow(page, member3.email, { role: 'Member', status: 'Active' });
      expectNoBrowserErrors(page);
    });

    test('the last Owner is offered no step down and no leaving: Solo’s Owner selects themself → Bulk actions offers no role → Delete says they can’t be deleted as the only Owner, its button disabled; role unchanged', async () => {
      const { solo } = fixtures().organizations;
      const { solo: owner } = fixtures().users;
      const { page } = await chromium.open();
      await signIn(page, owner.email);
      await openUsers(page, solo.slug);
      await expectRow(page, owner.email, { role: 'Owner', status: 'Active' });

      // The console offers no role to step down to (rules-before-confirm.e2e.ts covers the row menu).
      await selectRows(page, [owner.email]);
      await bulkButton(page, 1).click();
      await expect
        .poll(() => page.getByRole('menuitem', { name: 'Change role' }).getAttribute('aria-disabled'))
        .toBe('true');
      // Bulk Delete is offered for any selection; its confirmation says, before anything is sent, that
      // the only Owner can't leave (the server refuses it too: tests/domain/bulk.test.ts).
      await page.getByRole('menuitem', { name: 'Delete' }).click();
      const confirm = page.getByRole('alertdialog', { name: "This user can't be deleted" });
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain(
        'You (you are the only Owner: make someone else an Owner first).',
      );
      expect(await confirm.getByRole('button', { name: 'Delete', exact: true }).isDisabled()).toBe(true);
      await recordPage(page, 'users-last-owner-confirm');
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => confirm.count()).toBe(0);
      await reloadReady(page);
      await expectRow(page, owner.email, { role: 'Owner', status: 'Active' });
      await expect.poll(() => page.getByTestId('organization-name').textContent()).toBe(solo.name);
      expectNoBrowserErrors(page);
    });
  });

  test('search and pagination run on the server and the URL carries their state', async () => {
    const { hooli } = fixtures().organizations;
    const staff = fixtures().hooliStaff;
    const { page } = await chromium.open();
    await signIn(page, fixtures().users.hooliOwner.email);
    await openUsers(page, hooli.slug);
    expect(await usersCount(page)).toBe(31);
    await expect.poll(() => bodyRows(page).count()).toBe(25);

    // Rows per page: 10.
    const pagination = page.getByRole('navigation', { name: 'Pagination' });
    await chooseOption(page, 'Rows per page', '10');
    await page.waitForURL((url) => url.searchParams.get('size') === '10');
    await expect.poll(() => bodyRows(page).count()).toBe(10);
    await expect.poll(() => pagination.textContent()).toContain('Showing 1–10 of 31');
    await expect.poll(() => pagination.textContent()).toContain('Page 1 of 4');
    const firstPage = await shownEmails(page);
    await recordPage(page, 'users-pagination-page-1');

    // The next page.
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('page') === '2' && url.searchParams.get('size') === '10',
    );
    await expect.poll(() => pagination.textContent()).toContain('Showing 11–20 of 31');
    await expect.poll(() => pagination.textContent()).toContain('Page 2 of 4');
    await expect
      .poll(async () => (await shownEmails(page)).filter((email) => firstPage.includes(email)))
      .toEqual([]);
    await expect.poll(() => bodyRows(page).count()).toBe(10);
    await recordPage(page, 'users-pagination-page-2');

    // The search narrows the rows (on the server: staff10 … staff19 are on several pages) and starts
    // again at page 1, keeping the page size.
    await page.getByRole('searchbox', { name: 'Search users' }).fill('staff1');
    await page.waitForURL((url) => url.searchParams.get('q') === 'staff1');
    const url = new URL(page.url());
    expect(url.searchParams.get('page')).toBeNull();
    expect(url.searchParams.get('size')).toBe('10');
    const expected = staff
      .filter((person) => person.email.startsWith('staff1'))
      .map((person) => person.email);
    expect(expected).toHaveLength(10);
    await expect.poll(async () => (await shownEmails(page)).sort()).toEqual([...expected].sort());
    await expect.poll(() => pagination.textContent()).toContain('Showing 1–10 of 10');
    await expect.poll(() => usersCount(page)).toBe(10);
    await recordPage(page, 'users-search');

    // A search by name, one match.
    await page.getByRole('searchbox', { name: 'Search users' }).fill('Staff Member 07');
    await page.waitForURL((url) => url.searchParams.get('q') === 'Staff Member 07');
    await expect.poll(() => shownEmails(page)).toEqual(['staff07@hooli.test']);

    // The URL alone brings the same view back (a reload, a shared link).
    await gotoReady(page, `/admin/${hooli.slug}/users?q=staff2&size=10&page=1`);
    await expect
      .poll(() => page.getByRole('searchbox', { name: 'Search users' }).inputValue())
      .toBe('staff2');
    await expect.poll(() => page.getByRole('combobox', { name: 'Rows per page' }).textContent()).toBe('10');
    await expect
      .poll(async () => (await shownEmails(page)).sort())
      .toEqual(
        staff
          .filter((person) => person.email.startsWith('staff2'))
          .map((person) => person.email)
          .sort(),
      );

    // A filter narrows too: the one Owner.
    await gotoReady(page, `/admin/${hooli.slug}/users`);
    await chooseOption(page, 'Filter by role', 'Owner');
    await page.waitForURL((url) => url.searchParams.get('role') === 'owner');
    await expect.poll(() => shownEmails(page)).toEqual([fixtures().users.hooliOwner.email]);
    await recordPage(page, 'users-filter-owner');
    expectNoBrowserErrors(page);
  });

  describe('the keyboard', () => {
    test('the address chip input: comma and space make chips, an invalid one is marked, Backspace removes, a repeat collapses, and only-invalid keeps Send Invitation disabled', async () => {
      const { umbrella } = fixtures().organizations;
      const { page } = await chromium.open();
      await signIn(page, fixtures().users.umbrellaOwner.email);
      await openUsers(page, umbrella.slug);

      const { dialog, input, send } = await openInviteModal(page);
      await expect.poll(() => input.evaluate((element) => element === document.activeElement)).toBe(true);
      const chips = () =>
        dialog
          .getByRole('button', { name: /^Remove / })
          .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')!.slice(7)));
      const invalidChips = () => dialog.locator('li[aria-invalid="true"]').allInnerTexts();
      expect(await send.isDisabled()).toBe(true);

      await input.pressSequentially('ann@chips.test,');
      await input.pressSequentially('bob@chips.test ');
      await input.pressSequentially('not-an-address,');
      await expect.poll(chips).toEqual(['ann@chips.test', 'bob@chips.test', 'not-an-address']);
      await expect.poll(invalidChips).toEqual([expect.stringContaining('not-an-address')]);
      await expect
        .poll(() => dialog.getByText('2 to invite · 1 invalid (marked in red, not sent)').isVisible())
        .toBe(true);
      expect(await input.inputValue()).toBe('');
      expect(await send.isDisabled()).toBe(false);
      await recordPage(page, 'invite-chips');

      // A repeat (in any case) collapses into the chip already there.
      await input.pressSequentially('ANN@chips.test,');
      await expect.poll(chips).toEqual(['ann@chips.test', 'bob@chips.test', 'not-an-address']);

      // Backspace in the empty input removes the last chip; the × removes a chosen one.
      await input.press('Backspace');
      await expect.poll(chips).toEqual(['ann@chips.test', 'bob@chips.test']);
      await dialog.getByRole('button', { name: 'Remove ann@chips.test', exact: true }).click();
      await expect.poll(chips).toEqual(['bob@chips.test']);
      await expect.poll(() => input.evaluate((element) => element === document.activeElement)).toBe(true);
      await input.press('Backspace');
      await expect.poll(chips).toEqual([]);
      expect(await send.isDisabled()).toBe(true);

      // Only invalid addresses: nothing to send.
      await input.pressSequentially('nobody@ ');
      await input.pressSequentially('still wrong,');
      await expect.poll(chips).toEqual(['nobody@', 'still', 'wrong']);
      await expect.poll(() => invalidChips().then((list) => list.length)).toBe(3);
      await expect.poll(() => send.isDisabled()).toBe(true);
      await expect
        .poll(() => dialog.getByText('0 to invite · 3 invalid (marked in red, not sent)').isVisible())
        .toBe(true);
      await recordPage(page, 'invite-chips-only-invalid');

      // Escape closes the modal without sending anything.
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
      expectNoBrowserErrors(page);
    });

    test('closing the delete dialog with Escape returns the focus to the row’s More options button', async () => {
      const { umbrella } = fixtures().organizations;
      const { steady } = fixtures().umbrella;
      const { page } = await chromium.open();
      await signIn(page, fixtures().users.umbrellaOwner.email);
      await openUsers(page, umbrella.slug);

      // From the keyboard: focus the row's More options, open it with Enter, go to Delete, Enter.
      const trigger = userRow(page, steady.email).getByRole('button', { name: 'More options' });
      await trigger.focus();
      await page.keyboard.press('Enter');
      const menu = page.getByRole('menu').filter({ hasText: steady.email });
      await menu.waitFor();
      await menu.getByRole('menuitem', { name: 'Delete' }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('alertdialog', { name: 'Delete this user?' });
      await dialog.waitFor();
      // The safe choice has the focus first.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
        .toBe('Cancel');

      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
      await expect
        .poll(() =>
          page.evaluate(() => {
            const active = document.activeElement;
            return {
              label: active?.getAttribute('aria-label'),
              row: active?.closest('tr')?.getAttribute('data-row-email'),
            };
          }),
        )
        .toEqual({ label: 'More options', row: steady.email });
      await expectRow(page, steady.email, { role: 'Member', status: 'Active' });
      expectNoBrowserErrors(page);
    });
  });

  test('usable at 390 px wide: a row’s More options menu opens and fits the screen', async () => {
    const { umbrella } = fixtures().organizations;
    const { steady } = fixtures().umbrella;
    const { page } = await chromium.open({ viewport: { width: 390, height: 844 } });
    await signIn(page, fixtures().users.umbrellaOwner.email);
    await openUsers(page, umbrella.slug);
    await recordPage(page, 'users-mobile-390');

    // Nothing sticks out sideways: the page does not scroll horizontally, and each row's More options
    // button is on the screen as it opens, without scrolling the table sideways to find it.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const triggers = await page
      .getByRole('button', { name: 'More options' })
      .evaluateAll((buttons) =>
        buttons
          .map((button) => button.getBoundingClientRect())
          .map((r) => ({ left: r.left, right: r.right })),
      );
    expect(triggers.length).toBeGreaterThan(0);
    for (const box of triggers) {
      expect(box.left, 'a More options button starts on the screen').toBeGreaterThanOrEqual(0);
      expect(box.right, 'a More options button ends on the screen').toBeLessThanOrEqual(390);
    }

    const menu = await openRowMenu(page, steady.email);
    // The user's name stays readable next to the menu (nothing was scrolled sideways to reach it).
    expect(await page.locator('table').evaluate((table) => table.parentElement!.scrollLeft)).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollLeft)).toBe(0);
    const menuBox = await menu.boundingBox();
    expect(menuBox!.x).toBeGreaterThanOrEqual(0);
    expect(menuBox!.x + menuBox!.width).toBeLessThanOrEqual(390);
    await menu.getByRole('menuitem', { name: 'Change role' }).click();
    await page.getByRole('menuitemradio', { name: 'Admin', exact: true }).waitFor();
    await recordPage(page, 'users-mobile-390-row-menu');
    await page.keyboard.press('Escape');
    expectNoBrowserErrors(page);
  });
});
