// What a verified domain unlocks for people (issue 31, DESIGN §10), in the browser, with 80-character
// domains (tests/e2e/fixtures/join-domain.ts). Suggest: a newcomer who signs in with an address at
// Globex's domain sees Globex on their home page, asks to join and sees "Requested"; Globex's Owner sees
// the request in the users list (members outside the domain marked External, with a filter) and
// approves it; the newcomer then finds Globex among their organizations. Automatic: a newcomer at
// Initrode's domain is a Member of Initrode as soon as they have signed in. At 1280 and 390 px, each
// state recorded (screenshot and axe).
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectNoBrowserErrors, signIn, useBrowser } from './support/browser';
import { recordBothWidths } from './support/asks-first';
import { chooseOption, expectToast, openUsers, shownEmails, userRow } from './support/console';
import { fixtures } from './support/fixtures';
import { gotoReady } from './support/ready';

/** The home page's list of the person's organizations. */
const yourOrganizations = (page: Page) => page.getByRole('list', { name: 'Your organizations' });

describe('joining through a verified domain', () => {
  const chromium = useBrowser();

  test('Suggest: the newcomer asks to join from their home page, the Owner approves in the users list, and the newcomer is a Member', async () => {
    const { organization, owner, contractor, joiner, domain } = fixtures().joinDomain.suggest;
    const { page } = await chromium.open({ clientAddress: '10.31.0.1' });
    await signIn(page, joiner);
    await gotoReady(page, '/');
    const suggestions = page.getByRole('list', { name: 'Organizations you can join' });
    await suggestions.waitFor();
    expect(await suggestions.textContent()).toContain(`For people with an address at ${domain}.`);
    await recordBothWidths(page, 'join-domain-suggested');

    await page.getByRole('button', { name: `Ask to join ${organization.name}` }).click();
    await expectToast(page, `You asked to join ${organization.name}. An Owner or Admin will answer.`);
    await suggestions.getByText('Requested', { exact: true }).waitFor();
    await page.getByRole('button', { name: `Withdraw request to join ${organization.name}` }).waitFor();
    await recordBothWidths(page, 'join-domain-requested');
    expectNoBrowserErrors(page);

    // The Owner: the request above the table; the contractor marked External; the filter.
    const admin = await chromium.open({ clientAddress: '10.31.0.2' });
    await signIn(admin.page, owner.email);
    await openUsers(admin.page, organization.slug);
    const requests = admin.page.getByRole('region', { name: /^Requests/ });
    await requests.waitFor();
    expect(await requests.getByRole('heading', { level: 2 }).textContent()).toBe('Requests 1');
    expect(await requests.textContent()).toContain(joiner);
    expect(await userRow(admin.page, contractor.email).textContent()).toContain('External');
    expect(await userRow(admin.page, owner.email).textContent()).not.toContain('External');
    await recordBothWidths(admin.page, 'join-domain-users-requests');

    await chooseOption(admin.page, 'Filter by address', 'External');
    await expect.poll(() => new URL(admin.page.url()).searchParams.get('external')).toBe('1');
    await expect.poll(() => shownEmails(admin.page)).toEqual([contractor.email]);
    await recordBothWidths(admin.page, 'join-domain-users-external');
    await admin.page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => new URL(admin.page.url()).searchParams.has('external')).toBe(false);
    // The filter shows the list as it is again, not the choice made before Clear filters.
    await expect
      .poll(() => admin.page.getByRole('combobox', { name: 'Filter by address' }).textContent())
      .toBe('Any address');

    await requests.getByRole('button', { name: `Approve ${joiner}` }).click();
    await expectToast(admin.page, `Approved: ${joiner} joined as Member`);
    await expect.poll(() => requests.count()).toBe(0);
    await userRow(admin.page, joiner).waitFor();
    await recordBothWidths(admin.page, 'join-domain-approved');
    expectNoBrowserErrors(admin.page);

    // The newcomer's home page: Globex among their organizations, no suggestion any more.
    await gotoReady(page, '/');
    await yourOrganizations(page).getByText(organization.name, { exact: true }).waitFor();
    expect(await page.getByRole('list', { name: 'Organizations you can join' }).count()).toBe(0);
    await recordBothWidths(page, 'join-domain-member');
    expectNoBrowserErrors(page);
  });

  test('Automatic: a newcomer at the domain is a Member as soon as they have signed in', async () => {
    const { organization, owner, joiner } = fixtures().joinDomain.automatic;
    const { page } = await chromium.open({ clientAddress: '10.31.0.3' });
    await signIn(page, joiner);
    await gotoReady(page, '/');
    const listed = yourOrganizations(page).getByRole('listitem').filter({ hasText: organization.name });
    await listed.waitFor();
    expect(await listed.textContent()).toContain('Member');
    expect(await page.getByRole('list', { name: 'Organizations you can join' }).count()).toBe(0);
    await recordBothWidths(page, 'join-domain-automatic');
    expectNoBrowserErrors(page);

    const admin = await chromium.open({ clientAddress: '10.31.0.4' });
    await signIn(admin.page, owner.email);
    await openUsers(admin.page, organization.slug);
    await userRow(admin.page, joiner).waitFor();
    expect(await userRow(admin.page, joiner).textContent()).not.toContain('External');
  });
});
