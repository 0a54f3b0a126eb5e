// The console asks before it matters (issue 14 items 1 and 3). A single role change that grants or
// takes away Owner or Admin asks first, naming the person, the new role and what it allows. A bulk change
// on a mixed selection says before confirming which rows it can't change and why, and goes on with the
// rest only. Keystone and Mosaic (tests/e2e/fixtures/asks-first.ts) are this file's organizations.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { roleDescriptions } from '@/lib/shared/roles';
import { expectNoBrowserErrors, signIn, useBrowser } from './support/browser';
import { expectFocused, headerCheckbox, openBulkDelete, openBulkRoleChange } from './support/bulk';
import {
  bulkButton,
  dismissToasts,
  expectNoRow,
  expectRow,
  expectToast,
  openRowMenu,
  openUsers,
  selectRows,
  toasts,
  userRow,
} from './support/console';
import { fixtures } from './support/fixtures';
import { recordBothWidths } from './support/asks-first';

/** Bulk actions (count) → Suspend or Reactivate; returns the confirmation. */
async function openBulkStatus(page: Page, count: number, verb: 'Suspend' | 'Reactivate') {
  await bulkButton(page, count).click();
  await page.getByRole('menuitem', { name: verb, exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  return dialog;
}

describe('role changes that matter ask first', () => {
  const chromium = useBrowser();

  test('More options → Change role → Owner asks first, naming the person, Owner and what Owners can do; Cancel changes nothing; by keyboard alone, Enter on the confirm button promotes', async () => {
    const { organization, owner, promote } = fixtures().asksFirst.keystone;
    const { page } = await chromium.open({ clientAddress: '10.8.14.3' });
    await signIn(page, owner.email);
    await openUsers(page, organization.slug);

    const menu = await openRowMenu(page, promote.email);
    await menu.getByRole('menuitem', { name: 'Change role' }).click();
    await page.getByRole('menuitemradio', { name: 'Owner', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: `Make ${promote.name} an Owner?` });
    await dialog.waitFor();
    const text = await dialog.textContent();
    expect(text).toContain(promote.email);
    expect(text).toContain(`Owners can ${roleDescriptions.owner}.`);
    expect(text).toContain('Now a Member.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expectRow(page, promote.email, { role: 'Member' });
    expect(await toasts(page, 'Changed the role').count()).toBe(0);

    // The keyboard: More options, Enter; Change role, ArrowRight; Owner, Enter; the dialog starts on
    // Cancel, Tab to `Make Owner`, Enter.
    const trigger = userRow(page, promote.email).getByRole('button', { name: 'More options' });
    await trigger.focus();
    await page.keyboard.press('Enter');
    const changeRole = page.getByRole('menuitem', { name: 'Change role' });
    await expectFocused(changeRole, 'Change role');
    await page.keyboard.press('ArrowRight');
    await expectFocused(page.getByRole('menuitemradio', { name: 'Owner', exact: true }), 'Owner');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await expectFocused(dialog.getByRole('button', { name: 'Cancel' }), 'Cancel');
    await page.keyboard.press('Tab');
    await expectFocused(dialog.getByRole('button', { name: 'Make Owner' }), 'Make Owner');
    await page.keyboard.press('Enter');
    await expectToast(page, `Changed the role of ${promote.email} to Owner`);
    await expectRow(page, promote.email, { role: 'Owner' });
    await expectFocused(trigger, 'the row’s More options');
    await dismissToasts(page);

    // Taking Owner away asks too, and says what they lose.
    const again = await openRowMenu(page, promote.email);
    await again.getByRole('menuitem', { name: 'Change role' }).click();
    await page.getByRole('menuitemradio', { name: 'Member', exact: true }).click();
    const down = page.getByRole('alertdialog', { name: `Make ${promote.name} a Member?` });
    await down.waitFor();
    expect(await down.textContent()).toContain(
      `They will no longer be an Owner: Owners can ${roleDescriptions.owner}.`,
    );
    expect(await down.textContent()).toContain(`Members can ${roleDescriptions.member}.`);
    await down.getByRole('button', { name: 'Make Member' }).click();
    await expectToast(page, `Changed the role of ${promote.email} to Member`);
    await expectRow(page, promote.email, { role: 'Member' });
    expectNoBrowserErrors(page);
  });

  test('an Admin’s row → Member asks first; the confirmation of an 80-character address fits at 1280 and 390 px', async () => {
    const { organization, owner, admin, long } = fixtures().asksFirst.keystone;
    const { page } = await chromium.open({ clientAddress: '10.8.14.4' });
    await signIn(page, owner.email);
    await openUsers(page, organization.slug);

    const menu = await openRowMenu(page, admin.email);
    await menu.getByRole('menuitem', { name: 'Change role' }).click();
    await page.getByRole('menuitemradio', { name: 'Member', exact: true }).click();
    const down = page.getByRole('alertdialog', { name: `Make ${admin.name} a Member?` });
    await down.waitFor();
    expect(await down.textContent()).toContain(
      `They will no longer be an Admin: Admins can ${roleDescriptions.admin}.`,
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => down.count()).toBe(0);
    await expectRow(page, admin.email, { role: 'Admin' });

    expect(long.email).toHaveLength(80);
    const longMenu = await openRowMenu(page, long.email);
    await longMenu.getByRole('menuitem', { name: 'Change role' }).click();
    await page.getByRole('menuitemradio', { name: 'Admin', exact: true }).click();
    const up = page.getByRole('alertdialog', { name: `Make ${long.email} an Admin?` });
    await up.waitFor();
    expect(await up.textContent()).toContain(`Admins can ${roleDescriptions.admin}.`);
    await recordBothWidths(page, 'asks-first-role-long-address');
    await up.getByRole('button', { name: 'Cancel' }).click();
    await expectRow(page, long.email, { role: 'Member' });
    expectNoBrowserErrors(page);
  });
});

describe('bulk changes on a mixed selection', () => {
  const chromium = useBrowser();

  test('the whole page → Suspend: the confirmation says "3 of 26 can’t be suspended: you …, 2 pending invitations …" and `Suspend 23 users` suspends only those; Reactivate the same way', async () => {
    const { organization, owner, admin, members, invitations } = fixtures().asksFirst.mosaic;
    const { page } = await chromium.open({ clientAddress: '10.8.14.5' });
    await signIn(page, owner.email);
    await openUsers(page, organization.slug, 'size=50');
    await headerCheckbox(page).click();
    await page.getByText('26 selected', { exact: true }).waitFor();

    const dialog = await openBulkStatus(page, 26, 'Suspend');
    await expect.poll(() => page.getByRole('alertdialog', { name: 'Suspend 23 users?' }).count()).toBe(1);
    expect(await dialog.textContent()).toContain(
      "3 of 26 can't be suspended: you (you can't suspend yourself), 2 pending invitations (not members yet).",
    );
    const list = await dialog.getByRole('list', { name: 'Users to suspend' }).textContent();
    // The newest first, as the table lists them.
    expect(list).toContain(members[21].email);
    expect(list).not.toContain(owner.email);
    await recordBothWidths(page, 'asks-first-bulk-suspend-mixed');
    await dialog.getByRole('button', { name: 'Suspend 23 users', exact: true }).click();
    await expectToast(page, 'Suspended 23 users');
    await expectRow(page, admin.email, { status: 'Suspended' });
    await expectRow(page, members[0].email, { status: 'Suspended' });
    await expectRow(page, members[21].email, { status: 'Suspended' });
    await expectRow(page, owner.email, { status: 'Active' });
    await expectRow(page, invitations[0], { status: 'Pending' });
    await dismissToasts(page);

    // Reactivate by keyboard: the header checkbox, Space; the bulk button, Enter; Reactivate.
    await headerCheckbox(page).focus();
    await page.keyboard.press('Space');
    await page.getByText('26 selected', { exact: true }).waitFor();
    await bulkButton(page, 26).focus();
    await page.keyboard.press('Enter');
    await expectFocused(page.getByRole('menuitem', { name: 'Change role' }), 'Change role');
    // ArrowDown to Reactivate (Change role, Suspend, Reactivate), one press at a time as the menu moves.
    const reactivate = page.getByRole('menuitem', { name: 'Reactivate', exact: true });
    const focused = () => reactivate.evaluate((element) => element === document.activeElement);
    for (let press = 0; press < 3 && !(await focused()); press += 1) {
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(150);
    }
    await expectFocused(reactivate, 'Reactivate');
    await page.keyboard.press('Enter');
    const back = page.getByRole('alertdialog', { name: 'Reactivate 23 users?' });
    await back.waitFor();
    expect(await back.textContent()).toContain(
      "3 of 26 can't be reactivated: you (you can't reactivate yourself), 2 pending invitations (not members yet).",
    );
    await page.keyboard.press('Tab');
    await expectFocused(back.getByRole('button', { name: 'Reactivate 23 users' }), 'Reactivate 23 users');
    await page.keyboard.press('Enter');
    await expectToast(page, 'Reactivated 23 users');
    await expectRow(page, admin.email, { status: 'Active' });
    await expectRow(page, members[21].email, { status: 'Active' });
    expectNoBrowserErrors(page);
  });

  test('an Admin selects the Owner and two Members: Change role and Delete name the Owner as left out and why; `Delete 2 users` removes the two, the Owner stays', async () => {
    const { organization, owner, admin, members } = fixtures().asksFirst.mosaic;
    const [, , , , , , , , , , , , , , , , , , , , first, second] = members;
    const { page } = await chromium.open({ clientAddress: '10.8.14.6' });
    await signIn(page, admin.email);
    await openUsers(page, organization.slug, 'size=50');
    await selectRows(page, [owner.email, first.email, second.email]);

    const reason = `1 of 3 can't be given Admin: ${owner.email} (only an Owner can change, suspend or remove an Owner).`;
    const roleDialog = await openBulkRoleChange(page, 3, 'Admin');
    await expect.poll(() => roleDialog.textContent()).toContain(reason);
    await roleDialog.getByRole('button', { name: 'Make 2 users Admin', exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => roleDialog.count()).toBe(0);
    await expectFocused(bulkButton(page, 3), 'the Bulk actions (3) button');

    const deleteDialog = await openBulkDelete(page, 3);
    await expect
      .poll(() => deleteDialog.textContent())
      .toContain(
        `1 of 3 can't be deleted: ${owner.email} (only an Owner can change, suspend or remove an Owner).`,
      );
    expect(await page.getByRole('alertdialog', { name: 'Delete 2 users?' }).count()).toBe(1);
    await deleteDialog.getByRole('button', { name: 'Delete 2 users', exact: true }).click();
    await expectToast(page, 'Removed 2 users');
    await expectNoRow(page, first.email);
    await expectNoRow(page, second.email);
    await expectRow(page, owner.email, { role: 'Owner', status: 'Active' });
    expectNoBrowserErrors(page);
  });

  test('a selection nothing can be done to: yourself and the 2 invitations → Suspend says none of the 3 can be suspended and why, its button stays disabled', async () => {
    const { organization, owner, invitations } = fixtures().asksFirst.mosaic;
    const { page } = await chromium.open({
      viewport: { width: 390, height: 844 },
      clientAddress: '10.8.14.7',
    });
    await signIn(page, owner.email);
    await openUsers(page, organization.slug, 'size=50');
    await selectRows(page, [owner.email, ...invitations]);

    const dialog = await openBulkStatus(page, 3, 'Suspend');
    await expect
      .poll(() =>
        page.getByRole('alertdialog', { name: 'None of the 3 selected users can be suspended' }).count(),
      )
      .toBe(1);
    expect(await dialog.textContent()).toContain(
      "You (you can't suspend yourself), 2 pending invitations (not members yet).",
    );
    expect(await dialog.getByRole('button', { name: 'Suspend', exact: true }).isDisabled()).toBe(true);
    await recordBothWidths(page, 'asks-first-bulk-suspend-none');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expectRow(page, owner.email, { status: 'Active' });
    expectNoBrowserErrors(page);
  });
});
