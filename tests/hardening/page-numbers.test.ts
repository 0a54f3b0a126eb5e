// Page numbers from the URL (lib/shared/paging.ts): every paged list reads `?page=` through one parser, and the
// lists themselves accept any number. ?page=1000000000000000000 on the activity page made its OFFSET
// overflow PostgreSQL's bigint and showed the error page.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { listAuditEvents } from '@/lib/audit';
import { MAX_PAGE, clampPage, lastPage, pageWithin, parsePage, queryWithPage } from '@/lib/shared/paging';
import { parseUserTableParams } from '@/lib/shared/user-table';
import { listUserTable } from '@/lib/user-table/list';
import { useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner } from '../support/factories';

useTestDatabase();

const HUGE = '1000000000000000000';

describe('parsePage', () => {
  it('property: any ?page= value gives a whole page number from 1 to MAX_PAGE', () => {
    const valueArb = fc.oneof(
      fc.string(),
      fc.stringMatching(/^[0-9]{1,40}$/),
      fc.constantFrom(HUGE, '1e309', '-5', '2.5', '0x10', ' 3', '', '0'),
    );
    fc.assert(
      fc.property(
        fc.oneof(valueArb, fc.array(fc.string(), { maxLength: 3 }), fc.constant(undefined)),
        (value) => {
          const page = parsePage(value);
          expect(Number.isSafeInteger(page)).toBe(true);
          expect(page).toBeGreaterThanOrEqual(1);
          expect(page).toBeLessThanOrEqual(MAX_PAGE);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('plain page numbers are kept; past MAX_PAGE they stop there; anything else is page 1', () => {
    expect(parsePage('7')).toBe(7);
    expect(parsePage(String(MAX_PAGE))).toBe(MAX_PAGE);
    expect(parsePage(HUGE)).toBe(MAX_PAGE);
    expect(parsePage('9'.repeat(400))).toBe(MAX_PAGE);
    for (const value of ['0', '-5', '2.5', '1e3', '0x10', 'abc', '', undefined, ['2', '3']])
      expect(parsePage(value), String(value)).toBe(1);
    expect([clampPage(Number.NaN), clampPage(-3), clampPage(2.7), clampPage(Infinity)]).toEqual([
      1,
      1,
      2,
      MAX_PAGE,
    ]);
  });

  it('the users page reads ?page= with the same parser', () => {
    expect(parseUserTableParams({ page: HUGE }).page).toBe(MAX_PAGE);
    expect(parseUserTableParams({ page: '1e3' }).page).toBe(1);
  });
});

describe('paged lists given a page far past the end', () => {
  it('the activity log answers its last page instead of failing on the OFFSET or showing an empty page', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const result = await listAuditEvents(owner, { organizationId: organization.id, page: Number(HUGE) });
    expect(result).toMatchObject({ page: 1, total: 1 });
    expect(result.events.map((event) => event.action)).toEqual(['organization.created']);
  });

  it('the user table answers its last page, not an empty page numbered MAX_PAGE', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const result = await listUserTable(owner, { organizationId: organization.id, page: Number(HUGE) });
    expect(result).toMatchObject({ page: 1, total: 1, pageCount: 1 });
    expect(result.rows.map((row) => row.email)).toEqual([owner.email]);
  });

  it('a page past the end of a longer list is its last page, with the rows the last page holds', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    for (let n = 0; n < 11; n += 1) await addMember(organization.id, 'member');
    // 12 people, 10 a page: page 2 holds the last 2, whether page 2, 3 or 99999 is asked for.
    const query = { organizationId: organization.id, pageSize: 10, sort: 'email' as const };
    const second = await listUserTable(owner, { ...query, page: 2 });
    const past = await listUserTable(owner, { ...query, page: 99_999 });
    expect(second).toMatchObject({ page: 2, pageCount: 2, total: 12 });
    expect(past).toMatchObject({ page: 2, pageCount: 2, total: 12 });
    expect(past.rows.map((row) => row.email)).toEqual(second.rows.map((row) => row.email));
    expect(past.rows).toHaveLength(2);

    // The log: its creation and 11 more events, 5 a page, so page 3 holds the last 2.
    await (await getDb()).insert(auditEvents).values(
      Array.from({ length: 11 }, (_, n) => ({
        organizationId: organization.id,
        action: 'member.removed' as const,
        targetType: 'member' as const,
        targetEmail: `gone${n}@example.com`,
        createdAt: new Date(Date.UTC(2026, 0, 1 + n)),
      })),
    );
    const events = await listAuditEvents(owner, { organizationId: organization.id, pageSize: 5 });
    const lastEvents = await listAuditEvents(owner, {
      organizationId: organization.id,
      pageSize: 5,
      page: 3,
    });
    const pastEvents = await listAuditEvents(owner, {
      organizationId: organization.id,
      pageSize: 5,
      page: 99_999,
    });
    expect(events.total).toBe(12);
    expect(pastEvents).toMatchObject({ page: 3, total: 12 });
    expect(pastEvents.events.map((event) => event.id)).toEqual(lastEvents.events.map((event) => event.id));
  });
});

describe('pageWithin and queryWithPage', () => {
  it('a page past the end is the last page; an empty list has page 1; a page that exists is kept', () => {
    expect(pageWithin(16, 375, 25)).toBe(15);
    expect(pageWithin(99_999, 375, 25)).toBe(15);
    expect(pageWithin(15, 375, 25)).toBe(15);
    expect(pageWithin(3, 375, 25)).toBe(3);
    expect(pageWithin(5, 0, 25)).toBe(1);
    expect(pageWithin(Number(HUGE), 26, 25)).toBe(2);
    expect([lastPage(0, 25), lastPage(25, 25), lastPage(26, 25)]).toEqual([1, 1, 2]);
  });

  it('property: the page shown always exists and never passes the one asked for', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 2_000_000 }),
        fc.nat(100_000),
        fc.constantFrom(10, 25, 50, 100),
        (page, total, size) => {
          const shown = pageWithin(page, total, size);
          expect(shown).toBeGreaterThanOrEqual(1);
          expect(shown).toBeLessThanOrEqual(lastPage(total, size));
          expect(shown).toBeLessThanOrEqual(Math.max(1, clampPage(page)));
          if (total > 0) expect((shown - 1) * size).toBeLessThan(total);
        },
      ),
    );
  });

  it('the URL keeps every other parameter and says the page shown (page 1 left out)', () => {
    expect(queryWithPage({ q: 'ann', role: 'admin', page: '99999' }, 15)).toBe('?q=ann&role=admin&page=15');
    expect(queryWithPage({ page: '99999' }, 1)).toBe('');
    expect(queryWithPage({ status: ['a', 'b'], page: '7', x: undefined }, 2)).toBe(
      '?status=a&status=b&page=2',
    );
  });
});
