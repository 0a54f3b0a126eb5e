// Organization settings: transferring ownership (the new Owner is emailed), and the switch for emails
// about role changes and removals. Handover (tests/e2e/fixtures/seed.ts) is this file's organization:
// Hana is its Owner, Hal its Admin.
import { describe, expect, test } from 'vitest';
import { expectNoBrowserErrors, signIn, useBrowser, waitForEmail } from './support/browser';
import { expectRow, expectToast, openUsers, recordPage } from './support/console';
import { fixtures } from './support/fixtures';
import { gotoReady } from './support/ready';

describe('settings', () => {
  const chromium = useBrowser();

  test('the Owner transfers ownership to the Admin picked from the member search: after confirming, the Admin is Owner and the old Owner is Admin', async () => {
    const { handover } = fixtures().organizations;
    const { handoverOwner: owner, handoverAdmin: admin } = fixtures().users;
    const { page } = await chromium.open();
    await signIn(page, owner.email);

    const response = await gotoReady(page, `/admin/${handover.slug}/settings`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Transfer ownership' }).waitFor();
    await recordPage(page, 'settings-owner');

    const transfer = page.getByRole('button', { name: 'Transfer ownership' });
    expect(await transfer.isDisabled(), 'nobody picked yet').toBe(true);
    await page.getByLabel('New Owner').fill(admin.email);
    expect(await transfer.isDisabled(), 'a typed address is no pick').toBe(true);
    await page.getByRole('option', { name: new RegExp(admin.email.replace(/[.+]/g, '\\$&')) }).click();
    await expect.poll(() => transfer.isDisabled()).toBe(false);
    await transfer.click();

    const dialog = page.getByRole('alertdialog', { name: `Transfer ownership of ${handover.name}?` });
    await dialog.waitFor();
    await expect
      .poll(() => dialog.textContent())
      .toContain(`${admin.email}) becomes an Owner and you become an Admin`);
    await recordPage(page, 'settings-transfer-confirm');
    await dialog.getByRole('button', { name: 'Transfer ownership' }).click();

    await expectToast(page, `${admin.email} is now an Owner of ${handover.name}. You are an Admin.`);
    const email = await waitForEmail(admin.email, {
      subjectIncludes: `You are now an Owner of ${handover.name}`,
    });
    expect(email.text).toContain(`transferred ownership of ${handover.name} on AI Hub to you`);
    expect(email.text).toContain(owner.email);
    await expect.poll(() => dialog.count()).toBe(0);
    // The page now shows what an Admin sees: no transfer, no Delete organization.
    await expect.poll(() => page.getByRole('heading', { name: 'Transfer ownership' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: /Delete organization/ }).count()).toBe(0);
    await recordPage(page, 'settings-after-transfer');

    await openUsers(page, handover.slug);
    await expectRow(page, admin.email, { role: 'Owner', status: 'Active' });
    await expectRow(page, owner.email, { role: 'Admin', status: 'Active' });
    await recordPage(page, 'settings-transfer-users');

    // The activity log tells it.
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.waitForURL((url) => url.pathname === `/admin/${handover.slug}/activity`);
    await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    await expect
      .poll(() => page.getByRole('main').textContent())
      .toContain(`transferred ownership to ${admin.email}`);
    await recordPage(page, 'settings-activity');
    expectNoBrowserErrors(page);

    // And the new Owner sees the Owner's settings.
    const next = await chromium.open();
    await signIn(next.page, admin.email);
    await gotoReady(next.page, `/admin/${handover.slug}/settings`);
    await next.page.getByRole('heading', { name: 'Transfer ownership' }).waitFor();
    await expect.poll(() => next.page.getByTestId('organization-name').textContent()).toBe(handover.name);
    await recordPage(next.page, 'settings-new-owner');
    expectNoBrowserErrors(next.page);
  });

  test('by keyboard, an Admin turns off the emails about role changes and removals: the switch says so, stays off after a reload, and the activity log records it; then on again', async () => {
    const { handover } = fixtures().organizations;
    // After the transfer above Hana is an Admin; either way she may change settings.
    const { handoverOwner: hana } = fixtures().users;
    const { page } = await chromium.open();
    await signIn(page, hana.email);
    await gotoReady(page, `/admin/${handover.slug}/settings`);
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    const toggle = page.getByRole('switch', {
      name: 'Email people when their role changes or they are removed',
    });
    expect(await toggle.getAttribute('aria-checked'), 'on by default').toBe('true');

    await toggle.focus();
    await page.keyboard.press('Space');
    await expectToast(page, 'People will no longer be emailed when their role changes or they are removed');
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await recordPage(page, 'settings-notifications-off');

    await gotoReady(page, `/admin/${handover.slug}/settings`);
    const again = page.getByRole('switch', {
      name: 'Email people when their role changes or they are removed',
    });
    await again.waitFor();
    expect(await again.getAttribute('aria-checked'), 'kept after a reload').toBe('false');

    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    await expect
      .poll(() => page.getByRole('main').textContent())
      .toContain('turned off emails to people whose role changes or who are removed');

    await gotoReady(page, `/admin/${handover.slug}/settings`);
    const back = page.getByRole('switch', {
      name: 'Email people when their role changes or they are removed',
    });
    await back.focus();
    await page.keyboard.press('Space');
    await expectToast(page, 'People will be emailed when their role changes or they are removed');
    expect(await back.getAttribute('aria-checked')).toBe('true');
    expectNoBrowserErrors(page);
  });
});
