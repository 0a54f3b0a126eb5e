// Provisioning over SCIM (docs/rules.md rule 13) in the browser, the way an admin connects an identity
// provider: turn it on, generate a token (shown once), let the "identity provider" (this test, over
// HTTP) create someone, see them in the list with the Directory badge, delete the token, and the next
// SCIM call is refused. Conduit (tests/e2e/fixtures/seed.ts) is this file's organization.
import { describe, expect, test } from 'vitest';
import { expectNoBrowserErrors, signIn, useBrowser } from './support/browser';
import { expectToast, openRowMenu, openUsers, recordPage, userRow } from './support/console';
import { fixtures } from './support/fixtures';
import { gotoReady } from './support/ready';

describe('provisioning', () => {
  const chromium = useBrowser();

  test('enable provisioning, generate a token (shown once), provision a user with it, see the Directory badge, delete the token: the next SCIM call is 401', async () => {
    const { organization, owner } = fixtures().conduit;
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    await gotoReady(page, `/admin/${organization.slug}/users`);
    await page
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Provisioning' })
      .click();
    await page.getByRole('heading', { name: 'Provisioning', level: 1 }).waitFor();
    const baseUrl = await page.getByRole('textbox', { name: 'SCIM base URL' }).inputValue();
    expect(baseUrl).toMatch(/\/api\/scim\/v2$/);

    await page.getByRole('switch', { name: 'Enable provisioning' }).click();
    await expectToast(page, 'Provisioning is on');
    await page.getByRole('button', { name: 'Generate token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate token' });
    await dialog.getByLabel('Name').fill('Okta production');
    await recordPage(page, 'provisioning-generate');
    await dialog.getByRole('button', { name: 'Generate' }).click();
    const shown = page.getByRole('dialog', { name: 'Copy your token now' });
    await shown.waitFor();
    await expect.poll(() => shown.textContent()).toContain('It will not be shown again');
    const tokenField = shown.getByRole('textbox', { name: 'Token' });
    await expect
      .poll(() => tokenField.evaluate((field) => field === document.activeElement), {
        message: 'the token field has focus, its text selected for copying',
      })
      .toBe(true);
    const token = await tokenField.inputValue();
    expect(token).toMatch(/^aihub_scim_[A-Za-z0-9_-]{43}$/);
    await recordPage(page, 'provisioning-token-shown');
    await shown.getByRole('button', { name: 'Done' }).press('Enter');
    const generate = page.getByRole('button', { name: 'Generate token' });
    await expect
      .poll(() => generate.evaluate((button) => button === document.activeElement), {
        message: 'focus is back on Generate token',
      })
      .toBe(true);
    const tokens = page.getByRole('list', { name: 'Provisioning tokens' });
    await expect.poll(() => tokens.textContent()).toContain('Okta production');
    expect(await page.locator('body').textContent()).not.toContain(token);
    await recordPage(page, 'provisioning');
    await page.setViewportSize({ width: 390, height: 844 });
    await recordPage(page, 'provisioning-390');
    await page.setViewportSize({ width: 1280, height: 720 });

    // The identity provider creates someone.
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' };
    const created = await page.request.post(`${baseUrl}/Users`, {
      headers,
      data: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'dana@conduit.test',
        name: { givenName: 'Dana', familyName: 'Directory' },
        emails: [{ value: 'dana@conduit.test', primary: true, type: 'work' }],
        active: true,
      }),
    });
    expect(created.status()).toBe(201);
    expect(created.headers()['content-type']).toBe('application/scim+json');

    await openUsers(page, organization.slug);
    await expect.poll(() => userRow(page, 'dana@conduit.test').count()).toBe(1);
    await expect.poll(() => userRow(page, 'dana@conduit.test').textContent()).toContain('Directory');
    const menu = await openRowMenu(page, 'dana@conduit.test');
    await expect.poll(() => menu.textContent()).toContain('Managed by your identity provider');
    expect(await menu.getByRole('menuitem', { name: 'Detach from directory' }).count()).toBe(1);
    await recordPage(page, 'provisioning-directory-member');
    await page.keyboard.press('Escape');

    await gotoReady(page, `/admin/${organization.slug}/provisioning`);
    await page.getByRole('button', { name: 'Delete token Okta production' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete the token “Okta production”?' });
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expectToast(page, 'Deleted the token “Okta production”');
    const refused = await page.request.get(`${baseUrl}/Users`, { headers });
    expect(refused.status()).toBe(401);
    expect(refused.headers()['www-authenticate']).toMatch(/^Bearer/);

    await gotoReady(page, `/admin/${organization.slug}/activity`);
    const activity = page.getByRole('main');
    await expect
      .poll(() => activity.textContent())
      .toContain('added dana@conduit.test from the directory as Member');
    expect(await activity.textContent()).toContain('Directory (Okta production)');
    expectNoBrowserErrors(page);
  });
});
