// Verified domains (DESIGN §10) in the browser, the way an Owner proves a domain: add it (refusals first),
// see it Pending with the TXT record, copy the record, publish it in the development DNS (/dev/dns, what
// the development resolver answers), come back and Verify; the add → verify flow by keyboard alone. Then
// Verify's other answers on a second domain, the join policy, what an Admin sees (read only), Remove with
// its confirmation, and the Activity page. Meridian (tests/e2e/fixtures/domains.ts) is this file's
// organization. The steps run in order on one signed-in page, each a test of its own, so that a failure
// names the step that broke; each state is recorded (screenshot + axe) at 1280 and 390 px.
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { errorMessages } from '@/lib/shared/errors';
import { expectNoBrowserErrors, newPage, screenshot, signIn, useBrowser } from './support/browser';
import { dismissToasts, expectToast, recordPage } from './support/console';
import { fixtures } from './support/fixtures';
import { tabThroughFocusRings } from './support/focus-ring';
import { expectNoSidewaysScroll } from './support/layout';
import { gotoReady, waitForReady } from './support/ready';

/** 80 characters: three labels under .com, each well within DNS's 63. */
const LONG_DOMAIN = 'identity-and-access.research-and-engineering.meridian-holdings-international.com';
/** The second domain: Verify's refusals (no record, then a record with another value), then Remove. */
const SHORT_DOMAIN = 'meridian-labs.com';

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

/**
 * A screenshot and an axe check at 1280 px and at 390 px (where nothing may scroll sideways), from the
 * top of the page (a full-page screenshot of a scrolled page draws the sticky sidebar and the parked skip
 * link where they are not). `open` puts back what a resize or a scroll closes (an open select): the
 * caller passes it closed, and gets it open at 1280 px (the window as tall as the page meanwhile).
 */
async function recordBoth(page: Page, name: string, open?: () => Promise<void>) {
  const listbox = page.getByRole('listbox');
  const close = async () => {
    if (!open || (await listbox.count()) === 0) return;
    await page.keyboard.press('Escape');
    await expect.poll(() => listbox.count()).toBe(0);
  };
  const size = async (viewport: { width: number; height: number }) => {
    await close();
    const current = page.viewportSize();
    if (current?.width !== viewport.width || current?.height !== viewport.height)
      await page.setViewportSize(viewport);
    await page.evaluate(() => window.scrollTo(0, 0));
    if (!open) return;
    // As tall as the page, so that the screenshot needs no scrolling, which would close the list.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
    await open();
  };
  await size(desktop);
  await recordPage(page, name);
  await size(phone);
  await expectNoSidewaysScroll(page, `${name} at 390 px`);
  await recordPage(page, `${name}-390`);
  await close();
  await page.setViewportSize(desktop);
  await open?.();
}

/** The list item of `domain`. */
function domainItem(page: Page, domain: string): Locator {
  return page.locator(`li[data-domain="${domain}"]`);
}

/** Whether `locator` has the focus. */
function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/**
 * Presses Tab until `target` has the focus, as a keyboard user reaches a control; fails when it takes
 * more than `limit` presses (the control is not in the tab order, or sits behind a trap).
 */
async function tabTo(page: Page, target: Locator, limit = 60) {
  for (let presses = 0; presses < limit; presses++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  expect(await isFocused(target), `reached by Tab within ${limit} presses`).toBe(true);
}

describe('verified domains, step by step as an Owner proves a domain', () => {
  const chromium = useBrowser();
  let context: BrowserContext;
  let page: Page;
  const { organization, owner, admin, takenDomain } = fixtures().domains;
  const domainsPath = `/admin/${organization.slug}/domains`;
  /** The record of LONG_DOMAIN, as the page shows it. */
  let record = { name: '', value: '' };

  beforeAll(async () => {
    ({ context, page } = await newPage(chromium.browser));
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, owner.email);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await screenshot(page, `failed-${ctx.task.name}`).catch(() => undefined);
  });
  afterAll(async () => {
    await context?.close();
  });

  test('the Domains page comes after Provisioning (and before SSO) in the console navigation, says what a verified domain unlocks, and has no domain yet', async () => {
    await gotoReady(page, `/admin/${organization.slug}/users`);
    const nav = page.getByRole('navigation', { name: 'Admin console' });
    const links = await nav.getByRole('link').allTextContents();
    expect(links.map((text) => text.trim())).toEqual([
      'Users',
      'Activity',
      'Provisioning',
      'Domains',
      'SSO',
      'Settings',
    ]);
    await nav.getByRole('link', { name: 'Domains' }).click();
    await page.getByRole('heading', { name: 'Domains', level: 1 }).waitFor();
    await waitForReady(page);
    expect(await page.title()).toBe(`Domains · ${organization.name} · AI Hub`);
    const main = page.getByRole('main');
    const intro = await main.innerText();
    expect(intro).toContain('your identity provider may manage existing accounts at it');
    expect(intro).toContain('join policy');
    expect(intro).toContain('External');
    expect(intro).toContain('No domain yet.');
    await recordBoth(page, 'domains-empty');
  });

  test('refusals are said once, under the field, which keeps what was typed: a consumer mail domain, a public suffix, a domain another organization verified (unnamed)', async () => {
    const field = page.getByRole('textbox', { name: 'Domain', exact: true });
    const add = page.getByRole('button', { name: 'Add domain' });
    const refusals = [
      ['gmail.com', errorMessages.DOMAIN_CONSUMER, 'domains-refused-consumer'],
      ['co.uk', errorMessages.DOMAIN_PUBLIC_SUFFIX, 'domains-refused-public-suffix'],
      [takenDomain, errorMessages.DOMAIN_TAKEN, 'domains-refused-taken'],
    ] as const;
    for (const [domain, message, shot] of refusals) {
      await field.fill(domain);
      await add.click();
      const help = page.locator('#domain-name-help[role="alert"]');
      await expect.poll(() => help.innerText(), { message: `the refusal of ${domain}` }).toBe(message);
      expect(await field.inputValue(), 'the field keeps what was typed').toBe(domain);
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('[data-sonner-toast]').count(), 'no toast repeats it').toBe(0);
      expect(await page.getByText(message, { exact: true }).count(), 'said once').toBe(1);
      if (domain === takenDomain) expect(message).not.toContain('Rival');
      await recordBoth(page, shot);
    }
  });

  test('by keyboard alone, the Owner adds an 80-character domain: it shows Pending with its TXT record, and the focus moves to it', async () => {
    expect(LONG_DOMAIN).toHaveLength(80);
    await gotoReady(page, domainsPath);
    const field = page.getByRole('textbox', { name: 'Domain', exact: true });
    await tabTo(page, field);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(LONG_DOMAIN);
    await page.keyboard.press('Enter');
    await expectToast(page, `Added ${LONG_DOMAIN}`);
    const item = domainItem(page, LONG_DOMAIN);
    const heading = item.getByRole('heading', { name: LONG_DOMAIN, level: 3 });
    await expect.poll(() => isFocused(heading), { message: 'the new domain has the focus' }).toBe(true);
    expect(await field.inputValue(), 'the field is emptied for the next one').toBe('');
    await expect.poll(() => item.getByTestId('domain-status').innerText()).toBe('Pending');
    record = {
      name: await item.getByRole('textbox', { name: 'Name', exact: true }).inputValue(),
      value: await item.getByRole('textbox', { name: 'Value', exact: true }).inputValue(),
    };
    expect(record.name).toBe(`_ai-hub-verification.${LONG_DOMAIN}`);
    expect(record.value).toMatch(/^ai-hub-verification=\S+$/);
    expect(await item.innerText()).toContain('Not checked yet.');
    await dismissToasts(page);
    await recordBoth(page, 'domains-pending');
  });

  test("by keyboard, Copy puts the record's name, then its value, on the clipboard", async () => {
    const item = domainItem(page, LONG_DOMAIN);
    const copyName = item.getByRole('button', { name: `Copy the record name for ${LONG_DOMAIN}` });
    await tabTo(page, copyName, 3);
    await page.keyboard.press('Enter');
    await expectToast(page, `Copied the record name for ${LONG_DOMAIN}`);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(record.name);
    const copyValue = item.getByRole('button', { name: `Copy the record value for ${LONG_DOMAIN}` });
    await tabTo(page, copyValue, 3);
    await page.keyboard.press('Enter');
    await expectToast(page, `Copied the record value for ${LONG_DOMAIN}`);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(record.value);
    await dismissToasts(page);
  });

  test('by keyboard, "Publish it in the development DNS" opens /dev/dns with the record filled in, and Publish lists it', async () => {
    const link = domainItem(page, LONG_DOMAIN).getByRole('link', {
      name: /Publish it in the development DNS/,
    });
    await tabTo(page, link, 3);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/dev/dns');
    await page.getByRole('heading', { name: 'Development DNS', level: 1 }).waitFor();
    await waitForReady(page);
    const name = page.getByRole('textbox', { name: 'Name', exact: true });
    const value = page.getByRole('textbox', { name: 'Value', exact: true });
    expect(await name.inputValue()).toBe(record.name);
    expect(await value.inputValue()).toBe(record.value);
    await recordBoth(page, 'dev-dns-filled-in');

    await tabTo(page, page.getByRole('button', { name: 'Publish' }));
    await page.keyboard.press('Enter');
    await expectToast(page, `Published the TXT record at ${record.name}`);
    const records = page.getByRole('list', { name: 'TXT records' });
    await expect.poll(() => records.innerText()).toContain(record.value);
    expect(await records.innerText()).toContain(record.name);
    await dismissToasts(page);
    await recordBoth(page, 'dev-dns-published');
  });

  test('by keyboard, back on the Domains page, Verify finds the record: Verified, since today', async () => {
    await tabTo(page, page.getByRole('link', { name: 'Back to Domains' }));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === domainsPath);
    await page.getByRole('heading', { name: 'Domains', level: 1 }).waitFor();
    await waitForReady(page);
    const item = domainItem(page, LONG_DOMAIN);
    const verify = item.getByRole('button', { name: `Verify ${LONG_DOMAIN}` });
    await tabTo(page, verify);
    await page.keyboard.press('Enter');
    await expectToast(page, `Verified ${LONG_DOMAIN}`);
    await expect.poll(() => item.getByTestId('domain-status').innerText()).toBe('Verified');
    const text = await item.innerText();
    expect(text).toContain('Verified: the record is there.');
    expect(text).toMatch(/Verified since [A-Z][a-z]{2} \d{1,2}, \d{4}\./);
    expect(await isFocused(verify), 'Verify keeps the focus').toBe(true);
    await dismissToasts(page);
    await recordBoth(page, 'domains-verified');
  });

  test("Verify's other answers, on a second domain: no record yet, then a record with another value", async () => {
    const field = page.getByRole('textbox', { name: 'Domain', exact: true });
    await field.fill(SHORT_DOMAIN);
    await page.getByRole('button', { name: 'Add domain' }).click();
    await expectToast(page, `Added ${SHORT_DOMAIN}`);
    const item = domainItem(page, SHORT_DOMAIN);
    await item.waitFor();
    const check = item.locator('[role="status"]');

    await item.getByRole('button', { name: `Verify ${SHORT_DOMAIN}` }).click();
    await expect.poll(() => check.innerText()).toContain('Record not found');
    expect(await item.getByTestId('domain-status').innerText()).toBe('Pending');
    await dismissToasts(page);
    await recordBoth(page, 'domains-record-not-found');

    const name = await item.getByRole('textbox', { name: 'Name', exact: true }).inputValue();
    await gotoReady(
      page,
      `/dev/dns?${new URLSearchParams({ name, value: 'ai-hub-verification=not-this-one' })}`,
    );
    await page.getByRole('button', { name: 'Publish' }).click();
    await expectToast(page, `Published the TXT record at ${name}`);

    await gotoReady(page, domainsPath);
    await domainItem(page, SHORT_DOMAIN)
      .getByRole('button', { name: `Verify ${SHORT_DOMAIN}` })
      .click();
    await expect.poll(() => check.innerText()).toContain("The value doesn't match");
    expect(await item.getByTestId('domain-status').innerText()).toBe('Pending');
    await recordBoth(page, 'domains-value-does-not-match');
  });

  test('every control tabbed to on the Domains page and on the development DNS page shows a focus ring of at least 3:1', async () => {
    const weak: string[] = [];
    for (const [label, path] of [
      ['domains', domainsPath],
      ['dev-dns', '/dev/dns'],
    ] as const) {
      await gotoReady(page, path);
      const rings = await tabThroughFocusRings(page, 80);
      expect(rings.length, `controls tabbed to on ${label}`).toBeGreaterThan(3);
      for (const ring of rings)
        if (ring.ratio < 3)
          weak.push(
            `${label}: ${ring.element} — ring ${ring.ring ?? 'none'} on ${ring.background}, ${ring.ratio}:1`,
          );
    }
    expect(weak, 'focus rings under 3:1').toEqual([]);
  });

  test('on the development DNS page, Delete takes a record away', async () => {
    await gotoReady(page, '/dev/dns');
    const name = `_ai-hub-verification.${SHORT_DOMAIN}`;
    const records = page.getByRole('list', { name: 'TXT records' });
    expect(await records.innerText()).toContain('ai-hub-verification=not-this-one');
    await page.getByRole('button', { name: `Delete the record at ${name}` }).click();
    await expectToast(page, `Deleted the record at ${name}`);
    await expect.poll(() => records.innerText()).not.toContain('not-this-one');
    expect(await records.innerText(), 'the other record stays').toContain(record.value);
    await dismissToasts(page);
  });

  test('the join policy: each choice explained in the open list; Suggest, then Automatic (which obeys seats), each confirmed and kept', async () => {
    await gotoReady(page, domainsPath);
    const item = domainItem(page, LONG_DOMAIN);
    const select = item.getByRole('combobox', { name: `Join policy for ${LONG_DOMAIN}` });
    expect(await select.innerText()).toBe('Off');
    const listbox = page.getByRole('listbox');
    const openList = async () => {
      await select.click();
      await listbox.waitFor();
    };
    await recordBoth(page, 'domains-join-policy-open', openList);
    const options = await listbox.innerText();
    expect(options).toContain('join only when invited');
    expect(options).toContain('may ask to join');
    expect(options).toContain('seat');
    await page.getByRole('option', { name: /^Suggest People who/ }).click();
    await expectToast(page, `Join policy of ${LONG_DOMAIN}: Suggest`);
    await expect.poll(() => select.innerText()).toBe('Suggest');

    await select.click();
    await page.getByRole('option', { name: /^Automatic People who/ }).click();
    await expectToast(page, `Join policy of ${LONG_DOMAIN}: Automatic`);
    await gotoReady(page, domainsPath);
    await expect.poll(() => select.innerText()).toBe('Automatic');
    expect(await item.innerText()).toMatch(/join as Members, while seats are free/);
    await recordBoth(page, 'domains-join-policy-automatic');
  });

  test('an Admin sees the domains read only: no Add domain, Verify, join policy select or Remove, and a sentence saying only Owners manage them', async () => {
    const { page: adminPage } = await chromium.open();
    await signIn(adminPage, admin.email);
    await gotoReady(adminPage, domainsPath);
    await adminPage.getByRole('heading', { name: 'Domains', level: 1 }).waitFor();
    const main = adminPage.getByRole('main');
    await expect.poll(() => main.innerText()).toContain(LONG_DOMAIN);
    expect(await main.innerText()).toContain(
      `Only Owners of ${organization.name} add, verify and remove domains`,
    );
    expect(await adminPage.getByRole('textbox', { name: 'Domain', exact: true }).count()).toBe(0);
    expect(await main.getByRole('button', { name: /^(Verify|Remove|Add domain)/ }).count()).toBe(0);
    expect(await main.getByRole('combobox').count()).toBe(0);
    expect(await domainItem(adminPage, LONG_DOMAIN).innerText()).toContain('Join policy: Automatic');
    expect(
      await main.getByRole('link', { name: /development DNS/ }).count(),
      'the link to publish is for Owners',
    ).toBe(0);
    await recordBoth(adminPage, 'domains-admin-read-only');
    expectNoBrowserErrors(adminPage);
  });

  test('Remove asks first, naming the domain, what stops and that memberships stay; Cancel returns the focus, confirming removes it', async () => {
    await gotoReady(page, domainsPath);
    const remove = page.getByRole('button', { name: `Remove ${LONG_DOMAIN}` });
    await remove.click();
    const dialog = page.getByRole('alertdialog', { name: `Remove ${LONG_DOMAIN}?` });
    await dialog.waitFor();
    const text = await dialog.innerText();
    expect(text).toContain('your identity provider can no longer take over existing accounts');
    expect(text).toContain('join policy stops');
    expect(text).toContain('stays a member');
    await recordBoth(page, 'domains-remove-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => isFocused(remove), { message: 'Cancel returns the focus to Remove' }).toBe(true);

    await remove.click();
    await dialog.getByRole('button', { name: 'Remove domain' }).click();
    await expectToast(page, `Removed ${LONG_DOMAIN}`);
    await expect.poll(() => domainItem(page, LONG_DOMAIN).count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement !== document.body), {
        message: 'the focus stays on the page',
      })
      .toBe(true);
    await dismissToasts(page);
    await recordBoth(page, 'domains-after-remove');
  });

  test('the Activity page tells it, and its "Domains" filter keeps the domain events only', async () => {
    await gotoReady(page, `/admin/${organization.slug}/activity`);
    const main = page.getByRole('main');
    await expect.poll(() => main.innerText()).toContain(`added the domain ${LONG_DOMAIN}`);
    const text = await main.innerText();
    expect(text).toContain(`verified the domain ${LONG_DOMAIN}`);
    expect(text).toContain(`changed how people at ${LONG_DOMAIN} join from Off to Suggest`);
    expect(text).toContain(`removed the domain ${LONG_DOMAIN}`);
    await page
      .getByLabel('Kind of change')
      .selectOption({ label: 'Domains added, verified or removed, and their join policies' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('kind') === 'domains');
    await expect.poll(() => main.innerText()).toContain(`added the domain ${SHORT_DOMAIN}`);
    expect(await main.innerText()).not.toContain('created the organization');
    await recordBoth(page, 'domains-activity');
  });

  test('a failing domain says when it was last seen and when it stops counting; a removed one, why, and that Verify brings it back', async () => {
    const { horizon } = fixtures().domains;
    const { page: horizonPage } = await chromium.open();
    await signIn(horizonPage, horizon.owner.email);
    await gotoReady(horizonPage, `/admin/${horizon.organization.slug}/domains`);
    const failing = domainItem(horizonPage, 'horizon-failing.com');
    await failing.waitFor();
    expect(await failing.getByTestId('domain-status').innerText()).toBe('Failing');
    const failingText = await failing.innerText();
    expect(failingText).toMatch(/It was last seen on [A-Z][a-z]{2} \d{1,2}, \d{4}\./);
    expect(failingText).toMatch(/still counts until [A-Z][a-z]{2} \d{1,2}, \d{4}, .+ UTC/);
    expect(failingText).toContain('Record not found');
    const removed = domainItem(horizonPage, 'horizon-removed.com');
    expect(await removed.getByTestId('domain-status').innerText()).toBe('Removed');
    const removedText = await removed.innerText();
    expect(removedText).toContain('the record was missing for 7 days');
    expect(removedText).toContain('Publish the record again, then Verify.');
    await recordBoth(horizonPage, 'domains-failing-and-removed');
    expectNoBrowserErrors(horizonPage);
  });

  test('the browser reported no errors along the way', () => {
    expectNoBrowserErrors(page);
  });
});
