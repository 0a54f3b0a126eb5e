// The URL is attacker input: anyone can send a signed-in person a crafted link. On the e2e server, for a
// signed-in Owner of their own organization:
//   - /login?callbackUrl=… never sends them to another host, also when dot segments in front of a double
//     slash (`/.//evil.example`) only become `//` once the path is normalised;
//   - ?notice=… accepts only the product's own codes (no inherited property names), and the toast's text
//     never comes from the URL: the organization it names is looked up among the person's own;
//   - a page number past any real page shows an empty page, never the error page.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectToast } from './support/console';
import { baseUrl, signIn, useBrowser } from './support/browser';
import { gotoReady, waitForReady } from './support/ready';

const chromium = useBrowser();

/** What a crafted link would like the product to say. */
const SPOOF = 'Your account is suspended. Call +1 555 0100';
const ERROR_PAGE = 'This page could not be loaded';

/** Signs a fresh person in and creates their organization; returns the page, its cookie and the organization. */
async function ownerOfNewOrganization(label: string) {
  const { context, page } = await chromium.open();
  await signIn(page, `${label}-${randomBytes(4).toString('hex')}@example.test`);
  const name = `Params ${randomBytes(3).toString('hex')}`;
  await page.getByLabel('Organization name').fill(name);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL(/\/admin\/[^/]+\/users/);
  const slug = new URL(page.url()).pathname.split('/')[2];
  const cookie = (await context.cookies(baseUrl())).map((c) => `${c.name}=${c.value}`).join('; ');
  return { page, cookie, slug, name };
}

function get(path: string, cookie?: string) {
  return fetch(`${baseUrl()}${path}`, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
}

/** Waits for the page's own heading or the console's error page, and says which one came. */
async function headingShown(page: Page, own: string): Promise<string> {
  const heading = page.getByRole('heading', { name: new RegExp(`^(${own}|${ERROR_PAGE})$`) }).first();
  await heading.waitFor();
  return (await heading.textContent()) ?? '';
}

describe('/login?callbackUrl=… for a signed-in person', () => {
  test('dot segments in front of a double slash (/.//evil.example and friends) still land on this site', async () => {
    const { page, cookie } = await ownerOfNewOrganization('redirect');
    const site = new URL(baseUrl()).origin;
    const payloads = [
      '/.//evil.example',
      '/..//evil.example',
      '/%2e//evil.example',
      '/a/..//evil.example',
      '/./\\evil.example',
    ];
    for (const payload of payloads) {
      const response = await get(`/login?callbackUrl=${encodeURIComponent(payload)}`, cookie);
      expect([303, 307, 308], payload).toContain(response.status);
      const location = response.headers.get('location') ?? '';
      // The header as a browser reads it: a relative value must not start with '//' or '/\'.
      if (!/^https?:/.test(location)) expect(location, `${payload}: Location`).toMatch(/^\/(?:$|[^/\\])/);
      expect(new URL(location, baseUrl()).origin, `${payload}: Location ${location}`).toBe(site);
    }
    // And in the browser itself, which follows the redirect.
    await page.goto(`/login?callbackUrl=${encodeURIComponent('/.//evil.example')}`).catch(() => null);
    expect(new URL(page.url()).origin).toBe(site);
    expect(new URL(page.url()).pathname).toBe('/evil.example');
  });
});

describe('?notice=… toasts', () => {
  test('inherited property names are no notice: /?notice=__proto__ answers 200, toString shows no "[object …]"', async () => {
    const { cookie, slug } = await ownerOfNewOrganization('notice-codes');
    for (const path of ['/', `/admin/${slug}/users`]) {
      for (const code of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
        const response = await get(`${path}?notice=${code}`, cookie);
        const body = await response.text();
        expect(response.status, `${path}?notice=${code}`).toBe(200);
        expect(body, `${path}?notice=${code}`).not.toContain('[object');
        expect(body, `${path}?notice=${code}`).not.toContain('[native code]');
      }
    }
    // The same mistake on /login: ?error= is looked up in a table of messages.
    for (const code of ['__proto__', 'constructor', 'toString']) {
      const response = await get(`/login?error=${code}`);
      expect(response.status, `/login?error=${code}`).toBe(200);
      expect(await response.text()).toContain('Sign-in failed. Please try again.');
    }
  });

  test('the text of a toast never comes from the URL; the organization is named only when it is one of yours', async () => {
    const { page, cookie, slug, name } = await ownerOfNewOrganization('notice-text');
    for (const path of ['/', `/admin/${slug}/users`]) {
      const body = await (await get(`${path}?notice=joined&org=${encodeURIComponent(SPOOF)}`, cookie)).text();
      expect(body, path).not.toContain(SPOOF);
    }
    await gotoReady(page, `/?notice=joined&org=${encodeURIComponent(SPOOF)}`);
    const generic = await expectToast(page, 'Welcome to the organization!');
    expect(await generic.textContent()).not.toContain('suspended');

    await gotoReady(page, `/?notice=joined&org=${encodeURIComponent(slug)}`);
    await expectToast(page, `Welcome to ${name}!`);

    await gotoReady(page, `/admin/${slug}/users?notice=joined&org=${encodeURIComponent(SPOOF)}`);
    await expectToast(page, `Welcome to ${name}!`);
  });
});

describe('page numbers', () => {
  test('a page far past the end (?page=1000000000000000000) shows the last page that exists, not the error page', async () => {
    const { page, cookie, slug } = await ownerOfNewOrganization('pages');
    for (const value of ['1000000000000000000', '9'.repeat(40), '1e309', '-5', '2.5', '0x10']) {
      expect([200, 307], value).toContain(
        (await get(`/admin/${slug}/activity?page=${value}`, cookie)).status,
      );
    }
    await page.goto(`/admin/${slug}/activity?page=1000000000000000000`);
    await page.waitForURL((url) => url.search === '');
    await waitForReady(page);
    expect(await headingShown(page, 'Activity')).toBe('Activity');
    await page.getByText('Page 1 of 1').waitFor();
    expect(await page.getByText('No activity on this page').count()).toBe(0);

    await page.goto(`/admin/${slug}/users?page=1000000000000000000`);
    await page.waitForURL((url) => url.search === '');
    await waitForReady(page);
    expect(await headingShown(page, 'Users\\b.*')).toMatch(/^Users/);
  });
});
