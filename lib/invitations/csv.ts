// An invitation list uploaded as CSV (docs/rules.md rule 8d): a column of addresses and an optional role
// column, a header row or none, comma or semicolon, UTF-8 with or without a byte order mark, at most
// MAX_CSV_ROWS rows. Each row is checked before anything is sent (its address, its role, a repeat of an
// earlier row, someone already a member), so the admin sees every row's fate in the preview; the rows
// then go out through inviteMembers like typed addresses, under the same rules and caps.
import 'server-only';
import { CsvError, parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { invitations, memberships, organizations, users } from '@/db/schema';
import { memberRoleValues } from '@/db/values';
import type { PersonActor } from '../shared/actor';
import { actorRoleQuery, requirePermission } from '../access';
import { now } from '../clock';
import { isValidEmail, normalizeEmail } from '../shared/email-address';
import { fail, refuse } from '../shared/errors';
import { MAX_CSV_BYTES, MAX_CSV_ROWS } from '../shared/limits';
import { invitableRoles } from '../shared/policy';
import { roleLabels } from '@/lib/shared/roles';
import { rolesWith } from '@/lib/shared/permissions';
import type { InvitationRole } from '@/db/values';
import { seatsLeft, seatsUsedQuery } from '../organizations/seats';
import { column, rows, textArray } from '../sql';
import { INVALID_ADDRESS } from '../shared/invite-outcomes';
import { z } from 'zod';

/** Why a row will not be sent. */
export type CsvRowProblem =
  'no_address' | 'invalid_address' | 'unknown_role' | 'owner_role' | 'duplicate' | 'already_member';

/**
 * Why a row will not be sent: its code and the facts the preview's sentence names (the repeated line, the
 * role cell as written, the role the actor may not give), which the invite modal puts in the reader's
 * language (invite.csv.problems); `message` is the same sentence in English, for the API and the logs.
 */
export interface CsvProblem {
  code: CsvRowProblem;
  message: string;
  values?: { line?: number; value?: string; role?: InvitationRole };
}

export interface CsvInviteRow {
  /** The row's line in the file (a quoted cell may span lines: where the row starts). */
  line: number;
  /** The address as normalized, or the cell as it was when it is not one. */
  email: string;
  /** The role the row names; null when it names none (the role chosen in the form applies). */
  role: InvitationRole | null;
  problem?: CsvProblem;
  /** A row that will go: true when the address has a pending invitation, which is sent again with a new link. */
  resend?: boolean;
}

export interface CsvInvitePreview {
  rows: CsvInviteRow[];
  /** Rows that will be sent, and rows that will not. */
  ready: number;
  problems: number;
  /** Seats free now, when the organization has a limit (rows past it will be `no_seat`); null without one. */
  seatsLeft: number | null;
}

const EMAIL_HEADERS = new Set(['email', 'e-mail', 'email address', 'e-mail address', 'mail', 'address']);
const ROLE_HEADERS = new Set(['role', 'roles']);

/** A cell as a header name: trimmed, lower-case, inner white space single. */
const headerName = (cell: string) => cell.trim().toLowerCase().replace(/\s+/g, ' ');

/** The records of the file, each with the line it starts on; refuses what is not CSV, or too long a file. */
function records(text: string): { cells: string[]; line: number }[] {
  if (new TextEncoder().encode(text).length > MAX_CSV_BYTES)
    refuse('TOO_MANY_ROWS', {
      message: `The file is larger than ${MAX_CSV_BYTES / 1024} KB. Split it and upload each part.`,
      detail: { key: 'csvTooLarge', values: { size: String(MAX_CSV_BYTES / 1024) } },
    });
  try {
    const found = parse(text, {
      bom: true,
      delimiter: [',', ';'],
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // A header and one row past the limit are enough to know the file is too long.
      to: MAX_CSV_ROWS + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return found.map(({ record, info }) => ({ cells: record, line: info.lines }));
  } catch (error) {
    if (error instanceof CsvError)
      refuse('INVALID_CSV', {
        message: `That file could not be read as CSV (${error.message}). Save it from your spreadsheet as CSV and try again.`,
        // The parser's own words stay English: the sentence around them says what to do.
        detail: { key: 'csvUnreadable', values: { reason: error.message } },
      });
    throw error;
  }
}

/** The role a cell names: Admin or Member, null for none, or the problem with it. */
function readRole(cell: string | undefined): {
  role: InvitationRole | null;
  problem?: CsvInviteRow['problem'];
} {
  const value = (cell ?? '').trim();
  const name = value.toLowerCase();
  if (name === '') return { role: null };
  if (name === 'admin' || name === 'administrator') return { role: 'admin' };
  if (name === 'member') return { role: 'member' };
  if (name === 'owner')
    return {
      role: null,
      problem: {
        code: 'owner_role',
        message: 'Owner is not allowed: invite as Admin or Member, then make them Owner after they join',
      },
    };
  return {
    role: null,
    problem: {
      code: 'unknown_role',
      message: `Unknown role “${value.slice(0, 40)}”: use Admin or Member`,
      values: { value: value.slice(0, 40) },
    },
  };
}

/**
 * Reads the file's rows and checks what needs no database: an address in each row, valid, not a repeat
 * of an earlier row, and a role that is Admin, Member or empty. A first row naming an email or role
 * column, or holding no address above rows that do, is a header (its `email` column is the address, its
 * `role` column, if any, the role); without one, the first column is the address and the second the
 * role. Refuses a file that is not CSV (INVALID_CSV), holds no row, or more than MAX_CSV_ROWS
 * (TOO_MANY_ROWS).
 */
export function readInviteCsv(text: string): CsvInviteRow[] {
  const found = records(text);
  const header = found[0]?.cells.map(headerName) ?? [];
  const emailColumn = header.findIndex((cell) => EMAIL_HEADERS.has(cell));
  // A header names its columns; a first row with no address in it, above rows that hold some, is one too.
  const hasAt = (cells: string[]) => cells.some((cell) => cell.includes('@'));
  const hasHeader =
    emailColumn >= 0 ||
    header.some((cell) => ROLE_HEADERS.has(cell)) ||
    (!hasAt(found[0]?.cells ?? []) && found.slice(1).some((record) => hasAt(record.cells)));
  if (hasHeader && emailColumn < 0)
    refuse('INVALID_CSV', {
      message: 'The header row has no email column. Name it “email”, or leave the header out.',
      detail: { key: 'csvNoEmailColumn' },
    });
  const body = hasHeader ? found.slice(1) : found;
  if (body.length === 0)
    refuse('INVALID_CSV', { message: 'The file has no rows to invite.', detail: { key: 'csvNoRows' } });
  if (body.length > MAX_CSV_ROWS) fail('TOO_MANY_ROWS');
  const roleColumn = hasHeader ? header.findIndex((cell) => ROLE_HEADERS.has(cell)) : 1;
  const firstLine = new Map<string, number>();
  return body.map(({ cells, line }) => {
    const raw = (cells[hasHeader ? emailColumn : 0] ?? '').trim();
    const email = normalizeEmail(raw.replace(/^<|>$/g, ''));
    const { role, problem: roleProblem } = readRole(roleColumn >= 0 ? cells[roleColumn] : undefined);
    const row: CsvInviteRow = { line, email: email || raw, role };
    const earlier = firstLine.get(email);
    if (!email) row.problem = { code: 'no_address', message: 'No email address in this row' };
    else if (!isValidEmail(email)) row.problem = { code: 'invalid_address', message: INVALID_ADDRESS };
    else if (earlier !== undefined)
      row.problem = {
        code: 'duplicate',
        message: `Repeats line ${earlier}: invited once`,
        values: { line: earlier },
      };
    else if (roleProblem) row.problem = roleProblem;
    if (email && !firstLine.has(email)) firstLine.set(email, line);
    return row;
  });
}

/**
 * The preview of an uploaded list for the invite modal: readInviteCsv's checks, then, in one statement,
 * the actor's right to invite (Owners and Admins; NOT_FOUND for a non-member, FORBIDDEN for a Member),
 * the members already there (nothing to send), the pending invitations (sent again), and the seats left.
 */
export async function previewInviteCsv(
  actor: PersonActor,
  input: { organizationId: string; csv: string },
): Promise<CsvInvitePreview> {
  const list = readInviteCsv(input.csv);
  const addresses = list.filter((row) => !row.problem).map((row) => row.email);
  const db = await getDb();
  const inviters = `{${rolesWith('members:invite').join(',')}}`;
  const found = await rows(
    db,
    sql`WITH actor AS (${actorRoleQuery(input.organizationId, actor)}),
        known AS (
          SELECT u.email, 'member' AS kind FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id
            WHERE m.organization_id = ${input.organizationId} AND u.email = ANY(${textArray(addresses)})
          UNION ALL
          SELECT i.email, 'pending' FROM ${invitations} i
            WHERE i.organization_id = ${input.organizationId} AND i.status = 'pending'
              AND i.email = ANY(${textArray(addresses)}))
        SELECT a.role::text AS actor_role, k.email, k.kind, o.seat_limit,
               CASE WHEN o.seat_limit IS NOT NULL THEN (${seatsUsedQuery(input.organizationId, now())})::int END AS used
        FROM actor a
        JOIN ${organizations} o ON o.id = ${input.organizationId}
        LEFT JOIN known k ON a.role = ANY(${inviters}::member_role[])`,
    z.object({
      actor_role: z.enum(memberRoleValues).nullable(),
      email: z.string().nullable(),
      kind: z.enum(['member', 'pending']).nullable(),
      seat_limit: column.nullableCount,
      used: column.nullableCount,
    }),
  );
  // Nothing about the organization's people is read for someone who may not invite.
  const actorRole = requirePermission(found[0]?.actor_role, 'members:invite');
  const allowed = invitableRoles(actorRole);
  const members = new Set(found.filter((row) => row.kind === 'member').map((row) => row.email));
  const pending = new Set(found.filter((row) => row.kind === 'pending').map((row) => row.email));
  for (const row of list) {
    if (row.problem) continue;
    if (members.has(row.email))
      row.problem = {
        code: 'already_member',
        message: 'Already a member of the organization: nothing to send',
      };
    else if (row.role && !allowed.includes(row.role))
      row.problem = {
        code: 'unknown_role',
        message: `You cannot invite as ${roleLabels[row.role]}`,
        values: { role: row.role },
      };
    else if (pending.has(row.email)) row.resend = true;
  }
  const problems = list.filter((row) => row.problem).length;
  const limit = found[0]?.seat_limit ?? null;
  return {
    rows: list,
    ready: list.length - problems,
    problems,
    seatsLeft: seatsLeft(limit, found[0]?.used ?? 0),
  };
}
