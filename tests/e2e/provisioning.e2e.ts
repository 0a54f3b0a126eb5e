// Provisioning over SCIM (docs/rules.md rule 13) in the browser, the way an admin connects an identity
// provider: turn it on, generate a token (shown once), let the "identity provider" (this test, over
// HTTP) create someone, see them in the list with the Directory badge, delete the token, and the next
// SCIM call is refused. Conduit (tests/e2e/fixtures/seed.ts) is this file's organization. The steps run in
// order on one signed-in page, each a test of its own, so that a failure names the step that broke.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { expectNoBrowserErrors, newPage, screenshot, signIn, useBrowser } from './support/browser';
import { expectToast, openRowMenu, openUsers, recordPage, userRow } from './support/console';
import { fixtures } from './support/fixtures';
import { gotoReady } from './support/ready';

describe('provisioning, step by step as an admin connects an identity provider', () => {
  const chromium = useBrowser();
  let context: BrowserContext;
  let page: Page;
  /** Filled in by the steps, in order. */
  let baseUrl = '';
  let token = '';
  const scimHeaders = () => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' });

  beforeAll(async () => {
    ({ context, page } = await newPage(chromium.browser));
    await signIn(page, fixtures().conduit.owner.email);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await screenshot(page, `failed-${ctx.task.name}`).catch(() => undefined);
  });
  afterAll(async () => {
    await context?.close();
  });

  test('the Provisioning page, reached from the console navigation, shows the SCIM base URL', async () => {
    const { organization } = fixtures().conduit;
    await gotoReady(page, `/admin/${organization.slug}/users`);
    await page
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Provisioning' })
      .click();
    await page.getByRole('heading', { name: 'Provisioning', level: 1 }).waitFor();
    baseUrl = await page.getByRole('textbox', { name: 'SCIM base URL' }).inputValue();
    expect(baseUrl).toMatch(/\/api\/scim\/v2$/);
  });

  test('the Enable provisioning switch turns it on, confirmed by a toast', async () => {
    await page.getByRole('switch', { name: 'Enable provisioning' }).click();
    await expectToast(page, 'Provisioning is on');
    expect(await page.getByRole('switch', { name: 'Enable provisioning' }).getAttribute('aria-checked')).toBe(
      'true',
    );
  });

  test('Generate token shows the new token once, focused and selected for copying', async () => {
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
    token = await tokenField.inputValue();
    expect(token).toMatch(/^aihub_scim_[A-Za-z0-9_-]{43}$/);
    await recordPage(page, 'provisioning-token-shown');
  });

  test('closing the token with Done (Enter) returns focus to Generate token and lists the token by name, never its value', async () => {
    const shown = page.getByRole('dialog', { name: 'Copy your token now' });
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
  });

  test('the identity provider creates a User with the token: 201, answered as SCIM JSON', async () => {
    const created = await page.request.post(`${baseUrl}/Users`, {
      headers: scimHeaders(),
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
  });

  test('the provisioned person is in the user table with the Directory badge', async () => {
    await openUsers(page, fixtures().conduit.organization.slug);
    await expect.poll(() => userRow(page, 'dana@conduit.test').count()).toBe(1);
    await expect.poll(() => userRow(page, 'dana@conduit.test').textContent()).toContain('Directory');
  });

  test("the provisioned person's row menu says the identity provider manages them and offers Detach from directory", async () => {
    const menu = await openRowMenu(page, 'dana@conduit.test');
    await expect.poll(() => menu.textContent()).toContain('Managed by your identity provider');
    expect(await menu.getByRole('menuitem', { name: 'Detach from directory' }).count()).toBe(1);
    await recordPage(page, 'provisioning-directory-member');
    await page.keyboard.press('Escape');
  });

  test('deleting the token (confirmed) makes the next SCIM call 401 with WWW-Authenticate: Bearer', async () => {
    await gotoReady(page, `/admin/${fixtures().conduit.organization.slug}/provisioning`);
    await page.getByRole('button', { name: 'Delete token Okta production' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete the token “Okta production”?' });
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expectToast(page, 'Deleted the token “Okta production”');
    const refused = await page.request.get(`${baseUrl}/Users`, { headers: scimHeaders() });
    expect(refused.status()).toBe(401);
    expect(refused.headers()['www-authenticate']).toMatch(/^Bearer/);
  });

  test('the activity log shows the person added from the directory, by "Directory (Okta production)"', async () => {
    await gotoReady(page, `/admin/${fixtures().conduit.organization.slug}/activity`);
    const activity = page.getByRole('main');
    await expect
      .poll(() => activity.textContent())
      .toContain('added dana@conduit.test from the directory as Member');
    expect(await activity.textContent()).toContain('Directory (Okta production)');
  });

  test('the browser reported no errors along the way', () => {
    expectNoBrowserErrors(page);
  });
});
