// The console's words (issue 14, item 13): what the pages say where it matters. Titles name the
// organization; "Check your email" names the address; Decline asks first and its card drops the expiry;
// one person's deletion speaks of one account; a pending row has no stray "· Sent"; a second "Quillmark"
// says where it went; deleting an organization names it; a name field counts near its limit; the
// provisioning switch's hint follows the switch; a filter shows its new value while the page loads; and
// Next page shows the new page from the table's top.
//
// Fixtures (tests/e2e/fixtures/seed.ts, the copy.e2e.ts block): Quillmark, its Owner and Member Mo (only
// read), a pending invitation that is declined here; Hooli's 30 Members (only read). Organizations made
// here belong to people made here.
import { describe, expect, test } from 'vitest';
import { expectNoBrowserErrors, screenshot, signIn, useBrowser } from './support/browser';
import { gotoReady } from './support/ready';
import { chooseOption, expectToast, openUsers, userRow } from './support/console';
import { fixtures } from './support/fixtures';

describe("the console's words", () => {
  const chromium = useBrowser();
  const { organization, owner, member, declineToken } = fixtures().copy;

  test('each console page title names its page, the organization and AI Hub', async () => {
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    for (const [path, name] of [
      ['users', 'Users'],
      ['activity', 'Activity'],
      ['settings', 'Settings'],
      ['provisioning', 'Provisioning'],
      ['domains', 'Domains'],
      ['sso', 'SSO'],
    ]) {
      await gotoReady(page, `/admin/${organization.slug}/${path}`);
      expect(await page.title()).toBe(`${name} · ${organization.name} · AI Hub`);
    }
    expectNoBrowserErrors(page);
  });

  test('"Check your email" names the address the link went to', async () => {
    const { page } = await chromium.open();
    const email = `check-${Date.now()}@copy.test`;
    await signIn(page, email, {
      async onCheckEmail(checking) {
        const card = checking.getByRole('main');
        await expect.poll(() => card.innerText()).toContain(`A sign-in link is on its way to ${email}.`);
      },
    });
  });

  test('one member in the delete confirmation: "Their AI Hub account is kept", in the singular', async () => {
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    await openUsers(page, organization.slug);
    await userRow(page, member.email).getByRole('button', { name: 'More options' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor();
    const text = await confirm.innerText();
    expect(text).toContain('Their AI Hub account is kept.');
    expect(text).not.toContain('accounts');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => confirm.count()).toBe(0);

    const pending = await userRow(page, 'dee@declines.test').innerText();
    expect(pending, 'a pending row says when it was sent, without a stray "· Sent"').toMatch(
      /Last sent .*\(sent once\)/,
    );
    expect(pending).not.toMatch(/· Sent/);
    expectNoBrowserErrors(page);
  });

  test('Decline asks first; Cancel keeps the invitation, and once declined the card says so without the expiry', async () => {
    const { page } = await chromium.open();
    await gotoReady(page, `/invite/${declineToken}`);
    expect(await page.getByRole('main').innerText()).toContain('expires on');
    await page.getByRole('button', { name: 'Decline', exact: true }).click();
    const confirm = page.getByRole('alertdialog', {
      name: `Decline the invitation to ${organization.name}?`,
    });
    await confirm.waitFor();
    await screenshot(page, 'copy-decline-asks-first');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Accept', exact: true }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Decline', exact: true }).click();
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Decline', exact: true }).click();
    const heading = page.getByRole('heading', {
      name: `You declined the invitation to ${organization.name}.`,
    });
    await heading.waitFor();
    const card = await page.getByRole('main').innerText();
    expect(card, 'the declined card drops the expiry').not.toContain('expires on');
    expect(await page.getByRole('button', { name: 'Accept', exact: true }).count()).toBe(0);
    await screenshot(page, 'copy-declined');
    expectNoBrowserErrors(page);
  });

  test('a second organization of the same name says where it went; deleting it names it; the name field counts near its limit', async () => {
    const { page } = await chromium.open();
    await signIn(page, `twice-${Date.now()}@copy.test`);
    const field = page.getByLabel('Organization name');
    await field.fill('x'.repeat(70));
    await expect.poll(() => page.locator('#organization-name-count').textContent()).toBe('70/80');
    await field.fill('y'.repeat(80));
    await expect
      .poll(() => page.locator('#organization-name-count').textContent())
      .toBe('80/80: the most this field takes');
    await field.fill(organization.name);
    expect(await page.locator('#organization-name-count').textContent(), 'no count far from the limit').toBe(
      '',
    );
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/admin\/[^/]+\/users$/);
    const slug = new URL(page.url()).pathname.split('/')[2];
    expect(slug).not.toBe(organization.slug);
    await expectToast(
      page,
      `Created ${organization.name}. Its address is /admin/${slug}: ${organization.slug} was taken.`,
    );

    await gotoReady(page, `/admin/${slug}/settings`);
    await page.getByRole('button', { name: 'Delete organization' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByLabel(/Type .* to confirm/).fill(organization.name);
    await confirm.getByRole('button', { name: 'Delete organization' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expectToast(page, `${organization.name} was deleted.`);
    expectNoBrowserErrors(page);
  });

  test("the provisioning switch's hint says what On does while on, and what Off does while off", async () => {
    const { page } = await chromium.open();
    await signIn(page, `switch-${Date.now()}@copy.test`);
    await page.getByLabel('Organization name').fill('Switchboard');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/admin\/[^/]+\/users$/);
    const slug = new URL(page.url()).pathname.split('/')[2];
    await gotoReady(page, `/admin/${slug}/provisioning`);
    const hint = page.locator('#provisioning-enabled-help');
    const toggle = page.getByRole('switch', { name: 'Enable provisioning' });
    const on = (await toggle.getAttribute('aria-checked')) === 'true';
    expect(await hint.textContent()).toMatch(on ? /^On: / : /^Off: every token is refused/);
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe(on ? 'false' : 'true');
    await expect.poll(() => hint.textContent()).toMatch(on ? /^Off: every token is refused/ : /^On: /);
    expectNoBrowserErrors(page);
  });

  test('a filter shows its new choice while the page loads, and Next page shows the new page from the table top', async () => {
    const { hooli } = fixtures().organizations;
    const { page } = await chromium.open({ viewport: { width: 1280, height: 600 } });
    await signIn(page, fixtures().users.hooliOwner.email);
    await openUsers(page, hooli.slug);

    // The page's data is held back a while, as on a slow network: the box must not show the old value.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname.endsWith('/users') && url.searchParams.get('role') === 'member',
      async (route) => {
        await held;
        await route.continue();
      },
    );
    await page.getByRole('combobox', { name: 'Filter by role', exact: true }).click();
    await page.getByRole('option', { name: 'Member', exact: true }).click();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Filter by role', exact: true }).textContent())
      .toBe('Member');
    expect(new URL(page.url()).searchParams.get('role'), 'the new page has not come yet').toBeNull();
    release();
    await page.waitForURL((url) => url.searchParams.get('role') === 'member');
    await page.unrouteAll();
    await chooseOption(page, 'Filter by role', 'All roles');
    await page.waitForURL((url) => url.searchParams.get('role') === null);

    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    const table = page.locator('table.ut');
    await expect
      .poll(
        async () => {
          const top = await table.evaluate((element) => element.getBoundingClientRect().top);
          return top >= 0 && top < 200;
        },
        { message: "the table's top is near the top of the window" },
      )
      .toBe(true);
    expectNoBrowserErrors(page);
  });
});
