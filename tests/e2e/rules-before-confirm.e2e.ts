// Rules before confirmation (issue 8, item 4): what the policy would refuse is not offered, and says
// why where the option would be; Transfer ownership picks from a member search; the self-removal dialog
// speaks to the person; a Member leaves from the home page; the home page holds at 390 px.
//
// Fixtures (tests/e2e/fixtures/seed.ts, `rules`): Rulebook (Rhea its only Owner, Ray Admin, Lee Member),
// an 80-character-named organization (Rhea alone Owner, Lee Member) and Relay (Rex hands it to Tara).
// Only Lee leaving Rulebook and Rex's transfer change anything; no other suite reads these.
import { describe, expect, test } from 'vitest';
import { ownerRowReason, soleOwnerReason } from '@/lib/shared/offers';
import { expectNoBrowserErrors, screenshot, signIn, useBrowser } from './support/browser';
import { expectRow, expectToast, openRowMenu, openUsers, recordPage, userRow } from './support/console';
import { fixtures } from './support/fixtures';
import { gotoReady } from './support/ready';
import {
  boxOf,
  elementsPastTheEdge,
  focusedLabel,
  opacityOf,
  overlaps,
  sidewaysOverflow,
} from './support/rules';

const PHONE = { width: 390, height: 844 };

describe('rules before confirmation', () => {
  const chromium = useBrowser();

  test('the only Owner’s own row offers no step down and no Delete, and says why; Leave is held back with the reason on the home page and in settings', async () => {
    const { owner, rulebook } = fixtures().rules;
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    await openUsers(page, rulebook.slug);

    const menu = await openRowMenu(page, owner.email);
    const changeRole = menu.getByRole('menuitem', { name: 'Change role' });
    const remove = menu.getByRole('menuitem', { name: 'Delete' });
    await expect.poll(() => changeRole.getAttribute('aria-disabled')).toBe('true');
    await expect.poll(() => remove.getAttribute('aria-disabled')).toBe('true');
    await expect.poll(() => menu.textContent()).toContain(soleOwnerReason);
    expect(await opacityOf(changeRole)).toBeLessThan(1);
    // Hovering the held-back `Change role` opens nothing: no submenu with Admin or Member.
    await changeRole.hover({ force: true });
    expect(await page.getByRole('menuitemradio').count()).toBe(0);
    await recordPage(page, 'rules-sole-owner-own-menu');
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);

    // The home page: Leave organization is disabled for both organizations Rhea owns alone, with why.
    await gotoReady(page, '/');
    const leave = page.getByRole('button', { name: `Leave organization ${rulebook.name}` });
    await expect.poll(() => leave.isDisabled()).toBe(true);
    const reasonId = await leave.getAttribute('aria-describedby');
    expect(reasonId).toBeTruthy();
    expect(await page.locator(`[id="${reasonId}"]`).textContent()).toBe(soleOwnerReason);
    await recordPage(page, 'rules-sole-owner-home');

    // Settings: the same.
    await gotoReady(page, `/admin/${rulebook.slug}/settings`);
    const settingsLeave = page.getByRole('button', { name: `Leave organization ${rulebook.name}` });
    await expect.poll(() => settingsLeave.isDisabled()).toBe(true);
    await expect.poll(() => page.getByRole('main').textContent()).toContain(soleOwnerReason);
    await recordPage(page, 'rules-sole-owner-settings');
    expectNoBrowserErrors(page);
  });

  test('an Admin on an Owner’s row sees Change role and Delete disabled, visibly dimmed, with the reason', async () => {
    const { owner, admin, rulebook } = fixtures().rules;
    const { page } = await chromium.open();
    await signIn(page, admin.email);
    await openUsers(page, rulebook.slug);

    const menu = await openRowMenu(page, owner.email);
    const changeRole = menu.getByRole('menuitem', { name: 'Change role' });
    const remove = menu.getByRole('menuitem', { name: 'Delete' });
    await expect.poll(() => changeRole.getAttribute('aria-disabled')).toBe('true');
    await expect.poll(() => remove.getAttribute('aria-disabled')).toBe('true');
    expect(await opacityOf(changeRole), 'Change role is dimmed').toBeLessThan(1);
    expect(await opacityOf(remove), 'Delete is dimmed').toBeLessThan(1);
    const reason = menu.getByText(ownerRowReason, { exact: true });
    await reason.waitFor();
    // The held-back items point at the reason, so a screen reader hears it with them.
    const reasonId = await reason.getAttribute('id');
    expect(await changeRole.getAttribute('aria-describedby')).toBe(reasonId);
    expect(await remove.getAttribute('aria-describedby')).toBe(reasonId);
    await recordPage(page, 'rules-admin-owner-menu');
    await page.keyboard.press('Escape');
    expectNoBrowserErrors(page);
  });

  test('removing only yourself is leaving: the dialog says “You will lose access to …”, its button is Leave, and Cancel returns focus to the menu button', async () => {
    const { admin, rulebook } = fixtures().rules;
    const { page } = await chromium.open();
    await signIn(page, admin.email);
    await openUsers(page, rulebook.slug);

    const menu = await openRowMenu(page, admin.email);
    await menu.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Leave ${rulebook.name}?` });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toContain(`You will lose access to ${rulebook.name}`);
    expect(await dialog.getByRole('button', { name: 'Leave', exact: true }).count()).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Delete', exact: true }).count()).toBe(0);
    await recordPage(page, 'rules-self-removal-dialog');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focusedLabel(page)).toBe('More options');
    const focusedInRow = await userRow(page, admin.email)
      .getByRole('button', { name: 'More options' })
      .evaluate((element) => element === document.activeElement);
    expect(focusedInRow, 'focus is back on this row’s menu button').toBe(true);
    await expectRow(page, admin.email, { role: 'Admin', status: 'Active' });
    expectNoBrowserErrors(page);
  });

  test('the Owner transfers ownership by keyboard alone, picking the new Owner from the searchable member list', async () => {
    const { relayOwner, relayTarget, relay } = fixtures().rules;
    const { page } = await chromium.open();
    await signIn(page, relayOwner.email);
    await gotoReady(page, `/admin/${relay.slug}/settings`);
    await page.getByRole('heading', { name: 'Transfer ownership' }).waitFor();

    const field = page.getByRole('combobox', { name: 'New Owner' });
    const transfer = page.getByRole('button', { name: 'Transfer ownership' });
    await field.focus();
    await page.keyboard.type('ta');
    const options = page.getByRole('listbox', { name: 'Members' }).getByRole('option');
    // Tamsin and Tara both start with "ta"; the list is the server's, never the owner themself.
    await expect
      .poll(() => options.allTextContents())
      .toEqual([expect.stringContaining('Tamsin Tally'), expect.stringContaining('Tara Target')]);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => options.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await field.getAttribute('aria-activedescendant')).toBe(await options.nth(1).getAttribute('id'));
    await recordPage(page, 'rules-transfer-list');
    await page.keyboard.press('Enter');
    await expect.poll(() => field.inputValue()).toBe(`${relayTarget.name} (${relayTarget.email})`);
    await expect.poll(() => page.getByRole('listbox').count()).toBe(0);
    await expect.poll(() => transfer.isDisabled()).toBe(false);

    // To the button, open the confirmation, back out with Escape: focus returns to the button.
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedLabel(page)).toBe('Transfer ownership');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: `Transfer ownership of ${relay.name}?` });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toContain(`${relayTarget.email}) becomes an Owner`);
    await recordPage(page, 'rules-transfer-confirm');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focusedLabel(page)).toBe('Transfer ownership');

    // Again, and confirm: Cancel has the focus first, the confirmation is the next stop.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedLabel(page)).toBe('Transfer ownership');
    await page.keyboard.press('Enter');
    await expectToast(page, `${relayTarget.email} is now an Owner of ${relay.name}. You are an Admin.`);
    await expect.poll(() => page.getByRole('heading', { name: 'Transfer ownership' }).count()).toBe(0);
    // The button and its section are gone: the focus is on the page's heading, not lost to the body.
    await expect.poll(() => focusedLabel(page)).toBe('Settings');
    expectNoBrowserErrors(page);
  });

  test('a Member leaves an organization from the home page: a confirmation, then it is gone from the list', async () => {
    const { leaver, rulebook, longNamed } = fixtures().rules;
    const { page } = await chromium.open();
    await signIn(page, leaver.email);
    await gotoReady(page, '/');
    const list = page.getByRole('list', { name: 'Your organizations' });
    await expect.poll(() => list.textContent()).toContain(rulebook.name);

    await page.getByRole('button', { name: `Leave organization ${rulebook.name}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Leave ${rulebook.name}?` });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toContain(`You will lose access to ${rulebook.name}`);
    await recordPage(page, 'rules-home-leave-dialog');
    await dialog.getByRole('button', { name: 'Leave', exact: true }).click();

    await expectToast(page, `You left ${rulebook.name}.`);
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    expect(await list.textContent()).toContain(longNamed.name);
    // The row and its button are gone: the focus is on the page's heading, not lost to the body.
    await expect.poll(() => focusedLabel(page)).toBe('Your organizations');
    await recordPage(page, 'rules-home-after-leave');
    // And the console of Rulebook is no longer Lee's.
    const response = await page.goto(`/admin/${rulebook.slug}/users`);
    expect(response?.status()).toBe(403);
  });

  test('the home page at 390 px with an 80-character organization name: nothing scrolls sideways, the name wraps in full view, and the role badge and slug do not overlap', async () => {
    const { leaver, owner, longNamed } = fixtures().rules;
    for (const person of [leaver, owner]) {
      const { page } = await chromium.open({ viewport: PHONE });
      await signIn(page, person.email);
      await gotoReady(page, '/');
      const item = page.getByRole('listitem').filter({ hasText: longNamed.slug });
      const name = item.locator('[data-slot="organization-name"]');
      const slug = item.locator('[data-slot="organization-slug"]');
      // The role badge, by what it says (its markup is the users table's light one, components/shared).
      const badge = item.getByText(person === owner ? 'Owner' : 'Member', { exact: true });
      await name.waitFor();

      expect(await sidewaysOverflow(page), (await elementsPastTheEdge(page)).join(', ')).toBe(0);
      expect(await elementsPastTheEdge(page)).toEqual([]);
      const [nameBox, slugBox, badgeBox] = [await boxOf(name), await boxOf(slug), await boxOf(badge)];
      expect(overlaps(badgeBox, slugBox), 'badge over slug').toBe(false);
      expect(overlaps(badgeBox, nameBox), 'badge over name').toBe(false);
      expect(overlaps(nameBox, slugBox), 'name over slug').toBe(false);
      // The name takes more than one line rather than collapsing to "Nor…", and keeps its full text.
      expect(nameBox.height).toBeGreaterThan(30);
      expect(nameBox.width).toBeGreaterThan(200);
      expect(await name.getAttribute('title')).toBe(longNamed.name);
      for (const button of await item.getByRole('button').all()) {
        const box = await boxOf(button);
        expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      }
      await recordPage(page, `rules-home-390-${person === owner ? 'owner' : 'member'}`);

      await page.setViewportSize({ width: 1280, height: 800 });
      expect(await sidewaysOverflow(page)).toBe(0);
      expect(overlaps(await boxOf(badge), await boxOf(slug))).toBe(false);
      await screenshot(page, `rules-home-1280-${person === owner ? 'owner' : 'member'}`);
      expectNoBrowserErrors(page);
    }
  });

  test('at 390 px the settings page fits: the member list opens within the screen and the held-back Leave shows its reason', async () => {
    const { owner, rulebook } = fixtures().rules;
    const { page } = await chromium.open({ viewport: PHONE });
    await signIn(page, owner.email);
    await gotoReady(page, `/admin/${rulebook.slug}/settings`);
    const field = page.getByRole('combobox', { name: 'New Owner' });
    await field.focus();
    await page.keyboard.type('r');
    const list = page.getByRole('listbox', { name: 'Members' });
    // Ray, and Lee unless the home page test has already taken Lee out of Rulebook.
    await expect.poll(() => list.getByRole('option').count()).toBeGreaterThan(0);
    const box = await boxOf(list);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(await sidewaysOverflow(page), (await elementsPastTheEdge(page)).join(', ')).toBe(0);
    await recordPage(page, 'rules-settings-390-picker');
    await page.keyboard.press('Escape');
    await expect.poll(() => list.count()).toBe(0);
    await expect.poll(() => page.getByRole('main').textContent()).toContain(soleOwnerReason);
    await screenshot(page, 'rules-settings-390');
    expectNoBrowserErrors(page);
  });
});
