// Directory groups and group → role mapping (DESIGN §12, docs/rules.md rules 32–33) in the browser, the way
// a company runs them: its identity provider (this test, over HTTP with the organization's token) pushes
// people with their title and department and a group with its members; an Owner maps the group to Admin
// on the Provisioning page; the users list shows whose role comes from the group and the console says
// why it can't change it; the provider takes someone out of the group and they are a Member again.
// Northwind (tests/e2e/fixtures/groups.ts) is this file's organization; the steps run in order on one
// signed-in page, each a test of its own, so that a failure names the step that broke.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { recordBothWidths, WIDTHS } from './support/asks-first';
import { baseUrl, expectNoBrowserErrors, newPage, screenshot, signIn, useBrowser } from './support/browser';
import { expectToast, openRowMenu, openUsers, recordPage, userRow } from './support/console';
import { fixtures } from './support/fixtures';
import { gotoReady } from './support/ready';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const GROUP_NAME = 'Engineering Leads and Platform Reliability Architects, Asia-Pacific';
/** Mary's address, and an 80-character one (its local part at the limit of 64), at the verified domain. */
const mary = () => `mary.ann@${fixtures().groups.domain}`;
const long = () => {
  const domain = `@${fixtures().groups.domain}`;
  return `${'christopher.alexander.montgomery-wellington.the-third'.padEnd(80 - domain.length, 'x')}${domain}`;
};

describe('directory groups, step by step as a company maps a group to a role', () => {
  const chromium = useBrowser();
  let context: BrowserContext;
  let page: Page;
  const ids: Record<string, string> = {};
  let groupId = '';

  /** One SCIM request as the identity provider sends it; its status and JSON. */
  async function scim(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) {
    const response = await page.request.fetch(`${baseUrl()}/api/scim/v2${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${fixtures().groups.token}`,
        'Content-Type': 'application/scim+json',
      },
      data: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status(), json: text ? JSON.parse(text) : null };
  }

  const slug = () => fixtures().groups.organization.slug;

  beforeAll(async () => {
    ({ context, page } = await newPage(chromium.browser));
    await signIn(page, fixtures().groups.owner.email);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await screenshot(page, `failed-${ctx.task.name}`).catch(() => undefined);
  });
  afterAll(async () => {
    await context?.close();
  });

  test('the identity provider pushes two people with their title and department, names as sent', async () => {
    expect(long()).toHaveLength(80);
    expect(long().split('@')[0].length).toBeLessThanOrEqual(64);
    for (const [email, given, family, title, department] of [
      [mary(), 'Mary Ann', 'Smith', 'Staff Engineer', 'Engineering'],
      [long(), 'Christopher', 'Montgomery-Wellington', 'Principal Site Reliability Architect', 'Platform'],
    ]) {
      const created = await scim('POST', '/Users', {
        schemas: [USER, ENTERPRISE],
        userName: email,
        name: { givenName: given, familyName: family },
        emails: [{ value: email, primary: true, type: 'work' }],
        title,
        [ENTERPRISE]: { department },
        active: true,
      });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      expect(created.json.name).toEqual({ givenName: given, familyName: family });
      ids[email] = created.json.id;
    }
  });

  test('it finds the Member the console added by userName in another case, and pushes a group of the three', async () => {
    const { member } = fixtures().groups;
    const found = await scim(
      'GET',
      `/users?filter=${encodeURIComponent(`userName eq "${member.email.toUpperCase()}"`)}`,
    );
    expect(found.status).toBe(200);
    expect(found.json.totalResults).toBe(1);
    ids[member.email] = found.json.Resources[0].id;
    const created = await scim('POST', '/Groups', {
      schemas: [GROUP],
      displayName: GROUP_NAME,
      members: [ids[mary()], ids[long()], ids[member.email]].map((value) => ({ value })),
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    groupId = created.json.id;
  });

  test('the Provisioning page lists the group with its members, unmapped; recorded at both widths', async () => {
    await gotoReady(page, `/admin/${slug()}/provisioning`);
    const section = page.getByRole('list', { name: 'Directory groups' });
    await expect.poll(() => section.textContent()).toContain(GROUP_NAME);
    expect(await section.textContent()).toContain('3 members');
    const select = page.getByRole('combobox', { name: `Role from this group ${GROUP_NAME}` });
    expect(await select.textContent()).toBe('No role');
    await recordBothWidths(page, 'groups-provisioning');
  });

  test('the role select, open, at both widths: No role, Member, Admin, never Owner', async () => {
    const select = page.getByRole('combobox', { name: `Role from this group ${GROUP_NAME}` });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await select.click();
      const listbox = page.getByRole('listbox');
      await listbox.waitFor();
      expect(await listbox.getByRole('option').allTextContents()).toEqual(['No role', 'Member', 'Admin']);
      await recordPage(page, `groups-role-select-open-${width}`);
      await page.keyboard.press('Escape');
      await expect.poll(() => listbox.count()).toBe(0);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('mapping the group to Admin, by keyboard alone, makes its three members Admins', async () => {
    const select = page.getByRole('combobox', { name: `Role from this group ${GROUP_NAME}` });
    await select.focus();
    await page.keyboard.press('Enter');
    const admin = page.getByRole('option', { name: 'Admin', exact: true });
    const focusedOption = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    // The list takes the focus once it is open (on the current choice); End then moves it to Admin.
    await expect.poll(focusedOption, { message: 'the open list has the focus' }).toBe('No role');
    await page.keyboard.press('End');
    await expect.poll(() => admin.getAttribute('data-highlighted')).toBe('');
    await page.keyboard.press('Enter');
    await expectToast(page, '3 people are now Admins');
    await expect.poll(() => select.textContent()).toBe('Admin');
  });

  test('the users list shows each role as coming from the group, with title and department', async () => {
    await openUsers(page, slug());
    const maryRow = userRow(page, mary());
    await expect.poll(() => maryRow.textContent()).toContain(`Admin · from ${GROUP_NAME}`);
    expect(await maryRow.textContent()).toContain('Staff Engineer · Engineering');
    expect(await userRow(page, long()).textContent()).toContain(`Admin · from ${GROUP_NAME}`);
    await recordBothWidths(page, 'groups-users');
  });

  test('the console explains why it cannot change a role that the group gives; an Owner may still make her an Owner', async () => {
    const { member } = fixtures().groups;
    const menu = await openRowMenu(page, member.email);
    const reason = menu.locator('[data-slot="role-held-back-reason"]');
    expect(await reason.textContent()).toContain(`comes from the directory group “${GROUP_NAME}”`);
    expect(await reason.textContent()).toContain('Provisioning page');
    const changeRole = menu.getByRole('menuitem', { name: 'Change role' });
    expect(await changeRole.getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));
    await changeRole.hover();
    const memberOption = page.getByRole('menuitemradio', { name: 'Member', exact: true });
    await memberOption.waitFor();
    expect(await memberOption.getAttribute('aria-disabled')).toBe('true');
    expect(
      await page.getByRole('menuitemradio', { name: 'Owner', exact: true }).getAttribute('aria-disabled'),
    ).toBeNull();
    await recordBothWidths(page, 'groups-row-menu');
    await page.keyboard.press('Escape');
  });

  test('the Department filter narrows the list to the people the directory put there', async () => {
    await openUsers(page, slug(), 'department=Engineering');
    await expect.poll(() => userRow(page, mary()).count()).toBe(1);
    expect(await userRow(page, long()).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Filter by department' }).textContent()).toBe(
      'Engineering',
    );
  });

  test('Entra removes Mary from the group: she is a Member again, no longer from the group', async () => {
    const removed = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Remove', path: 'members', value: [{ value: ids[mary()] }] }],
    });
    expect(removed.status).toBeLessThan(300);
    await openUsers(page, slug());
    const maryRow = userRow(page, mary());
    await expect.poll(() => maryRow.textContent()).not.toContain('from ');
    expect(await maryRow.textContent()).toContain('Member');
  });

  test('the activity log names the group and the directory for each change', async () => {
    await gotoReady(page, `/admin/${slug()}/activity`);
    const activity = page.getByRole('main');
    await expect
      .poll(() => activity.textContent())
      .toContain(`created the group “${GROUP_NAME}” from the directory`);
    const text = (await activity.textContent()) ?? '';
    expect(text).toContain(`changed the group “${GROUP_NAME}”: its members are Admins`);
    expect(text).toContain('Directory (group mapping)');
    expect(text).toContain(`removed 1 member from the group “${GROUP_NAME}”`);
    expect(text).toContain(`from Member to Admin, from the group “${GROUP_NAME}”`);
    await recordBothWidths(page, 'groups-activity');
  });

  test('the browser reported no errors along the way', () => {
    expectNoBrowserErrors(page);
  });
});
