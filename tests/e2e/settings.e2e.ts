// Organization settings: transferring ownership. Handover (tests/e2e/fixtures/seed.ts) is this file's
// organization: Hana is its Owner, Hal its Admin.
import { describe, expect, test } from 'vitest';
import { expectNoBrowserErrors, signIn, useBrowser } from './support/browser';
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
});
