// The users table on a phone and on a desktop (issue 8): at 390 px each row stacks name, address, role
// and status with nothing clipped and nothing to scroll sideways, at 1280 px the columns are back; an
// invitation row says when it was last sent, how many times and when it expires (or expired); a declined
// invitation stays listed as Declined; and a page of 25 rows stays under 100 KB of HTML.
//
// Fixtures (tests/e2e/fixtures/seed.ts, the users-phone block): Northwind, a long name, with an Admin
// whose address is 80 characters, 24 Members, an 80-character invitation sent 3 times, an expired one
// and a declined one.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS_DIR, expectNoBrowserErrors, signIn, useBrowser } from './support/browser';
import { chooseOption, openUsers, recordPage, roleAndStatus, userRow } from './support/console';
import { fixtures } from './support/fixtures';
import { measureLayout } from './support/phone';

const widths = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
];

describe('the users table on a phone and on a desktop', () => {
  const chromium = useBrowser();

  for (const { name, viewport } of widths) {
    test(`at ${viewport.width} px nothing overflows the window, and every row shows its role and status inside it, unclipped`, async () => {
      const { northwind } = fixtures().organizations;
      const { owner, longMember, invitations } = fixtures().phone;
      expect(longMember.email).toHaveLength(80);
      expect(invitations.long).toHaveLength(80);
      const { page } = await chromium.open({ viewport });
      await signIn(page, owner.email);
      for (const query of ['', 'q=northwind.test&sort=name&dir=asc&size=50']) {
        await openUsers(page, northwind.slug, query);
        await page.getByText(northwind.name).first().waitFor();
        const layout = await measureLayout(page);
        expect(layout.scrollWidth, layout.overflowing.join('\n')).toBeLessThanOrEqual(layout.innerWidth);
        expect(layout.overflowing).toEqual([]);
        expect(layout.rows.length).toBeGreaterThan(0);
        for (const row of layout.rows) {
          // One role badge and one status badge are shown per row, whichever layout, inside the window.
          expect(row.badges, row.email).toHaveLength(2);
          for (const badge of row.badges) {
            expect(badge.left, `${row.email}: ${badge.text}`).toBeGreaterThanOrEqual(0);
            expect(badge.right, `${row.email}: ${badge.text}`).toBeLessThanOrEqual(layout.innerWidth);
          }
          expect(row.controls.map((control) => control.label)).toEqual([
            `Select ${row.email}`,
            'More options',
          ]);
          expect(
            row.controls.every((control) => control.inside),
            row.email,
          ).toBe(true);
          expect(row.clipped, row.email).toEqual([]);
        }
        const emails = layout.rows.map((row) => row.email);
        if (query) expect(emails).toEqual(expect.arrayContaining([longMember.email, invitations.long]));
        await recordPage(page, `users-phone-${name}${query ? '-search' : ''}`);
      }
      // The long address is on the screen in full, not cut off with an ellipsis.
      await expect
        .poll(() => userRow(page, longMember.email).getByText(longMember.email).isVisible())
        .toBe(true);
      expectNoBrowserErrors(page);
    });
  }

  test('an invitation row says when it was last sent (date and time), how many times, and when it expires; an expired one "Expired on …"', async () => {
    const { northwind } = fixtures().organizations;
    const { owner, invitations } = fixtures().phone;
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    await openUsers(page, northwind.slug, 'q=northwind.test&sort=name&dir=asc&size=50');
    const long = userRow(page, invitations.long);
    await expect
      .poll(() => long.textContent())
      .toMatch(/Last sent [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M UTC \(sent 3 times\)/);
    await expect
      .poll(() => long.textContent())
      .toMatch(/Expires [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M UTC/);
    expect(await roleAndStatus(page, invitations.long)).toEqual({ role: 'Member', status: 'Pending' });

    const expired = userRow(page, invitations.expired);
    await expect.poll(() => expired.textContent()).toMatch(/Expired on [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    expect(await expired.textContent()).not.toMatch(/Expires /);
    expect(await roleAndStatus(page, invitations.expired)).toEqual({ role: 'Member', status: 'Expired' });
    const title = await expired.getByRole('cell').nth(3).locator('.badge').getAttribute('title');
    expect(title).toMatch(/^Expired on /);
    // The date column says what it shows.
    await page.getByRole('columnheader', { name: /^Added/ }).waitFor();
    await recordPage(page, 'users-phone-invitation-rows');
    expectNoBrowserErrors(page);
  });

  test('a declined invitation is listed as Declined, and the status filter offers Declined', async () => {
    const { northwind } = fixtures().organizations;
    const { owner, invitations } = fixtures().phone;
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    await openUsers(page, northwind.slug, 'q=nope');
    expect(await roleAndStatus(page, invitations.declined)).toEqual({ role: 'Member', status: 'Declined' });
    await openUsers(page, northwind.slug);
    await chooseOption(page, 'Filter by status', 'Declined');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('declined');
    await expect
      .poll(() =>
        page
          .locator('tr[data-row-email]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-email'))),
      )
      .toEqual([invitations.declined]);
    await recordPage(page, 'users-phone-declined');
    expectNoBrowserErrors(page);
  });

  test('a users page of 25 rows weighs at most 100 KB of HTML', async () => {
    const { northwind } = fixtures().organizations;
    const { owner } = fixtures().phone;
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    await openUsers(page, northwind.slug);
    const response = await page.request.get(`/admin/${northwind.slug}/users`);
    expect(response.status()).toBe(200);
    const html = await response.text();
    const rows = (html.match(/data-row-email="/g) ?? []).length;
    const bytes = Buffer.byteLength(html);
    // Kept beside the screenshots, to see where the bytes go.
    fs.writeFileSync(path.join(ARTIFACTS_DIR, 'users-page.html'), html);
    console.log(`[users-phone] users page: ${bytes} bytes of HTML for ${rows} rows`);
    expect(rows).toBe(25);
    expect(bytes).toBeLessThanOrEqual(100_000);
  });

  test('before any script runs, the role, status, activity, sort and rows-per-page boxes already show their choice (the server HTML names it)', async () => {
    const { northwind } = fixtures().organizations;
    const { owner } = fixtures().phone;
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    const response = await page.request.get(`/admin/${northwind.slug}/users?role=member&size=50`);
    expect(response.status()).toBe(200);
    const html = await response.text();
    const shown = [...html.matchAll(/data-slot="select-value"[^>]*>([^<]*)</g)].map((match) => match[1]);
    expect(shown).toEqual(['Member', 'All statuses', 'Any activity', 'Newest first', '50']);
  });
});
