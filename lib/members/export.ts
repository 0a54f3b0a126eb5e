// The user list as CSV (docs/rules.md rule 8d): the view an admin is looking at, its search, filters and
// sort, every page of it. The access check and the count come first, with the audit event; the rows
// follow in chunks of EXPORT_CHUNK read one after another by keyset (lib/user-table/rows.ts `readAllRows`),
// each turned into CSV text as it comes, so the server holds one chunk whatever the organization's size.
import 'server-only';
import { stringify } from 'csv-stringify/sync';
import { getDb } from '@/db/client';
import type { Actor } from '../shared/actor';
import { auditInsert } from '../audit';
import { roleLabels } from '@/lib/shared/roles';
import { statusLabels } from '../shared/user-table';
import {
  countAndAuthorize,
  readAllRows,
  readFilters,
  type UserRow,
  type UserTableQuery,
} from '../user-table/list';

/** Rows per statement and per piece of the answer. */
export const EXPORT_CHUNK = 500;

export const exportColumns = [
  'Email',
  'Name',
  'Role',
  'Status',
  'Joined or invited',
  'Last active',
  'Invited by',
  // What the directory sent (memberships.title, .department): empty for others and for invitations.
  'Title',
  'Department',
] as const;

/**
 * A cell a spreadsheet could take for a formula (OWASP's CSV injection rule: it starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) gets a leading `'`, so it shows as the text it is. An address may
 * start with `-` or `+`, and a name with anything.
 */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A time as spreadsheets read it, in UTC, to the second: 2026-12-02T11:05:00Z. */
function timestamp(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

/** One row of the table as the export's cells, in exportColumns' order. */
export function exportCells(row: UserRow): string[] {
  const lastActive =
    row.kind === 'invitation' ? '' : row.lastActiveAt ? timestamp(row.lastActiveAt) : 'Never';
  return [
    row.email,
    row.name ?? '',
    roleLabels[row.role],
    statusLabels[row.status],
    timestamp(row.date),
    lastActive,
    row.invitedBy ?? '',
    row.title ?? '',
    row.department ?? '',
  ].map(neutralizeCell);
}

/** CSV text of `records`: every cell quoted (OWASP asks for it, and a cell may hold `,`, `;` or a line break), CRLF line ends (RFC 4180). */
function csv(records: string[][]): string {
  return stringify(records, { quoted: true, record_delimiter: 'windows' });
}

export interface UserListExport {
  /** The rows the view held when the export began. */
  total: number;
  /** The file's text, piece by piece: a byte order mark and the header first (spreadsheets then read UTF-8), then one piece per chunk. */
  pieces: AsyncGenerator<string>;
}

/**
 * Exports the view `query` describes (its page and page size are ignored: every row goes). Owners and
 * Admins (`members:export`); refuses a non-member (NOT_FOUND) and a Member (FORBIDDEN) before reading a
 * row. Writes the audit event `members.exported` with the row count and the view before the first row is
 * read; the pieces are read as they are asked for.
 */
export async function exportUserList(
  actor: Actor,
  query: Omit<UserTableQuery, 'page' | 'pageSize'>,
): Promise<UserListExport> {
  const db = await getDb();
  const filters = readFilters(query);
  const { total } = await countAndAuthorize(db, actor, filters, 'members:export');
  await db.execute(
    auditInsert(query.organizationId, actor, [
      {
        action: 'members.exported',
        targetType: 'organization',
        targetId: query.organizationId,
        details: {
          rows: total,
          ...(query.search?.trim() ? { search: query.search.trim() } : {}),
          ...(query.roles?.length === 1 ? { role: query.roles[0] } : {}),
          ...(query.statuses?.length === 1 ? { status: query.statuses[0] } : {}),
          ...(query.inactiveDays ? { inactiveDays: query.inactiveDays } : {}),
          ...(query.external ? { external: true } : {}),
          sort: filters.sortKey,
          direction: filters.descending ? 'desc' : 'asc',
        },
      },
    ]),
  );
  async function* pieces(): AsyncGenerator<string> {
    yield `\uFEFF${csv([[...exportColumns]])}`;
    for await (const chunk of readAllRows(db, filters, EXPORT_CHUNK)) yield csv(chunk.map(exportCells));
  }
  return { total, pieces: pieces() };
}
