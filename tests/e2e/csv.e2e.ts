// The list in and out as CSV (docs/rules.md rule 8d) in the browser. Ledger (tests/e2e/fixtures/seed.ts) is
// this file's organization: Lee its Owner, Liv its Admin, Lou (named like a formula) and Lin its Members.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { expectNoBrowserErrors, signIn, useBrowser } from './support/browser';
import { expectRow, openInviteModal, openUsers, outcomesIn, recordPage } from './support/console';
import { fixtures } from './support/fixtures';
import { addressOfLength } from './support/invite-dialog';
import { gotoReady } from './support/ready';

describe('CSV', () => {
  const chromium = useBrowser();

  test('Export CSV downloads the view on screen (its filter, every row), the formula-like name neutralised, and the export is in Activity; a Member and a request from another site are refused', async () => {
    const { organization, owner, formula, member } = fixtures().ledger;
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    await openUsers(page, organization.slug, 'role=member&sort=email&dir=asc');
    const exportLink = page.getByRole('link', { name: 'Export CSV' });
    expect(await exportLink.getAttribute('href')).toBe(
      `/admin/${organization.slug}/users/export?role=member&sort=email&dir=asc`,
    );
    const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^${organization.slug}-users-\\d{4}-\\d\\d-\\d\\d\\.csv$`),
    );
    const text = fs.readFileSync(await download.path(), 'utf8');
    const table: string[][] = parse(text, { bom: true });
    const [header, ...records] = table;
    expect(header).toEqual([
      'Email',
      'Name',
      'Role',
      'Status',
      'Joined or invited',
      'Last active',
      'Invited by',
      'Title',
      'Department',
    ]);
    expect(records.map((record) => record.slice(0, 4))).toEqual([
      [member.email, member.name, 'Member', 'Active'],
      [formula.email, `'${formula.name}`, 'Member', 'Active'],
    ]);
    expect(records.every((record) => record[6] === owner.email)).toBe(true);

    await gotoReady(page, `/admin/${organization.slug}/activity`);
    await expect
      .poll(() => page.getByRole('main').textContent())
      .toContain('exported the user list as CSV (2 rows, role Member)');

    // Another site's link: refused without an export (the browser says where the request came from).
    const crossSite = await page.request.get(
      new URL(`/admin/${organization.slug}/users/export`, page.url()).href,
      {
        headers: { 'Sec-Fetch-Site': 'cross-site' },
      },
    );
    expect(crossSite.status()).toBe(403);
    const { page: memberPage } = await chromium.open({ clientAddress: '10.8.4.2' });
    await signIn(memberPage, member.email);
    const refused = await memberPage.request.get(
      new URL(`/admin/${organization.slug}/users/export`, memberPage.url()).href,
    );
    expect(refused.status()).toBe(403);
    expect(await refused.text()).not.toContain(owner.email);
    expectNoBrowserErrors(page);
  });

  test('Upload CSV in Invite New User: the preview names every bad row, the good ones become chips with their roles, and Send Invitation invites them', async () => {
    const { organization, admin, member } = fixtures().ledger;
    const long = addressOfLength('csv-long', 80);
    const file = [
      'email;role',
      'ana-admin@ledger.test;Admin',
      'mo-member@ledger.test;',
      `${long};member`,
      `${member.email};member`,
      'not-an-address;member',
      'boss@ledger.test;Owner',
      'who@ledger.test;Manager',
      'ANA-admin@ledger.test;member',
    ].join('\r\n');
    const { page } = await chromium.open();
    await signIn(page, admin.email);
    await openUsers(page, organization.slug);
    const { dialog, send } = await openInviteModal(page);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      dialog.getByRole('button', { name: 'Upload CSV' }).click(),
    ]);
    await chooser.setFiles({
      name: 'engineering-department-new-starters-december.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${file}`, 'utf8'),
    });
    const rows = dialog.getByRole('list', {
      name: 'Rows of engineering-department-new-starters-december.csv',
    });
    await rows.waitFor();
    await expect
      .poll(() => dialog.textContent())
      .toContain('3 rows ready to invite · 5 rows will not be sent');
    const lines = await rows.getByRole('listitem').allTextContents();
    const expected: [number, string, string][] = [
      [2, 'ana-admin@ledger.test', 'Ready as Admin'],
      [3, 'mo-member@ledger.test', 'Ready as Member'],
      [4, long, 'Ready as Member'],
      [5, member.email, 'Already a member of the organization: nothing to send'],
      [6, 'not-an-address', 'Not a valid email address'],
      [
        7,
        'boss@ledger.test',
        'Owner is not allowed: invite as Admin or Member, then make them Owner after they join',
      ],
      [8, 'who@ledger.test', 'Unknown role “Manager”: use Admin or Member'],
      [9, 'ana-admin@ledger.test', 'Repeats line 2: invited once'],
    ];
    expect(lines).toHaveLength(expected.length);
    for (const [index, [line, email, message]] of expected.entries()) {
      expect(lines[index]).toContain(`Line ${line}`);
      expect(lines[index]).toContain(email);
      expect(lines[index]).toContain(message);
    }
    const chips = dialog.getByRole('list', { name: /^Addresses to invite/ });
    const chipTexts = await chips.getByRole('listitem').allTextContents();
    expect(chipTexts.map((chip) => chip.replace(/\s*·\s*/, ' · ').trim())).toEqual([
      'ana-admin@ledger.test · Admin',
      'mo-member@ledger.test',
      `${long} · Member`,
    ]);
    await recordPage(page, 'csv-upload-preview');
    await page.setViewportSize({ width: 390, height: 844 });
    await recordPage(page, 'csv-upload-preview-390');
    await page.setViewportSize({ width: 1280, height: 720 });

    await send.click();
    const results = page
      .getByRole('dialog')
      .filter({ has: page.getByRole('list', { name: 'Invitation results' }) });
    await results.waitFor();
    expect(await outcomesIn(results)).toEqual({
      'ana-admin@ledger.test': 'Invited',
      'mo-member@ledger.test': 'Invited',
      [long]: 'Invited',
    });
    await page.keyboard.press('Escape');
    await openUsers(page, organization.slug, 'status=pending');
    await expectRow(page, 'ana-admin@ledger.test', { role: 'Admin', status: 'Pending' });
    await expectRow(page, 'mo-member@ledger.test', { role: 'Member', status: 'Pending' });
    expectNoBrowserErrors(page);
  });

  test('a file that is not a list of addresses is refused whole, in words, and nothing is added', async () => {
    const { organization, owner } = fixtures().ledger;
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    await openUsers(page, organization.slug);
    const { dialog } = await openInviteModal(page);
    await dialog.getByTestId('invite-csv-file').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name,team\nAda,ada@example.com\n'),
    });
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('The header row has no email column. Name it “email”, or leave the header out.');
    expect(await dialog.getByRole('list', { name: /^Addresses to invite/ }).count()).toBe(0);
    expectNoBrowserErrors(page);
  });
});
