// Single sign-on (DESIGN §11) in the browser, the way an Owner sets it up and the people at the domain
// use it, against the development identity providers the server itself runs (the SAML one at
// /dev/sso/saml, the OpenID one on DEVELOPMENT_OIDC_PORT): add a SAML connection from its metadata URL,
// Test connection through the provider's own sign-in page, turn it on, and a Member signs in through it
// from the login page; add an OpenID Connect connection, test it, switch to it, and a newcomer joins just
// in time; then Require SSO, asked first, refuses the email link to the Member while the break-glass
// Owner still gets in. Contoso (tests/e2e/fixtures/sso.ts) is this file's organization. The steps run in
// order, each a test of its own; each state is recorded (screenshot + axe) at 1280 and 390 px.
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  baseUrl,
  expectNoBrowserErrors,
  mailboxMessages,
  newPage,
  screenshot,
  signIn,
  signInLinkFrom,
  useBrowser,
  waitForEmail,
  SIGN_IN_SUBJECT,
} from './support/browser';
import { recordBothWidths } from './support/asks-first';
import { dismissToasts, expectToast } from './support/console';
import { fixtures } from './support/fixtures';
import { gotoReady, waitForReady } from './support/ready';

const SAML = 'Development SAML';
const OIDC = 'Development OIDC';
const KEYBOARD = 'Keyboard SAML';

/** Whether `locator` has the focus. */
function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Presses Tab until `target` has the focus, as a keyboard user reaches it; fails past `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let presses = 0; presses < limit; presses++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  expect(await isFocused(target), `reached by Tab within ${limit} presses`).toBe(true);
}

/** The list item of the connection named `name`. */
function connectionItem(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Connections' }).getByRole('listitem').filter({ hasText: name });
}

/** A switch by its accessible name (the SSO page names each after its connection). */
function switchNamed(page: Page, name: string): Locator {
  return page.getByRole('switch', { name, exact: true });
}

/**
 * On an identity provider's own sign-in page (either development provider), records it at both widths,
 * types `email` and signs in; resolves once the browser is back on this app.
 */
async function signInAtProvider(browserPage: Page, email: string, shot: string | null) {
  await browserPage.getByRole('heading', { name: 'Development identity provider' }).waitFor();
  if (shot) await recordBothWidths(browserPage, shot);
  await browserPage.getByLabel('Email address').fill(email);
  await browserPage.getByRole('button', { name: 'Sign in', exact: true }).click();
  await browserPage.waitForURL(
    (url) =>
      url.href.startsWith(baseUrl()) &&
      !url.pathname.startsWith('/api/') &&
      !url.pathname.startsWith('/dev/'),
  );
  await browserPage.waitForLoadState('load');
  await waitForReady(browserPage);
}

describe('SSO, set up by an Owner and used by the people at the domain', () => {
  const chromium = useBrowser();
  let context: BrowserContext;
  let page: Page;
  const { organization, owner, member, domain, newcomer } = fixtures().sso;
  const ssoPath = `/admin/${organization.slug}/sso`;
  const others: BrowserContext[] = [];

  /** A fresh browser (no session), as another person at the domain uses it. */
  async function stranger(): Promise<Page> {
    const opened = await newPage(chromium.browser);
    others.push(opened.context);
    return opened.page;
  }

  beforeAll(async () => {
    ({ context, page } = await newPage(chromium.browser));
    await signIn(page, owner.email);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await screenshot(page, `failed-${ctx.task.name}`).catch(() => undefined);
  });
  afterAll(async () => {
    for (const other of others) await other.close().catch(() => undefined);
    await context?.close();
  });

  test('the SSO page comes after Domains in the console navigation and starts with no connection', async () => {
    await gotoReady(page, `/admin/${organization.slug}/users`);
    const nav = page.getByRole('navigation', { name: 'Admin console' });
    const links = (await nav.getByRole('link').allTextContents()).map((text) => text.trim());
    expect(links.slice(links.indexOf('Domains'), links.indexOf('Domains') + 2)).toEqual(['Domains', 'SSO']);
    await nav.getByRole('link', { name: 'SSO' }).click();
    await page.waitForURL((url) => url.pathname === ssoPath);
    await page.getByRole('heading', { name: 'SSO', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Require SSO' }).waitFor();
    await waitForReady(page);
    const main = await page.getByRole('main').innerText();
    expect(main).toContain('No connection yet.');
    expect(main).toContain(domain);
    await recordBothWidths(page, 'sso-empty');
  });

  test('adds a SAML connection from the development provider’s metadata URL: its card shows what to paste into the provider, and the provider’s certificate', async () => {
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(SAML);
    await page
      .getByRole('textbox', { name: 'Metadata URL', exact: true })
      .fill(`${baseUrl()}/dev/sso/saml/metadata`);
    await page.getByRole('button', { name: 'Add connection' }).click();
    await expectToast(page, `Added ${SAML}`);
    const item = connectionItem(page, SAML);
    await item.waitFor();
    const acs = item.getByRole('textbox', { name: 'ACS URL (Single sign-on URL)' });
    expect(await acs.inputValue()).toMatch(/^http:\/\/localhost:\d+\/api\/sso\/saml\/[0-9a-f-]{36}\/acs$/);
    const entity = await item.getByRole('textbox', { name: 'Entity ID (Audience URI)' }).inputValue();
    expect(`${entity}/acs`).toBe(await acs.inputValue());
    const text = await item.innerText();
    expect(text).toContain('Not tested yet.');
    expect(text).toContain('Development identity provider');
    await dismissToasts(page);
    await recordBothWidths(page, 'sso-saml-added');
  });

  test('Test connection goes to the provider’s own sign-in page (1280 and 390 px) and back: Test passed, with the address it sent', async () => {
    await connectionItem(page, SAML)
      .getByRole('button', { name: `Test connection ${SAML}` })
      .click();
    await page.waitForURL((url) => url.pathname === '/dev/sso/saml/sign-in');
    await signInAtProvider(page, owner.email, 'sso-saml-provider-sign-in');
    expect(new URL(page.url()).pathname).toBe(ssoPath);
    await expectToast(page, `Test of ${SAML} passed`);
    const result = connectionItem(page, SAML).getByRole('status').filter({ hasText: 'Test' });
    await expect.poll(() => result.first().innerText()).toContain('Test passed.');
    expect(await result.first().innerText()).toContain(owner.email);
    await dismissToasts(page);
    await recordBothWidths(page, 'sso-saml-tested');
  });

  test('turned on, the SAML connection serves the domain: a Member types her address on the login page and signs in through it', async () => {
    await switchNamed(page, `Enabled (${SAML})`).click();
    await expectToast(page, `${SAML} is on`);
    await dismissToasts(page);
    const mia = await stranger();
    await gotoReady(mia, '/login');
    await mia.getByLabel('Email', { exact: true }).fill(member.email);
    await mia.getByRole('button', { name: 'Sign in with email' }).click();
    await mia.waitForURL((url) => url.pathname === '/dev/sso/saml/sign-in');
    await signInAtProvider(mia, member.email, null);
    expect(new URL(mia.url()).pathname).not.toMatch(/^\/login/);
    expect(await mia.getByRole('main').innerText()).toContain(organization.name);
  });

  test('the users list marks the Member SSO', async () => {
    await gotoReady(page, `/admin/${organization.slug}/users?q=${encodeURIComponent(member.email)}`);
    const row = page.getByRole('row').filter({ hasText: member.email });
    await expect.poll(() => row.innerText()).toContain('SSO');
    expect(await row.getByTitle('Signs in through single sign-on').count()).toBe(1);
  });

  test('adds an OpenID Connect connection to the development OpenID provider and tests it through the provider’s page; it cannot be turned on while SAML is', async () => {
    await gotoReady(page, ssoPath);
    await page.getByRole('radio', { name: 'OpenID Connect' }).check();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(OIDC);
    await page.getByRole('textbox', { name: 'Issuer URL' }).fill(inject('developmentOidcIssuer'));
    await page.getByRole('textbox', { name: 'Client ID' }).fill('ai-hub-development');
    await page.getByLabel('Client secret').fill('development-secret-not-for-production');
    await page.getByRole('button', { name: 'Add connection' }).click();
    await expectToast(page, `Added ${OIDC}`);
    await dismissToasts(page);
    const item = connectionItem(page, OIDC);
    expect(await item.getByRole('textbox', { name: 'Redirect URI' }).inputValue()).toMatch(
      /\/api\/sso\/oidc\/[0-9a-f-]{36}\/callback$/,
    );
    expect(await item.innerText()).toContain(`Turn off ${SAML} first`);
    expect(await switchNamed(page, `Enabled (${OIDC})`).isDisabled()).toBe(true);
    await item.getByRole('button', { name: `Test connection ${OIDC}` }).click();
    await page.waitForURL((url) => url.href.startsWith(inject('developmentOidcIssuer')));
    await signInAtProvider(page, owner.email, 'sso-oidc-provider-sign-in');
    expect(new URL(page.url()).pathname).toBe(ssoPath);
    await expectToast(page, `Test of ${OIDC} passed`);
    await dismissToasts(page);
    await recordBothWidths(page, 'sso-oidc-tested');
  });

  test('switched to OpenID Connect, a newcomer at the domain signs in through it and joins just in time', async () => {
    await switchNamed(page, `Enabled (${SAML})`).click();
    await expectToast(page, `${SAML} is off`);
    await switchNamed(page, `Enabled (${OIDC})`).click();
    await expectToast(page, `${OIDC} is on`);
    await dismissToasts(page);
    const nia = await stranger();
    await gotoReady(nia, '/login');
    await nia.getByLabel('Email', { exact: true }).fill(newcomer);
    await nia.getByRole('button', { name: 'Sign in with email' }).click();
    await nia.waitForURL((url) => url.href.startsWith(inject('developmentOidcIssuer')));
    await signInAtProvider(nia, newcomer, null);
    expect(await nia.getByRole('main').innerText()).toContain(organization.name);
  });

  test('Require SSO: the Owner is named break-glass, turning it on asks first; then the email link is refused to the Member, and the break-glass Owner still gets in', async () => {
    await gotoReady(page, ssoPath);
    await page.getByRole('checkbox', { name: new RegExp(owner.email.replace(/[.]/g, '\\.')) }).check();
    await expectToast(page, `${owner.email} is a break-glass Owner`);
    await dismissToasts(page);
    await switchNamed(page, 'Require SSO').click();
    const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await dialog.getByRole('heading', { name: 'Turn on Require SSO?' }).waitFor();
    expect(await dialog.innerText()).toContain(domain);
    await recordBothWidths(page, 'sso-require-confirm');
    await dialog.getByRole('button', { name: 'Turn on Require SSO' }).click();
    await expectToast(page, 'Require SSO is on');
    await dismissToasts(page);
    await recordBothWidths(page, 'sso-required');

    const before = new Set((await mailboxMessages()).map((message) => message.id));
    const mia = await stranger();
    await gotoReady(mia, '/login');
    await mia.getByLabel('Email', { exact: true }).fill(member.email);
    await mia.getByRole('button', { name: 'Email me a sign-in link instead' }).click();
    await mia.waitForURL((url) => url.pathname === '/login/sso-required');
    await mia.getByRole('heading', { name: `Sign in with ${OIDC}` }).waitFor();
    await recordBothWidths(mia, 'sso-required-refused');

    const olga = await stranger();
    await gotoReady(olga, '/login');
    await olga.getByLabel('Email', { exact: true }).fill(owner.email);
    await olga.getByRole('button', { name: 'Email me a sign-in link instead' }).click();
    await olga.waitForURL((url) => url.pathname === '/login/sso-required');
    const message = await waitForEmail(owner.email, { subjectIncludes: SIGN_IN_SUBJECT, seenIds: before });
    await olga.goto(signInLinkFrom(message));
    await olga.waitForURL((url) => !url.pathname.startsWith('/api/auth/'));
    await waitForReady(olga);
    expect(new URL(olga.url()).pathname).not.toMatch(/^\/login/);
    const toMia = (await mailboxMessages()).filter((m) => !before.has(m.id) && m.to === member.email);
    expect(toMia, 'no sign-in email went to the Member').toEqual([]);
  });

  test('by keyboard alone, the Owner adds a connection from its metadata URL, lands on it, and removes it (asked first), the focus going on from there', async () => {
    await gotoReady(page, ssoPath);
    const name = page.getByRole('textbox', { name: 'Name', exact: true });
    await tabTo(page, name);
    await page.keyboard.type(KEYBOARD);
    await page.keyboard.press('Tab');
    expect(
      await isFocused(page.getByRole('textbox', { name: 'Metadata URL', exact: true })),
      'Tab goes on to the URL',
    ).toBe(true);
    await page.keyboard.type(`${baseUrl()}/dev/sso/saml/metadata`);
    await page.keyboard.press('Enter');
    await expectToast(page, `Added ${KEYBOARD}`);
    const heading = page.getByRole('heading', { name: KEYBOARD, level: 3 });
    await expect.poll(() => isFocused(heading), { message: 'the new connection has the focus' }).toBe(true);
    await dismissToasts(page);
    await tabTo(page, connectionItem(page, KEYBOARD).getByRole('button', { name: `Remove ${KEYBOARD}` }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await dialog.getByRole('heading', { name: `Remove ${KEYBOARD}?` }).waitFor();
    await tabTo(page, dialog.getByRole('button', { name: 'Remove connection' }), 5);
    await page.keyboard.press('Enter');
    await expectToast(page, `Removed ${KEYBOARD}`);
    await expect.poll(() => connectionItem(page, KEYBOARD).count()).toBe(0);
    expect(
      await page.evaluate(() => document.activeElement !== document.body),
      'the focus is on a control, not lost',
    ).toBe(true);
    await dismissToasts(page);
  });

  test('Activity tells every SSO step, from the tests to Require SSO', async () => {
    await gotoReady(page, `/admin/${organization.slug}/activity`);
    const text = await page.getByRole('main').innerText();
    for (const sentence of [
      `added the SSO connection “${SAML}” (SAML)`,
      `tested the SSO connection “${SAML}”: it passed`,
      `signed in through the SSO connection “${SAML}”`,
      `joined as Member through the SSO connection “${OIDC}”`,
      'turned on Require SSO',
    ])
      expect(text).toContain(sentence);
  });

  test('the browser reported no errors along the way', () => {
    // The development OpenID provider's page allows no script at all (default-src 'none'): the axe check's
    // injected script is refused there, then evaluated over CDP (checkAccessibility). The app's own pages
    // name script-src in their policy, so a violation there still fails.
    expectNoBrowserErrors(page, {
      allow: [
        /^Executing inline script violates the following Content Security Policy directive 'default-src 'none''/,
      ],
    });
  });
});
