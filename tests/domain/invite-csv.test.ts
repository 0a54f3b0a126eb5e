// Inviting from a CSV file (lib/invitations/csv.ts, docs/rules.md rule 8d), on PGlite and PostgreSQL: the
// file's forms (header or none, comma or semicolon, byte order mark, quoted cells), every kind of bad row
// named in the preview, the files refused whole, and the list sent with each row's own role, the rows past
// the seats or the hourly cap each with its outcome.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { invitations } from '@/db/schema';
import { inviteList, previewInviteCsv, readInviteCsv } from '@/lib/invitations';
import { MAX_CSV_ROWS } from '@/lib/shared/limits';
import { setMemberStatus } from '@/lib/members';
import { setSeatLimit } from '@/lib/organizations';
import { useTestDatabase } from '../support/db';
import { addInvitation, addMember, createOrganizationWithOwner, createUser } from '../support/factories';
import { expectDomainError } from '../support/state';

useTestDatabase();

function problems(rows: ReturnType<typeof readInviteCsv>) {
  return rows.map((row) => [row.line, row.email, row.role, row.problem?.code ?? 'ok']);
}

async function invitationRoles(organizationId: string) {
  const db = await getDb();
  const found = await db
    .select({ email: invitations.email, role: invitations.role })
    .from(invitations)
    .where(and(eq(invitations.organizationId, organizationId), eq(invitations.status, 'pending')));
  return Object.fromEntries(found.map((row) => [row.email, row.role]));
}

describe('reading an invitation CSV', () => {
  it('reads a header in any order and case, semicolons, a byte order mark, CRLF, quoted cells and blank lines', () => {
    const text =
      '\uFEFFName;Role;E-mail\r\n"Lovelace; Ada";admin;Ada@Example.com\r\n\r\n;;\r\nGrace;;grace@example.com\r\n';
    expect(problems(readInviteCsv(text))).toEqual([
      [2, 'ada@example.com', 'admin', 'ok'],
      [5, 'grace@example.com', null, 'ok'],
    ]);
  });

  it('reads a file without a header: the address first, the role second, commas', () => {
    expect(problems(readInviteCsv('ada@example.com,Member\n<bob@example.com>\n'))).toEqual([
      [1, 'ada@example.com', 'member', 'ok'],
      [2, 'bob@example.com', null, 'ok'],
    ]);
  });

  it('names every kind of bad row and what is wrong with it', () => {
    const rows = readInviteCsv(
      [
        'email,role',
        'ok@example.com,admin',
        'not-an-address,member',
        ',admin',
        'boss@example.com,owner',
        'who@example.com,Manager',
        'OK@example.com,member',
      ].join('\n'),
    );
    expect(problems(rows)).toEqual([
      [2, 'ok@example.com', 'admin', 'ok'],
      [3, 'not-an-address', 'member', 'invalid_address'],
      [4, '', 'admin', 'no_address'],
      [5, 'boss@example.com', null, 'owner_role'],
      [6, 'who@example.com', null, 'unknown_role'],
      [7, 'ok@example.com', 'member', 'duplicate'],
    ]);
    expect(rows.map((row) => row.problem?.message ?? '')).toEqual([
      '',
      'Not a valid email address',
      'No email address in this row',
      'Owner is not allowed: invite as Admin or Member, then make them Owner after they join',
      'Unknown role “Manager”: use Admin or Member',
      'Repeats line 2: invited once',
    ]);
  });

  it('takes 1,000 rows and refuses 1,001, an empty file, a header without an email column, and what is not CSV', async () => {
    const rows = (count: number) =>
      Array.from({ length: count }, (_, index) => `person-${index}@example.com`).join('\n');
    expect(readInviteCsv(`email\n${rows(MAX_CSV_ROWS)}`)).toHaveLength(MAX_CSV_ROWS);
    await expectDomainError(
      Promise.resolve().then(() => readInviteCsv(rows(MAX_CSV_ROWS + 1))),
      'TOO_MANY_ROWS',
    );
    await expectDomainError(
      Promise.resolve().then(() => readInviteCsv('\n\n')),
      'INVALID_CSV',
    );
    await expectDomainError(
      Promise.resolve().then(() => readInviteCsv('email\n')),
      'INVALID_CSV',
    );
    await expectDomainError(
      Promise.resolve().then(() => readInviteCsv('name,team\nAda,ada@example.com')),
      'INVALID_CSV',
    );
    await expectDomainError(
      Promise.resolve().then(() => readInviteCsv('"ada@example.com,admin\n')),
      'INVALID_CSV',
    );
    await expectDomainError(
      Promise.resolve().then(() => readInviteCsv(`${'x'.repeat(600 * 1024)}@example.com`)),
      'TOO_MANY_ROWS',
    );
  });
});

describe('the preview of an uploaded list', () => {
  it('marks members already there (suspended too), pending invitations sent again, and the seats left', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const member = await addMember(organization.id, 'member');
    const suspended = await addMember(organization.id, 'member');
    await setMemberStatus(owner, {
      organizationId: organization.id,
      ids: [suspended.membershipId],
      status: 'suspended',
    });
    const pending = await addInvitation(organization.id);
    await setSeatLimit(owner, { organizationId: organization.id, seatLimit: 5 });
    const preview = await previewInviteCsv(owner, {
      organizationId: organization.id,
      csv: `email\n${member.email}\n${suspended.email}\n${pending.email}\nnew@example.com\nbad\n`,
    });
    expect(
      preview.rows.map((row) => [row.email, row.problem?.code ?? (row.resend ? 'resend' : 'new')]),
    ).toEqual([
      [member.email, 'already_member'],
      [suspended.email, 'already_member'],
      [pending.email, 'resend'],
      ['new@example.com', 'new'],
      ['bad', 'invalid_address'],
    ]);
    expect(preview).toMatchObject({ ready: 2, problems: 3, seatsLeft: 5 - 3 });
  });

  it('is for those who may invite: a Member is refused, an outsider finds nothing', async () => {
    const { organization } = await createOrganizationWithOwner('Acme');
    const member = await addMember(organization.id, 'member');
    const input = { organizationId: organization.id, csv: 'ada@example.com' };
    await expectDomainError(previewInviteCsv(member, input), 'FORBIDDEN');
    await expectDomainError(previewInviteCsv(await createUser(), input), 'NOT_FOUND');
  });
});

describe('sending an uploaded list', () => {
  it('invites each address with its own role, in one request', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const summary = await inviteList(owner, {
      organizationId: organization.id,
      invites: [
        { email: 'ada@example.com', role: 'admin' },
        { email: 'bob@example.com', role: 'member' },
        { email: 'cy@example.com', role: 'admin' },
        { email: 'not-an-address', role: 'member' },
      ],
    });
    expect(summary.results.map((result) => [result.email, result.outcome])).toEqual([
      ['ada@example.com', 'invited'],
      ['bob@example.com', 'invited'],
      ['cy@example.com', 'invited'],
      ['not-an-address', 'invalid'],
    ]);
    expect(await invitationRoles(organization.id)).toEqual({
      'ada@example.com': 'admin',
      'bob@example.com': 'member',
      'cy@example.com': 'admin',
    });
  });

  it('gives the rows past the seats no_seat and the rows past the hourly cap rate_limited: none is dropped', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    await setSeatLimit(owner, { organizationId: organization.id, seatLimit: 4 });
    const invites = ['a', 'b', 'c', 'd', 'e'].map((name, index) => ({
      email: `${name}@example.com`,
      role: index % 2 ? ('admin' as const) : ('member' as const),
    }));
    const seated = await inviteList(owner, { organizationId: organization.id, invites });
    // The Owner takes one seat: three are free, and the Members' rows (the list's first role) go first.
    expect(seated.results.map((result) => [result.email, result.outcome])).toEqual([
      ['a@example.com', 'invited'],
      ['b@example.com', 'no_seat'],
      ['c@example.com', 'invited'],
      ['d@example.com', 'no_seat'],
      ['e@example.com', 'invited'],
    ]);

    const other = await createOrganizationWithOwner('Beta');
    vi.stubEnv('INVITATIONS_PER_ORGANIZATION_PER_HOUR', '2');
    const capped = await inviteList(other.owner, { organizationId: other.organization.id, invites });
    expect(capped.counts).toMatchObject({ invited: 2, rate_limited: 3 });
    expect(capped.results.filter((result) => result.outcome === 'rate_limited')).toHaveLength(3);
  });

  it('refuses the whole list for an Owner row, or more than 1,000 addresses, and sends nothing', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    await expectDomainError(
      inviteList(owner, {
        organizationId: organization.id,
        invites: [
          { email: 'ada@example.com', role: 'member' },
          { email: 'boss@example.com', role: 'owner' },
        ],
      }),
      'INVITATION_ROLE',
    );
    const many = Array.from({ length: MAX_CSV_ROWS + 1 }, (_, index) => ({
      email: `p${index}@example.com`,
      role: 'member' as const,
    }));
    await expectDomainError(
      inviteList(owner, { organizationId: organization.id, invites: many }),
      'TOO_MANY_ADDRESSES',
    );
    expect(await invitationRoles(organization.id)).toEqual({});
  });
});
