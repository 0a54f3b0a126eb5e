// Suspending and reactivating (docs/rules.md rule 8a) and seats (rule 8b) in the browser. Stasis
// (tests/e2e/fixtures/seed.ts) is this file's organization: Sol its Owner, Sam its Admin, Sue and Sid its
// Members; the tests run in order and each leaves everyone active.
import { describe, expect, test } from 'vitest';
import { expectNoBrowserErrors, failedToLoad, signIn, useBrowser } from './support/browser';
import {
  chooseOption,
  expectRow,
  expectToast,
  inviteThroughModal,
  openRowMenu,
  openUsers,
  recordPage,
  userRow,
} from './support/console';
import { fixtures } from './support/fixtures';
import { gotoReady, reloadReady } from './support/ready';

describe('suspension', () => {
  const chromium = useBrowser();

  test('the Owner suspends the Admin from More options: confirmation, toast, Suspended in the list; the Admin is out of the console on their next request and the home page says so; Reactivate gives it back', async () => {
    const { organization, owner, admin } = fixtures().suspension;
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    const { page: adminPage } = await chromium.open({ clientAddress: '10.8.3.2' });
    await signIn(adminPage, admin.email);
    await openUsers(adminPage, organization.slug);

    await openUsers(page, organization.slug);
    const menu = await openRowMenu(page, admin.email);
    await menu.getByRole('menuitem', { name: 'Suspend' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Suspend ${admin.email}?` });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toContain('They keep their role but lose access to Stasis');
    await recordPage(page, 'suspension-confirm');
    await dialog.getByRole('button', { name: 'Suspend', exact: true }).click();
    await expectToast(page, `Suspended ${admin.email}`);
    await expectRow(page, admin.email, { role: 'Admin', status: 'Suspended' });
    await recordPage(page, 'suspension-suspended');

    // The Admin's next request: the console refuses, the home page shows the organization as suspended.
    const response = await reloadReady(adminPage);
    expect(response?.status()).toBe(403);
    await gotoReady(adminPage, '/');
    const entry = adminPage.getByRole('list', { name: 'Your organizations' }).getByRole('listitem');
    await expect.poll(() => entry.textContent()).toContain('Suspended');
    await expect.poll(() => entry.textContent()).toContain('Your access is suspended.');
    expect(await entry.getByRole('link', { name: /Open the admin console/ }).count()).toBe(0);
    await recordPage(adminPage, 'suspension-home');

    // The status filter finds it; Reactivate from its menu gives the access back.
    await openUsers(page, organization.slug, 'status=suspended');
    await expect.poll(() => userRow(page, admin.email).count()).toBe(1);
    const again = await openRowMenu(page, admin.email);
    await again.getByRole('menuitem', { name: 'Reactivate' }).click();
    const back = page.getByRole('alertdialog', { name: `Reactivate ${admin.email}?` });
    await back.getByRole('button', { name: 'Reactivate', exact: true }).click();
    await expectToast(page, `Reactivated ${admin.email}`);
    expectNoBrowserErrors(page);

    const reopened = await gotoReady(adminPage, `/admin/${organization.slug}/users`);
    expect(reopened?.status()).toBe(200);
    expectNoBrowserErrors(adminPage, { allow: [failedToLoad(403)] });
  });

  test('checkboxes + Bulk actions → Suspend suspends both Members after the confirmation modal, toast "Suspended 2 users"; Bulk actions → Reactivate brings them back', async () => {
    const { organization, owner, members } = fixtures().suspension;
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    await openUsers(page, organization.slug, 'role=member');
    for (const member of members)
      await page.getByRole('checkbox', { name: `Select ${member.email}`, exact: true }).check();

    await page.getByRole('button', { name: 'Bulk actions (2)' }).click();
    await page.getByRole('menuitem', { name: 'Suspend' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Suspend 2 users?' });
    await dialog.waitFor();
    await expect
      .poll(() => dialog.getByRole('list', { name: 'Users to suspend' }).textContent())
      .toContain(members[0].email);
    await dialog.getByRole('button', { name: 'Suspend', exact: true }).click();
    await expectToast(page, 'Suspended 2 users');
    for (const member of members) await expectRow(page, member.email, { status: 'Suspended' });

    for (const member of members)
      await page.getByRole('checkbox', { name: `Select ${member.email}`, exact: true }).check();
    await page.getByRole('button', { name: 'Bulk actions (2)' }).click();
    await page.getByRole('menuitem', { name: 'Reactivate' }).click();
    const back = page.getByRole('alertdialog', { name: 'Reactivate 2 users?' });
    await back.getByRole('button', { name: 'Reactivate', exact: true }).click();
    await expectToast(page, 'Reactivated 2 users');
    for (const member of members) await expectRow(page, member.email, { status: 'Active' });

    // The activity log names each change.
    await gotoReady(page, `/admin/${organization.slug}/activity`);
    await expect
      .poll(() => page.getByRole('main').textContent())
      .toContain(`suspended ${members[0].email} (Member)`);
    await expect
      .poll(() => page.getByRole('main').textContent())
      .toContain(`reactivated ${members[1].email} (Member)`);
    expectNoBrowserErrors(page);
  });

  test('seats: the header says "4 members"; the Owner sets a limit of 4 in Settings, the header says "4 of 4 seats", and an invitation past it ends on "No seat" in the confirmation; emptying the limit removes it', async () => {
    const { organization, owner } = fixtures().suspension;
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    await openUsers(page, organization.slug);
    await expect.poll(() => page.getByTestId('seats').textContent()).toBe('4 members');

    await gotoReady(page, `/admin/${organization.slug}/settings`);
    const field = page.getByLabel('Seat limit');
    const save = field.locator('xpath=ancestor::form').getByRole('button', { name: 'Save' });
    await field.fill('4');
    await save.click();
    await expectToast(page, 'Set the seat limit to 4 seats');
    await recordPage(page, 'seats-settings');

    await openUsers(page, organization.slug);
    await expect.poll(() => page.getByTestId('seats').textContent()).toBe('4 of 4 seats');
    const { outcomes } = await inviteThroughModal(page, ['one-more@stasis.test'], 'Member');
    expect(outcomes).toEqual({ 'one-more@stasis.test': 'No seat' });
    await recordPage(page, 'seats-no-seat');
    await page.keyboard.press('Escape');

    await gotoReady(page, `/admin/${organization.slug}/settings`);
    await field.fill('');
    await save.click();
    await expectToast(page, 'Removed the seat limit');
    await openUsers(page, organization.slug);
    await expect.poll(() => page.getByTestId('seats').textContent()).toBe('4 members');
    expectNoBrowserErrors(page);
  });

  test('Last active: the Owner’s row shows when they last used the console, a Member who never came back reads Never; "Inactive 30+ days" is a filter kept in the URL', async () => {
    const { organization, owner, members } = fixtures().suspension;
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    await openUsers(page, organization.slug);
    // The first view records the visit after its answer; the next one shows it.
    await expect
      .poll(
        async () => {
          await reloadReady(page);
          return userRow(page, owner.email).locator('td').nth(5).textContent();
        },
        { timeout: 15_000 },
      )
      .not.toBe('Never');
    expect(await userRow(page, members[0].email).locator('td').nth(5).textContent()).toBe('Never');
    await recordPage(page, 'last-active-column');

    await chooseOption(page, 'Filter by activity', 'Inactive 30+ days');
    await page.waitForURL((url) => url.searchParams.get('inactive') === '30');
    // Everyone here joined today: nobody has been inactive for 30 days.
    await page.getByText('No users match these filters').waitFor();
    expectNoBrowserErrors(page);
  });
});
