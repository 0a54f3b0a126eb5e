// The activity page: filters by person, kind of change and days (kept in the URL), entries that read as
// sentences, and a layout that fits a phone. Wonka (tests/e2e/fixtures/seed.ts) is this file's
// organization, with five events on fixed days of March and April 2026; the keyboard suite only reads it.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectNoBrowserErrors, signIn, useBrowser } from './support/browser';
import { fixtures } from './support/fixtures';
import { expectNoSidewaysScroll, expectNothingClipped, recordStrict } from './support/layout';
import { gotoReady } from './support/ready';

/** The text of each body row of the activity table, top to bottom, white space folded. */
async function rows(page: Page): Promise<string[]> {
  const texts = await page
    .locator('main table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText));
  return texts.map((text) => text.replace(/\s+/g, ' ').trim());
}

async function openActivity(page: Page, query = '') {
  const { slug } = fixtures().wonka.organization;
  const response = await gotoReady(page, `/admin/${slug}/activity${query}`);
  expect(response?.status()).toBe(200);
  await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
}

/** Submits the filter form and waits for the URL to carry `expected` (a query string, "" for none). */
async function apply(page: Page, expected: string) {
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL((url) => url.search === expected);
  await page.getByRole('button', { name: 'Apply filters' }).waitFor();
  await expect.poll(() => page.getByRole('button', { name: 'Apply filters' }).isEnabled()).toBe(true);
}

describe('activity', () => {
  const chromium = useBrowser();

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    test(`at ${viewport.width} px the entries read as sentences naming an address once, nothing is clipped or scrolls sideways, and axe passes with the landmark rules`, async () => {
      const { owner, long } = fixtures().wonka;
      const { page } = await chromium.open({ viewport, clientAddress: '10.8.1.1' });
      await signIn(page, owner.email);
      await openActivity(page);

      const shown = await rows(page);
      expect(shown.some((row) => row.includes('heidi@bucket.test declined the invitation'))).toBe(true);
      expect(shown.join('\n')).not.toContain('declined the invitation for');
      expect(shown.some((row) => row.includes(`Augustus Gloop invited ${long.email} as Admin`))).toBe(true);
      expect(shown.some((row) => row.includes('Willy Wonka removed slugworth@rival.test (Member)'))).toBe(
        true,
      );
      // Every row shows when it happened, on a phone too.
      expect(shown.find((row) => row.includes('declined'))).toContain('Mar 3, 2026');

      await expectNoSidewaysScroll(page, `activity at ${viewport.width}`);
      await expectNothingClipped(page, 'main table td, main table th', `activity at ${viewport.width}`);
      await recordStrict(page, `activity-${viewport.width}`);
      expectNoBrowserErrors(page);
    });
  }

  test('filters by person, kind of change and a range of days through the form; each is kept in the URL and Clear removes them', async () => {
    const { owner, admin } = fixtures().wonka;
    const { page } = await chromium.open({ clientAddress: '10.8.1.2' });
    await signIn(page, owner.email);
    await openActivity(page);
    const all = (await rows(page)).length;
    expect(all).toBeGreaterThanOrEqual(5);

    await page.getByLabel('Person').fill(admin.email);
    await apply(page, `?who=${encodeURIComponent(admin.email)}`);
    await expect.poll(async () => (await rows(page)).length).toBe(2);
    expect((await rows(page)).every((row) => row.includes('Augustus Gloop'))).toBe(true);

    await page.getByLabel('Kind of change').selectOption({ label: 'Role changes' });
    await apply(page, `?who=${encodeURIComponent(admin.email)}&kind=roles`);
    await expect.poll(async () => (await rows(page)).length).toBe(1);
    expect((await rows(page))[0]).toContain('changed the role of');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('1 event match');

    await page.getByRole('link', { name: 'Clear' }).click();
    await page.waitForURL((url) => url.search === '');
    await expect.poll(async () => (await rows(page)).length).toBe(all);
    await expect.poll(() => page.getByLabel('Person').inputValue()).toBe('');

    await page.getByLabel('From').fill('2026-03-01');
    await page.getByLabel('To').fill('2026-03-05');
    await apply(page, '?from=2026-03-01&to=2026-03-05');
    await expect.poll(async () => (await rows(page)).length).toBe(2);
    const inRange = await rows(page);
    expect(inRange[0]).toContain('heidi@bucket.test declined the invitation');
    expect(inRange[1]).toContain('Willy Wonka invited heidi@bucket.test as Member');
    await recordStrict(page, 'activity-filtered-dates');

    // The last day of the range counts in full: To 2026-03-03 still shows the decline at 10:00 that day.
    await page.getByLabel('To').fill('2026-03-03');
    await apply(page, '?from=2026-03-01&to=2026-03-03');
    await expect.poll(async () => (await rows(page)).length).toBe(2);

    await page.getByLabel('Kind of change').selectOption({ label: 'Invitations accepted or declined' });
    await apply(page, '?kind=answers&from=2026-03-01&to=2026-03-03');
    await expect.poll(async () => (await rows(page)).length).toBe(1);
    expectNoBrowserErrors(page);
  });

  test('a person in the list links to their own activity, and malformed filters in the URL are ignored', async () => {
    const { owner } = fixtures().wonka;
    const { page } = await chromium.open({ clientAddress: '10.8.1.3' });
    await signIn(page, owner.email);
    await openActivity(page);
    const all = (await rows(page)).length;

    await page.getByRole('link', { name: 'heidi@bucket.test' }).first().click();
    await page.waitForURL((url) => url.searchParams.get('who') === 'heidi@bucket.test');
    // Her activity is what she did and what was done to her: the invitation sent to her, and her declining it.
    await expect.poll(async () => (await rows(page)).length).toBe(2);
    const hers = await rows(page);
    expect(
      hers.some((row) => /invited heidi@bucket\.test/.test(row)),
      hers.join('\n'),
    ).toBe(true);
    expect(
      hers.some((row) => /declined/.test(row)),
      hers.join('\n'),
    ).toBe(true);
    await expect.poll(() => page.getByLabel('Person').inputValue()).toBe('heidi@bucket.test');

    await openActivity(page, '?who=not-an-address&kind=everything&from=2026-02-30&to=yesterday&page=x');
    expect((await rows(page)).length).toBe(all);
    expect(await page.getByLabel('Person').inputValue()).toBe('');
    expect(await page.getByLabel('From').inputValue()).toBe('');
    expect(await page.getByRole('link', { name: 'Clear' }).count()).toBe(0);
    expectNoBrowserErrors(page);
  });

  test('the development mailbox has its <main>, shows the selected email, and at 390 px it does not scroll sideways', async () => {
    const { long } = fixtures().wonka;
    const { page } = await chromium.open({
      viewport: { width: 390, height: 844 },
      clientAddress: '10.8.1.4',
    });
    // A sign-in email to the 80-character address puts a long recipient in the list and the header.
    await gotoReady(page, '/login');
    await page.getByLabel('Email', { exact: true }).fill(long.email);
    await page.getByRole('button', { name: 'Sign in with email' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      await gotoReady(page, '/dev/mailbox');
      await page.getByRole('heading', { name: /^Inbox/ }).waitFor();
      expect(await page.getByRole('main').count()).toBe(1);
      await expect.poll(() => page.getByRole('main').textContent()).toContain(long.email);
      // The selected email itself shows, at both widths (its frame is filled after the page has loaded).
      await page.frameLocator('iframe[title^="Email: "]').getByText('This link expires').waitFor();
      await expectNoSidewaysScroll(page, `mailbox at ${width}`);
      await recordStrict(page, `mailbox-${width}`);
    }
    expectNoBrowserErrors(page);
  });
});
