// The CSV export (lib/members/export.ts, docs/rules.md rule 8d), on PGlite and PostgreSQL: the file holds
// the view's rows in the view's order, every page; it reads back through a CSV parser as the same rows;
// formula cells are neutralised; 10,000 rows come in chunks of EXPORT_CHUNK, read only as they are asked
// for; Members and outsiders are refused before a row is read, and every export is in the audit log.
import { and, eq, sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, memberships, users } from '@/db/schema';
import { eventSentence } from '@/lib/shared/activity-sentences';
import { advanceClock } from '@/lib/clock';
import { recordActivity } from '@/lib/members/last-active';
import {
  EXPORT_CHUNK,
  exportCells,
  exportColumns,
  exportUserList,
  neutralizeCell,
  setMemberStatus,
} from '@/lib/members';
import {
  listUserTable,
  readAllRows,
  readFilters,
  type UserRow,
  type UserTableQuery,
} from '@/lib/user-table/list';
import type { PersonActor as Actor } from '@/lib/shared/actor';
import { sortKeys } from '@/lib/shared/user-table';
import { useCountingHandle } from '../support/counting';
import { useTestDatabase } from '../support/db';
import { english } from '../support/english';
import {
  addInvitation,
  addManyMembers,
  addMember,
  createOrganizationWithOwner,
  createUser,
} from '../support/factories';

const testDb = useTestDatabase();
const countingHandle = useCountingHandle(testDb);

async function exportText(actor: Actor, query: Omit<UserTableQuery, 'page' | 'pageSize'>) {
  const { pieces, total } = await exportUserList(actor, query);
  let text = '';
  for await (const piece of pieces) text += piece;
  return { text, total };
}

/** Every row of the view, page after page, as the users page reads them. */
async function allPages(actor: Actor, query: Omit<UserTableQuery, 'page' | 'pageSize'>, pageSize = 100) {
  const found: UserRow[] = [];
  for (let page = 1; ; page++) {
    const result = await listUserTable(actor, { ...query, page, pageSize });
    found.push(...result.rows);
    if (page >= result.pageCount) return found;
  }
}

function parsed(text: string): string[][] {
  const records: string[][] = parse(text, { bom: true });
  return records;
}

async function exportEvents(organizationId: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.action, 'members.exported')));
}

describe('CSV export', () => {
  it('neutralises every cell a spreadsheet would run as a formula, and nothing else', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(neutralizeCell(`${start}SUM(A1:A9)`)).toBe(`'${start}SUM(A1:A9)`);
    for (const safe of ['ada@example.com', 'Ada Lovelace', '', ' =not first', "'quoted"])
      expect(neutralizeCell(safe)).toBe(safe);
  });

  it('reads back through a CSV parser as the rows of the view, every page, injection cells neutralised', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const db = await getDb();
    const formula = await addMember(organization.id, 'admin');
    await db
      .update(users)
      .set({ name: '=HYPERLINK("http://x.test","click")' })
      .where(eq(users.id, formula.userId));
    const plus = await addMember(
      organization.id,
      'member',
      await createUser({ email: '+tag@example.com', name: '@SUM(1)' }),
    );
    await addMember(
      organization.id,
      'member',
      await createUser({ email: '-dash@example.com', name: '\tTabbed, "quoted"; name' }),
    );
    const suspended = await addMember(organization.id, 'member');
    await setMemberStatus(owner, {
      organizationId: organization.id,
      ids: [suspended.membershipId],
      status: 'suspended',
    });
    await recordActivity(organization.id, plus.membershipId, new Date('2026-11-30T09:15:42.123Z'));
    await addInvitation(organization.id, { role: 'admin', invitedById: owner.userId });
    await addManyMembers(organization.id, 130);

    const query = { organizationId: organization.id };
    const { text, total } = await exportText(owner, query);
    expect(text.startsWith('\uFEFF'), 'a byte order mark, so spreadsheets read UTF-8').toBe(true);
    const [header, ...records] = parsed(text);
    expect(header).toEqual([...exportColumns]);
    const expected = await allPages(owner, query);
    expect(total).toBe(expected.length);
    expect(records).toEqual(expected.map(exportCells));
    expect(records).toHaveLength(136);

    const byEmail = new Map(records.map((record) => [record[0], record]));
    expect(byEmail.get("'+tag@example.com")?.slice(1, 6)).toEqual([
      "'@SUM(1)",
      'Member',
      'Active',
      expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      '2026-11-30T09:15:42Z',
    ]);
    expect(byEmail.get("'-dash@example.com")?.[1]).toBe('\'\tTabbed, "quoted"; name');
    expect(byEmail.get(formula.email)?.[1]).toBe('\'=HYPERLINK("http://x.test","click")');
    expect(byEmail.get(suspended.email)?.slice(2, 4)).toEqual(['Member', 'Suspended']);
    expect(byEmail.get(suspended.email)?.[5], 'never active since joining').toBe('Never');
    const invitation = records.find((record) => record[3] === 'Pending')!;
    expect(invitation.slice(1, 3)).toEqual(['', 'Admin']);
    expect(invitation[5], 'an invitation has no last active').toBe('');
    expect(invitation[6]).toBe(owner.email);
    expect(invitation.slice(7), 'an invitation has no title or department').toEqual(['', '']);
  });

  it('carries the title and department the directory sent, a formula-like one neutralized', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const lee = await addMember(organization.id, 'member');
    const db = await getDb();
    await db
      .update(memberships)
      .set({ title: '=Staff Engineer', department: 'Engineering' })
      .where(eq(memberships.id, lee.membershipId));
    const { text } = await exportText(owner, { organizationId: organization.id });
    const record = parsed(text).find((cells) => cells[0] === lee.email)!;
    expect(record.slice(7)).toEqual(["'=Staff Engineer", 'Engineering']);
  });

  it('keeps the view: its search, role, status and inactivity filters and its order, for every sort key both ways', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    // Sixty members written at the same moment (ties on the date, role and status), two admins, and
    // invitations: keyset chunks of 7 must cross ties and both halves of the list.
    await addManyMembers(organization.id, 60);
    await addMember(organization.id, 'admin');
    await addMember(organization.id, 'admin');
    for (let index = 0; index < 9; index++) await addInvitation(organization.id);
    advanceClock(40 * 24 * 60 * 60 * 1000);
    const db = await getDb();
    for (const sortKey of sortKeys) {
      for (const direction of ['asc', 'desc'] as const) {
        const query = { organizationId: organization.id, sort: sortKey, direction };
        const chunks: UserRow[] = [];
        for await (const chunk of readAllRows(db, readFilters(query), 7)) {
          expect(chunk.length).toBeLessThanOrEqual(7);
          chunks.push(...chunk);
        }
        const pages = await allPages(owner, query, 10);
        expect(
          chunks.map((row) => row.id),
          `${sortKey} ${direction}`,
        ).toEqual(pages.map((row) => row.id));
      }
    }
    const views: Omit<UserTableQuery, 'page' | 'pageSize'>[] = [
      { organizationId: organization.id, search: 'many-1' },
      { organizationId: organization.id, roles: ['admin'] },
      { organizationId: organization.id, statuses: ['pending'] },
      { organizationId: organization.id, inactiveDays: 30, sort: 'name', direction: 'asc' },
    ];
    for (const view of views) {
      const { text } = await exportText(owner, view);
      const emails = parsed(text)
        .slice(1)
        .map((record) => record[0]);
      expect(emails).toEqual((await allPages(owner, view)).map((row) => row.email));
    }
  });

  it('streams 10,000 rows: chunks of EXPORT_CHUNK, each read only when the one before has been taken', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Big');
    await addManyMembers(organization.id, 9_999);
    const { result, statements } = await countingHandle().measure(async () => {
      const { pieces, total } = await exportUserList(owner, { organizationId: organization.id });
      const before = countingHandle().statements.length;
      const header = await pieces.next();
      const first = await pieces.next();
      const afterFirst = countingHandle().statements.length;
      let rows = parsed(`${header.value}${first.value}`).length - 1;
      let largest = rows;
      for await (const piece of pieces) {
        const count = parsed(piece).length;
        largest = Math.max(largest, count);
        rows += count;
      }
      return { total, before, afterFirst, rows, largest };
    });
    expect(result.total).toBe(10_000);
    expect(result.rows).toBe(10_000);
    expect(result.before, 'the access check with the count, and the audit event').toBe(2);
    expect(result.afterFirst, 'the first chunk alone, not the whole list').toBe(3);
    expect(result.largest).toBe(EXPORT_CHUNK);
    expect(statements).toHaveLength(2 + 10_000 / EXPORT_CHUNK + 1);
  });

  it('is for Owners and Admins: a Member, a suspended Admin and an outsider are refused, and nothing is logged', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const admin = await addMember(organization.id, 'admin');
    const member = await addMember(organization.id, 'member');
    const suspended = await addMember(organization.id, 'admin');
    await setMemberStatus(owner, {
      organizationId: organization.id,
      ids: [suspended.membershipId],
      status: 'suspended',
    });
    const outsider = await createUser();
    const query = { organizationId: organization.id };
    await expect(exportUserList(member, query)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportUserList(suspended, query)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(exportUserList(outsider, query)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await exportEvents(organization.id)).toHaveLength(0);
    const { text } = await exportText(admin, query);
    expect(parsed(text)).toHaveLength(1 + 4);
  });

  it('records each export in the audit log with its row count and view', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    await addMember(organization.id, 'admin');
    await addMember(organization.id, 'member');
    await exportText(owner, { organizationId: organization.id, roles: ['admin'], search: 'example' });
    const [event] = await exportEvents(organization.id);
    expect(event).toMatchObject({ actorEmail: owner.email, targetType: 'organization' });
    expect(event.details).toEqual({
      rows: 1,
      search: 'example',
      role: 'admin',
      sort: 'date',
      direction: 'desc',
    });
    expect(eventSentence({ ...event, actorName: null }, english)).toBe(
      `${owner.email} exported the user list as CSV (1 row, search “example”, role Admin)`,
    );
    const db = await getDb();
    const [{ members }] = await db
      .select({ members: sql<number>`count(*)::int` })
      .from(memberships)
      .where(eq(memberships.organizationId, organization.id));
    expect(members, 'an export changes nobody').toBe(3);
  });
});
