// Hostile input through the server actions, as a browser (or anyone with curl) could send it: malformed
// and borderline addresses, 10,000-character strings, CR/LF, NUL and other control characters, HTML,
// SQL meta-characters, wrong types, missing fields, forged roles, ids of another organization, more
// than 100 addresses, empty and duplicate selections, forged extra fields.
//
// Every case: the action answers with a clear error (a documented code and a sentence, no stack, no
// SQL), or, for addresses, marks them invalid with a reason; and NOTHING is written. Then a few
// borderline inputs that are accepted, and how they are normalized. (The pages get their hostile
// input in tests/e2e/security-pages.e2e.ts; emails with hostile names in secrets-and-emails.test.ts.)
import { randomUUID } from 'node:crypto';
import { asc, count } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const { actionMocks: mocks, unchecked } = await vi.hoisted(() => import('../support/action-mocks'));

import { getDb } from '@/db/client';
import {
  auditEvents,
  invitations,
  mailboxMessages,
  memberships,
  organizations,
  sessions,
  users,
} from '@/db/schema';
import { errorMessages, type ErrorCode } from '@/lib/shared/errors';
import {
  acceptInvitationAction,
  acceptInvitationAsNewUserAction,
  declineInvitationAction,
  inviteMembersAction,
  resendInvitationAction,
} from '@/app/actions/invitations';
import { changeRolesAction, leaveOrganizationAction, removeMembersAction } from '@/app/actions/members';
import {
  createOrganizationAction,
  deleteOrganizationAction,
  renameOrganizationAction,
  transferOwnershipAction,
} from '@/app/actions/organizations';
import type { ActionResult } from '@/app/actions/result';
import { usingPostgres, useTestDatabase } from '../support/db';
import {
  addInvitation,
  addMember,
  createOrganizationWithOwner,
  createUser,
  membershipOf,
} from '../support/factories';
import { reportFigures } from './support/figures';

useTestDatabase();

beforeEach(() => {
  mocks.actor = null;
  mocks.requestHeaders = { 'x-forwarded-for': `192.0.2.${Math.floor(Math.random() * 250)}` };
  mocks.cookieSet.mockClear();
  vi.stubEnv('EMAIL_TRANSPORT', 'mailbox');
});

/** Two organizations: A (ours) with every kind of row, B (someone else's). */
async function world() {
  const a = await createOrganizationWithOwner('Acme');
  const ownerMembership = await membershipOf(a.organization.id, a.owner.userId);
  const admin = await addMember(a.organization.id, 'admin');
  const member = await addMember(a.organization.id, 'member');
  const invitation = await addInvitation(a.organization.id, {
    email: 'pending@example.com',
    invitedById: a.owner.userId,
  });
  const b = await createOrganizationWithOwner('Other');
  const bMember = await addMember(b.organization.id, 'member');
  const bInvitation = await addInvitation(b.organization.id, { email: 'other-pending@example.com' });
  return {
    orgId: a.organization.id,
    owner: a.owner,
    ownerMembershipId: ownerMembership.id,
    admin,
    member,
    invitation,
    other: { orgId: b.organization.id, owner: b.owner, member: bMember, invitation: bInvitation },
  };
}
type World = Awaited<ReturnType<typeof world>>;

/** Every row an action could write, in a stable order (the rate-limit counters are left out: counting a link attempt is the point). */
async function everything() {
  const db = await getDb();
  const [orgs, members, invites, audit, mail, people, sessionRows] = await Promise.all([
    db.select().from(organizations).orderBy(asc(organizations.id)),
    db.select().from(memberships).orderBy(asc(memberships.id)),
    db.select().from(invitations).orderBy(asc(invitations.id)),
    db.select({ n: count() }).from(auditEvents),
    db.select({ n: count() }).from(mailboxMessages),
    db.select().from(users).orderBy(asc(users.id)),
    db.select().from(sessions).orderBy(asc(sessions.sessionToken)),
  ]);
  return { orgs, members, invites, audit: audit[0].n, mail: mail[0].n, people, sessions: sessionRows };
}

const TEN_THOUSAND = 'x'.repeat(10_000);
const LONG_LOCAL = `${'a'.repeat(65)}@example.com`;
const LONG_ADDRESS = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.com`; // 258 characters
const LONG_LABEL = `a@${'b'.repeat(64)}.com`;

type Expectation = { code: ErrorCode } | { invalidAddress: true };

interface Case {
  group: string;
  name: string;
  as?: 'owner' | 'admin' | 'member' | 'nobody';
  expect: Expectation;
  run: (w: World) => Promise<ActionResult<unknown>>;
}

const invite =
  (emails: unknown, role: unknown = 'member') =>
  (w: World) =>
    unchecked(inviteMembersAction)({ organizationId: w.orgId, emails, role });
const oneAddress = (address: string, name: string): Case => ({
  group: 'address',
  name,
  expect: { invalidAddress: true },
  run: invite([address]),
});

const cases: Case[] = [
  // --- Addresses: each is refused as invalid with a reason, nothing is sent or written.
  oneAddress('a@b', 'no dot in the domain'),
  oneAddress(LONG_ADDRESS, 'longer than 254 characters'),
  oneAddress(LONG_LOCAL, 'local part longer than 64'),
  oneAddress(LONG_LABEL, 'domain label longer than 63'),
  oneAddress('用户@例子.广告', 'IDN in Unicode (punycode is accepted)'),
  oneAddress('ñandú@example.com', 'non-ASCII local part'),
  oneAddress('аdmin@example.com', 'Cyrillic homoglyph'),
  oneAddress('"john doe"@example.com', 'quoted local part'),
  oneAddress('john.@example.com', 'trailing dot in the local part'),
  oneAddress('.john@example.com', 'leading dot in the local part'),
  oneAddress('jo..hn@example.com', 'two dots in a row'),
  oneAddress('john@example.com.', 'trailing dot in the domain'),
  oneAddress('john@-example.com', 'label starting with a dash'),
  oneAddress('john@example.123', 'numeric top-level domain'),
  oneAddress('john@[127.0.0.1]', 'IP literal'),
  oneAddress('john doe@example.com', 'space inside'),
  oneAddress('<john@example.com>', 'angle brackets'),
  oneAddress('a@example.com,b@example.com', 'two addresses in one string'),
  oneAddress('victim@example.com\r\nBcc: attacker@evil.example', 'CR/LF header injection'),
  oneAddress('victim@example.com\nX-Injected: 1', 'LF header injection'),
  oneAddress('nul\u0000@example.com', 'NUL byte'),
  oneAddress("x'; DROP TABLE users;--@example.com", 'SQL meta-characters'),
  oneAddress('<script>alert(1)</script>@example.com', 'HTML'),
  {
    group: 'address',
    name: '10,000 characters',
    expect: { code: 'INVALID_INPUT' },
    run: invite([TEN_THOUSAND]),
  },
  {
    group: 'address',
    name: '101 addresses',
    expect: { code: 'INVALID_INPUT' },
    run: invite(Array.from({ length: 101 }, (_, i) => `p${i}@example.com`)),
  },
  {
    group: 'address',
    name: 'only empty strings',
    expect: { code: 'NO_VALID_ADDRESSES' },
    run: invite(['', '   ', '\t']),
  },
  { group: 'address', name: 'an empty list', expect: { code: 'INVALID_INPUT' }, run: invite([]) },
  {
    group: 'address',
    name: 'a string instead of a list',
    expect: { code: 'INVALID_INPUT' },
    run: invite('a@example.com'),
  },
  { group: 'address', name: 'numbers in the list', expect: { code: 'INVALID_INPUT' }, run: invite([42, 43]) },
  { group: 'address', name: 'null', expect: { code: 'INVALID_INPUT' }, run: invite(null) },
  {
    group: 'address',
    name: 'objects in the list',
    expect: { code: 'INVALID_INPUT' },
    run: invite([{ toString: () => 'a@example.com' }]),
  },

  // --- Roles
  {
    group: 'role',
    name: 'invite as "owner"',
    expect: { code: 'INVALID_INPUT' },
    run: invite(['x@example.com'], 'owner'),
  },
  {
    group: 'role',
    name: 'invite as "superadmin"',
    expect: { code: 'INVALID_INPUT' },
    run: invite(['x@example.com'], 'superadmin'),
  },
  {
    group: 'role',
    name: 'change role to "OWNER "',
    expect: { code: 'INVALID_INPUT' },
    run: (w) =>
      unchecked(changeRolesAction)({ organizationId: w.orgId, ids: [w.member.membershipId], role: 'OWNER ' }),
  },
  {
    group: 'role',
    name: 'change role to "Owner"',
    expect: { code: 'INVALID_INPUT' },
    run: (w) =>
      unchecked(changeRolesAction)({ organizationId: w.orgId, ids: [w.member.membershipId], role: 'Owner' }),
  },
  {
    group: 'role',
    name: 'change role to "superadmin"',
    expect: { code: 'INVALID_INPUT' },
    run: (w) =>
      unchecked(changeRolesAction)({
        organizationId: w.orgId,
        ids: [w.member.membershipId],
        role: 'superadmin',
      }),
  },
  {
    group: 'role',
    name: 'role as a list',
    expect: { code: 'INVALID_INPUT' },
    run: (w) =>
      unchecked(changeRolesAction)({
        organizationId: w.orgId,
        ids: [w.member.membershipId],
        role: ['owner'],
      }),
  },
  {
    group: 'role',
    name: 'role missing',
    expect: { code: 'INVALID_INPUT' },
    run: (w) => unchecked(changeRolesAction)({ organizationId: w.orgId, ids: [w.member.membershipId] }),
  },
  {
    group: 'role',
    name: 'Admin makes someone an Owner',
    as: 'admin',
    expect: { code: 'OWNER_REQUIRED' },
    run: (w) => changeRolesAction({ organizationId: w.orgId, ids: [w.member.membershipId], role: 'owner' }),
  },
  {
    group: 'role',
    name: 'Member promotes themselves',
    as: 'member',
    expect: { code: 'FORBIDDEN' },
    run: (w) => changeRolesAction({ organizationId: w.orgId, ids: [w.member.membershipId], role: 'admin' }),
  },
  {
    group: 'role',
    name: 'invitation made Owner',
    expect: { code: 'INVITATION_ROLE' },
    run: (w) => changeRolesAction({ organizationId: w.orgId, ids: [w.invitation.id], role: 'owner' }),
  },

  // --- Ids and selections
  {
    group: 'ids',
    name: 'empty selection',
    expect: { code: 'INVALID_INPUT' },
    run: (w) => removeMembersAction({ organizationId: w.orgId, ids: [] }),
  },
  {
    group: 'ids',
    name: 'duplicate selection of a row of another organization',
    expect: { code: 'BULK_REFUSED' },
    run: (w) =>
      removeMembersAction({
        organizationId: w.orgId,
        ids: [w.member.membershipId, w.other.member.membershipId, w.other.member.membershipId],
      }),
  },
  {
    group: 'ids',
    name: '10,001 ids',
    expect: { code: 'INVALID_INPUT' },
    run: (w) =>
      removeMembersAction({
        organizationId: w.orgId,
        ids: Array.from({ length: 10_001 }, () => randomUUID()),
      }),
  },
  {
    group: 'ids',
    name: "SQL in an id (' OR 1=1 --)",
    expect: { code: 'INVALID_INPUT' },
    run: (w) => removeMembersAction({ organizationId: w.orgId, ids: ["' OR 1=1 --"] }),
  },
  {
    group: 'ids',
    name: 'SQL in the organization id',
    expect: { code: 'INVALID_INPUT' },
    run: (w) =>
      removeMembersAction({
        organizationId: `${w.orgId}'; DELETE FROM memberships;--`,
        ids: [w.member.membershipId],
      }),
  },
  {
    group: 'ids',
    name: 'ids as a string',
    expect: { code: 'INVALID_INPUT' },
    run: (w) => unchecked(removeMembersAction)({ organizationId: w.orgId, ids: w.member.membershipId }),
  },
  {
    group: 'ids',
    name: 'a number as the organization id',
    expect: { code: 'INVALID_INPUT' },
    run: (w) =>
      unchecked(changeRolesAction)({ organizationId: 1, ids: [w.member.membershipId], role: 'admin' }),
  },
  {
    group: 'ids',
    name: 'a membership of another organization',
    expect: { code: 'NOT_FOUND' },
    run: (w) =>
      changeRolesAction({ organizationId: w.orgId, ids: [w.other.member.membershipId], role: 'admin' }),
  },
  {
    group: 'ids',
    name: 'an invitation of another organization',
    expect: { code: 'NOT_FOUND' },
    run: (w) => resendInvitationAction({ organizationId: w.orgId, invitationId: w.other.invitation.id }),
  },
  {
    group: 'ids',
    name: 'the id of another organization',
    expect: { code: 'NOT_FOUND' },
    run: (w) => removeMembersAction({ organizationId: w.other.orgId, ids: [w.other.member.membershipId] }),
  },
  {
    group: 'ids',
    name: 'a made-up uuid',
    expect: { code: 'NOT_FOUND' },
    run: (w) => removeMembersAction({ organizationId: w.orgId, ids: [randomUUID()] }),
  },
  {
    group: 'ids',
    name: 'not an object at all',
    expect: { code: 'INVALID_INPUT' },
    run: () => unchecked(removeMembersAction)('drop table memberships'),
  },
  {
    group: 'ids',
    name: 'missing fields',
    expect: { code: 'INVALID_INPUT' },
    run: () => unchecked(removeMembersAction)({}),
  },
  {
    group: 'ids',
    name: 'transfer to a member of another organization',
    expect: { code: 'NOT_A_MEMBER' },
    run: (w) => transferOwnershipAction({ organizationId: w.orgId, toUserId: w.other.member.userId }),
  },
  {
    group: 'ids',
    name: 'transfer to an address with CR/LF',
    expect: { code: 'NOT_A_MEMBER' },
    run: (w) => transferOwnershipAction({ organizationId: w.orgId, toEmail: 'nobody@example.com\r\n' }),
  },
  {
    group: 'ids',
    name: 'transfer to 10,000 characters',
    expect: { code: 'INVALID_INPUT' },
    run: (w) => transferOwnershipAction({ organizationId: w.orgId, toEmail: TEN_THOUSAND }),
  },

  // --- Names
  {
    group: 'name',
    name: 'organization name of 10,000 characters',
    expect: { code: 'INVALID_INPUT' },
    run: () => createOrganizationAction({ name: TEN_THOUSAND }),
  },
  {
    group: 'name',
    name: 'organization name of 81 characters',
    expect: { code: 'INVALID_INPUT' },
    run: () => createOrganizationAction({ name: 'n'.repeat(81) }),
  },
  {
    group: 'name',
    name: 'organization name of white space only',
    expect: { code: 'INVALID_INPUT' },
    run: () => createOrganizationAction({ name: ' \r\n\t ' }),
  },
  {
    group: 'name',
    name: 'organization name with NUL',
    expect: { code: 'INVALID_INPUT' },
    run: () => createOrganizationAction({ name: 'Ac\u0000me' }),
  },
  {
    group: 'name',
    name: 'organization name with a bidi override',
    expect: { code: 'INVALID_INPUT' },
    run: () => createOrganizationAction({ name: 'Acme \u202egnp.exe' }),
  },
  {
    group: 'name',
    name: 'organization name as a number',
    expect: { code: 'INVALID_INPUT' },
    run: () => unchecked(createOrganizationAction)({ name: 42 }),
  },
  {
    group: 'name',
    name: 'rename to an escape sequence',
    expect: { code: 'INVALID_INPUT' },
    run: (w) => renameOrganizationAction({ organizationId: w.orgId, name: 'Acme\u001b[31m' }),
  },
  {
    group: 'name',
    name: 'rename by a Member',
    as: 'member',
    expect: { code: 'FORBIDDEN' },
    run: (w) => renameOrganizationAction({ organizationId: w.orgId, name: 'Pwned' }),
  },
  {
    group: 'name',
    name: 'delete confirmed with SQL',
    expect: { code: 'CONFIRMATION_MISMATCH' },
    run: (w) => deleteOrganizationAction({ organizationId: w.orgId, confirmName: "Acme' OR '1'='1" }),
  },
  {
    group: 'name',
    name: 'delete confirmed with 10,000 characters',
    expect: { code: 'INVALID_INPUT' },
    run: (w) => deleteOrganizationAction({ organizationId: w.orgId, confirmName: TEN_THOUSAND }),
  },
  {
    group: 'name',
    name: 'display name of 10,000 characters on accept',
    as: 'nobody',
    expect: { code: 'INVALID_INPUT' },
    run: (w) => acceptInvitationAsNewUserAction({ token: w.invitation.token, name: TEN_THOUSAND }),
  },
  {
    group: 'name',
    name: 'display name with NUL on accept',
    as: 'nobody',
    expect: { code: 'INVALID_INPUT' },
    run: (w) => acceptInvitationAsNewUserAction({ token: w.invitation.token, name: 'Eve\u0000' }),
  },
  {
    group: 'name',
    name: 'organization name with a zero-width space',
    expect: { code: 'INVALID_INPUT' },
    run: () => createOrganizationAction({ name: 'Ac\u200bme' }),
  },
  {
    group: 'name',
    name: 'organization name with a line separator',
    expect: { code: 'INVALID_INPUT' },
    run: () => createOrganizationAction({ name: 'Acme\u2028Corp' }),
  },
  {
    group: 'name',
    name: 'organization name starting with a byte order mark',
    expect: { code: 'INVALID_INPUT' },
    run: () => createOrganizationAction({ name: '\ufeffAcme' }),
  },
  {
    group: 'name',
    name: 'rename with a right-to-left isolate',
    expect: { code: 'INVALID_INPUT' },
    run: (w) => renameOrganizationAction({ organizationId: w.orgId, name: 'Acme \u2067exe.gnp\u2069' }),
  },
  {
    group: 'name',
    name: 'rename with an Arabic letter mark',
    expect: { code: 'INVALID_INPUT' },
    run: (w) => renameOrganizationAction({ organizationId: w.orgId, name: 'Acme\u061c' }),
  },
  {
    group: 'name',
    name: 'display name with a right-to-left mark on accept',
    as: 'nobody',
    expect: { code: 'INVALID_INPUT' },
    run: (w) => acceptInvitationAsNewUserAction({ token: w.invitation.token, name: 'Eve\u200f' }),
  },
  {
    group: 'name',
    name: 'display name with a paragraph separator on accept',
    as: 'nobody',
    expect: { code: 'INVALID_INPUT' },
    run: (w) => acceptInvitationAsNewUserAction({ token: w.invitation.token, name: 'Eve\u2029Adams' }),
  },

  // --- Tokens
  {
    group: 'token',
    name: 'token of 10,000 characters',
    as: 'nobody',
    expect: { code: 'INVALID_INPUT' },
    run: () => declineInvitationAction({ token: TEN_THOUSAND }),
  },
  {
    group: 'token',
    name: 'token with SQL',
    as: 'nobody',
    expect: { code: 'INVITATION_INVALID' },
    run: () => declineInvitationAction({ token: "' OR '1'='1" }),
  },
  {
    group: 'token',
    name: 'token with CR/LF',
    as: 'nobody',
    expect: { code: 'INVITATION_INVALID' },
    run: (w) => acceptInvitationAsNewUserAction({ token: `${w.invitation.token}\r\n` }),
  },
  {
    group: 'token',
    name: 'empty token',
    as: 'nobody',
    expect: { code: 'INVALID_INPUT' },
    run: () => declineInvitationAction({ token: '' }),
  },
  {
    group: 'token',
    name: 'token as a number',
    as: 'nobody',
    expect: { code: 'INVALID_INPUT' },
    run: () => unchecked(declineInvitationAction)({ token: 12345 }),
  },
  {
    group: 'token',
    name: 'well-formed token never issued',
    expect: { code: 'INVITATION_INVALID' },
    run: () => acceptInvitationAction({ token: 'A'.repeat(43) }),
  },
  {
    group: 'token',
    name: "someone else's invitation",
    expect: { code: 'INVITATION_EMAIL_MISMATCH' },
    run: (w) => acceptInvitationAction({ token: w.invitation.token }),
  },

  // --- Forged fields
  {
    group: 'forged',
    name: '__proto__ and an actor id in the input',
    as: 'member',
    expect: { code: 'FORBIDDEN' },
    run: (w) =>
      inviteMembersAction(
        JSON.parse(
          `{"organizationId":"${w.orgId}","emails":["x@example.com"],"role":"member","actorId":"${w.owner.userId}","__proto__":{"role":"owner","isOwner":true}}`,
        ),
      ),
  },
  {
    group: 'forged',
    name: 'leave an organization you are not in',
    expect: { code: 'NOT_FOUND' },
    run: (w) => leaveOrganizationAction({ organizationId: w.other.orgId }),
  },
];

const counted: Record<string, number> = {};
afterAll(() => {
  const rows: [string, number][] = Object.entries(counted);
  reportFigures(
    'hostile-input-actions',
    `Hostile input through the server actions (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`,
    [
      ...rows.map(([group, n]): [string, number] => [`  ${group}`, n]),
      ['cases: clear error, nothing written', rows.reduce((sum, [, n]) => sum + n, 0)],
    ],
  );
});

/** A message a person can read: a sentence, no stack trace, no SQL, no internals. */
function expectReadable(message: string | undefined) {
  expect(message).toMatch(/^[A-Z].{10,400}$/s);
  expect(message).not.toMatch(
    /\n\s+at |SELECT |INSERT |UPDATE |DELETE FROM|undefined|\[object|Error:|\.ts:\d|ZodError/,
  );
}

describe('hostile input: a clear error and nothing written', () => {
  it('covers at least 50 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases.map((c) => [`${c.group}: ${c.name}`, c] as const))('%s', async (_label, c) => {
    const w = await world();
    mocks.actor =
      c.as === 'nobody' ? null : c.as === 'admin' ? w.admin : c.as === 'member' ? w.member : w.owner;
    const before = await everything();
    const result = await c.run(w);

    if ('invalidAddress' in c.expect) {
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const summary = result.data as { results: { outcome: string; reason?: string }[] };
      expect(summary.results.length).toBeGreaterThan(0);
      for (const row of summary.results) {
        expect(row.outcome).toBe('invalid');
        expectReadable(row.reason);
      }
    } else {
      expect(result.ok, JSON.stringify(result).slice(0, 300)).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(c.expect.code);
      expectReadable(result.error.message);
      if (c.expect.code !== 'INVALID_INPUT')
        expect(
          result.error.message.startsWith(errorMessages[c.expect.code].slice(0, 20)) ||
            c.expect.code === 'BULK_REFUSED',
        ).toBe(true);
    }
    expect(await everything(), 'nothing written').toEqual(before);
    expect(mocks.cookieSet).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).isOwner, 'no prototype pollution').toBeUndefined();
    counted[c.group] = (counted[c.group] ?? 0) + 1;
  });
});

describe('borderline input that is accepted, normalized', () => {
  it('plus tags, upper case, punycode IDN and surrounding space are valid; duplicates collapse to one invitation', async () => {
    const w = await world();
    mocks.actor = w.owner;
    const result = await inviteMembersAction({
      organizationId: w.orgId,
      emails: [
        'Jane+Hub@Example.com',
        '  jane+hub@example.com ',
        'JANE+HUB@EXAMPLE.COM',
        'user@xn--fsqu00a.xn--3lr804guic',
        "o'brien@example.com",
      ],
      role: 'member',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.results.map((r) => [r.email, r.outcome])).toEqual([
      ['jane+hub@example.com', 'invited'],
      ['user@xn--fsqu00a.xn--3lr804guic', 'invited'],
      ["o'brien@example.com", 'invited'],
    ]);
  });

  it('a duplicate selection changes the row once, with one audit event', async () => {
    const w = await world();
    mocks.actor = w.owner;
    const before = (await everything()).audit;
    const result = await changeRolesAction({
      organizationId: w.orgId,
      ids: [w.member.membershipId, w.member.membershipId],
      role: 'admin',
    });
    expect(result).toEqual({ ok: true, data: { changed: 1, role: 'admin', actorLostAccess: false } });
    expect((await everything()).audit).toBe(before + 1);
  });

  it('names with CR/LF, tabs and HTML are folded to one line and kept as text', async () => {
    const owner = await createUser();
    mocks.actor = owner;
    const result = await createOrganizationAction({ name: '<b>Acme</b>\r\n\tBcc: x@evil.example' });
    expect(result).toMatchObject({
      ok: true,
      data: { name: '<b>Acme</b> Bcc: x@evil.example', slug: 'b-acme-b-bcc-x-evil-example' },
    });
  });

  it('a display name with HTML is kept as text; with CR/LF it is folded', async () => {
    const w = await world();
    mocks.actor = null;
    const result = await acceptInvitationAsNewUserAction({
      token: w.invitation.token,
      name: ' <img src=x onerror=alert(1)>\r\nEve ',
    });
    expect(result.ok).toBe(true);
    const db = await getDb();
    const people = await db.select({ name: users.name, email: users.email }).from(users);
    expect(people).toContainEqual({ name: '<img src=x onerror=alert(1)> Eve', email: 'pending@example.com' });
  });
});
