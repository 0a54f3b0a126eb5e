// Page numbers from the URL (lib/shared/paging.ts): every paged list reads `?page=` through one parser, and the
// lists themselves accept any number. ?page=1000000000000000000 on the activity page made its OFFSET
// overflow PostgreSQL's bigint and showed the error page.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit';
import { MAX_PAGE, clampPage, parsePage } from '@/lib/shared/paging';
import { parseUserTableParams } from '@/lib/shared/user-table';
import { listUserTable } from '@/lib/user-table/list';
import { useTestDatabase } from '../support/db';
import { createOrganizationWithOwner } from '../support/factories';

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
  it('the activity log answers an empty page instead of failing on the OFFSET', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const result = await listAuditEvents(owner, { organizationId: organization.id, page: Number(HUGE) });
    expect(result).toMatchObject({ events: [], page: MAX_PAGE, total: 1 });
  });

  it('the user table answers an empty page numbered MAX_PAGE', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const result = await listUserTable(owner, { organizationId: organization.id, page: Number(HUGE) });
    expect(result).toMatchObject({ rows: [], page: MAX_PAGE, total: 1, pageCount: 1 });
  });
});
