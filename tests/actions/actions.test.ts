// The server actions called directly, with Next's request APIs and the session mocked: the documented
// result shapes, input validation, authentication, and the generic INTERNAL error.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PersonActor as Actor } from '@/lib/shared/actor';

const { actionMocks: mocks, unchecked } = await vi.hoisted(() => import('../support/action-mocks'));
vi.mock('@/db/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/db/client')>();
  return { ...actual, getDb: vi.fn(actual.getDb) };
});

import { getDb } from '@/db/client';
import { sessions } from '@/db/schema';
import { errorMessages } from '@/lib/shared/errors';
import { listMailboxMessages } from '@/lib/email/mailbox';
import {
  acceptInvitationAction,
  acceptInvitationAsNewUserAction,
  declineInvitationAction,
  inviteMembersAction,
  resendInvitationAction,
} from '@/app/actions/invitations';
import {
  changeRolesAction,
  leaveOrganizationAction,
  removeMembersAction,
  setMemberStatusAction,
} from '@/app/actions/members';
import {
  createOrganizationAction,
  deleteOrganizationAction,
  renameOrganizationAction,
  setMemberNotificationsAction,
  setSeatLimitAction,
  transferOwnershipAction,
} from '@/app/actions/organizations';
import { createScimTokenAction } from '@/app/actions/provisioning';
import { SEAT_LIMIT_MESSAGE, SEAT_LIMIT_TOO_HIGH } from '@/lib/shared/validation';
import { useTestDatabase } from '../support/db';
import {
  addInvitation,
  addMember,
  createOrganizationWithOwner,
  createUser,
  membershipOf,
} from '../support/factories';
import { auditActions, snapshot, tokenFrom } from '../support/state';

useTestDatabase();

beforeEach(() => {
  mocks.actor = null;
  mocks.requestHeaders = {};
  mocks.cookieSet.mockClear();
  mocks.revalidatePath.mockClear();
  vi.stubEnv('AUTH_URL', undefined);
  vi.stubEnv('APP_URL', undefined);
});

function signInAs(actor: Actor | null) {
  mocks.actor = actor;
}

describe('success: { ok: true, data }', () => {
  it('changeRolesAction returns the change', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const member = await addMember(organization.id, 'member');
    signInAs(owner);
    const result = await changeRolesAction({
      organizationId: organization.id,
      ids: [member.membershipId],
      role: 'admin',
    });
    expect(result).toEqual({ ok: true, data: { changed: 1, role: 'admin', actorLostAccess: false } });
    expect((await membershipOf(organization.id, member.userId)).role).toBe('admin');
    expect(mocks.revalidatePath).toHaveBeenCalled();
  });

  it('removeMembersAction and leaveOrganizationAction return what was removed', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const member = await addMember(organization.id, 'member');
    const admin = await addMember(organization.id, 'admin');
    const invitation = await addInvitation(organization.id);
    signInAs(owner);
    expect(
      await removeMembersAction({
        organizationId: organization.id,
        ids: [member.membershipId, invitation.id],
      }),
    ).toEqual({
      ok: true,
      data: { removedMembers: 1, revokedInvitations: 1, actorLeft: false },
    });
    expect(await membershipOf(organization.id, member.userId)).toBeNull();
    signInAs(admin);
    expect(await leaveOrganizationAction({ organizationId: organization.id })).toEqual({
      ok: true,
      data: { removedMembers: 1, revokedInvitations: 0, actorLeft: true },
    });
    expect(await membershipOf(organization.id, admin.userId)).toBeNull();
  });

  it('removeMembersAction counts what the DELETE and UPDATE … RETURNING changed, not the rows it read first', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const member = await addMember(organization.id, 'member');
    const invitation = await addInvitation(organization.id);
    // A row trigger that returns NULL makes PostgreSQL skip the row without an error: the statements
    // then change nothing, although the rows were read (and authorized) a moment before.
    const db = await getDb();
    const run = async (statements: string[]) => {
      for (const statement of statements) await db.execute(sql.raw(statement));
    };
    await run([
      'CREATE FUNCTION test_skip_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$',
      'CREATE TRIGGER test_skip_delete BEFORE DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION test_skip_row()',
      'CREATE TRIGGER test_skip_update BEFORE UPDATE ON invitations FOR EACH ROW EXECUTE FUNCTION test_skip_row()',
    ]);
    try {
      signInAs(owner);
      const result = await removeMembersAction({
        organizationId: organization.id,
        ids: [member.membershipId, invitation.id],
      });
      expect(result).toEqual({
        ok: true,
        data: { removedMembers: 0, revokedInvitations: 0, actorLeft: false },
      });
      expect(await membershipOf(organization.id, member.userId)).not.toBeNull();
      expect((await auditActions(organization.id)).map((event) => event.action)).toEqual([
        'organization.created',
      ]);
    } finally {
      await run([
        'DROP TRIGGER test_skip_delete ON memberships',
        'DROP TRIGGER test_skip_update ON invitations',
        'DROP FUNCTION test_skip_row()',
      ]);
    }
  });

  it('inviteMembersAction returns results and counts; resendInvitationAction one result', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    signInAs(owner);
    const result = await inviteMembersAction({
      organizationId: organization.id,
      emails: ['A@example.com', 'bad'],
      role: 'member',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.results.map((r) => [r.email, r.outcome])).toEqual([
      ['a@example.com', 'invited'],
      ['bad', 'invalid'],
    ]);
    expect(result.data.counts).toMatchObject({ invited: 1, invalid: 1 });

    const invitation = await addInvitation(organization.id, { email: 'old@example.com' });
    const resent = await resendInvitationAction({
      organizationId: organization.id,
      invitationId: invitation.id,
    });
    expect(resent).toEqual({
      ok: true,
      data: expect.objectContaining({ email: 'old@example.com', outcome: 'resent' }),
    });
  });

  it('organization actions: create, rename, transfer, delete', async () => {
    const owner = await createUser();
    signInAs(owner);
    const created = await createOrganizationAction({ name: '  New   Org ' });
    expect(created).toMatchObject({ ok: true, data: { name: 'New Org', slug: 'new-org' } });
    const organizationId = (created as { data: { id: string } }).data.id;
    expect(await renameOrganizationAction({ organizationId, name: 'Renamed' })).toEqual({
      ok: true,
      data: { id: organizationId, name: 'Renamed', slug: 'new-org' },
    });
    const heir = await addMember(organizationId, 'admin');
    expect(await transferOwnershipAction({ organizationId, toUserId: heir.userId })).toEqual({
      ok: true,
      data: { newOwnerUserId: heir.userId, newOwnerEmail: heir.email },
    });
    signInAs(heir);
    expect(await deleteOrganizationAction({ organizationId, confirmName: 'Wrong' })).toMatchObject({
      ok: false,
      error: { code: 'CONFIRMATION_MISMATCH' },
    });
    expect(await deleteOrganizationAction({ organizationId, confirmName: 'Renamed' })).toEqual({
      ok: true,
      data: { id: organizationId, name: 'Renamed' },
    });
  });

  it('acceptInvitationAction and declineInvitationAction', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const invitee = await createUser({ email: 'invitee@example.com' });
    const one = await addInvitation(organization.id, {
      email: invitee.email,
      role: 'admin',
      invitedById: owner.userId,
    });
    signInAs(invitee);
    expect(await acceptInvitationAction({ token: one.token })).toEqual({
      ok: true,
      data: {
        outcome: 'accepted',
        role: 'admin',
        organization: { id: organization.id, name: 'Acme', slug: organization.slug },
      },
    });
    const two = await addInvitation(organization.id, { email: 'someone@example.com' });
    signInAs(null);
    expect(await declineInvitationAction({ token: two.token })).toEqual({
      ok: true,
      data: { organization: { name: 'Acme' } },
    });
  });
});

describe('signed out: UNAUTHENTICATED', () => {
  it('every action that needs a person refuses, with the documented shape, and changes nothing', async () => {
    const { organization } = await createOrganizationWithOwner();
    const member = await addMember(organization.id, 'member');
    const invitation = await addInvitation(organization.id);
    signInAs(null);
    const before = await snapshot();
    const orgId = organization.id;
    const calls = [
      changeRolesAction({ organizationId: orgId, ids: [member.membershipId], role: 'admin' }),
      removeMembersAction({ organizationId: orgId, ids: [member.membershipId] }),
      setMemberStatusAction({ organizationId: orgId, ids: [member.membershipId], status: 'suspended' }),
      leaveOrganizationAction({ organizationId: orgId }),
      inviteMembersAction({ organizationId: orgId, emails: ['x@example.com'], role: 'member' }),
      resendInvitationAction({ organizationId: orgId, invitationId: invitation.id }),
      acceptInvitationAction({ token: invitation.token }),
      createOrganizationAction({ name: 'Sneaky' }),
      renameOrganizationAction({ organizationId: orgId, name: 'Sneaky' }),
      setMemberNotificationsAction({ organizationId: orgId, enabled: false }),
      setSeatLimitAction({ organizationId: orgId, seatLimit: 1 }),
      transferOwnershipAction({ organizationId: orgId, toUserId: member.userId }),
      deleteOrganizationAction({ organizationId: orgId, confirmName: 'Acme' }),
    ];
    for (const result of await Promise.all(calls)) {
      expect(result).toEqual({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: errorMessages.UNAUTHENTICATED },
      });
    }
    expect(await snapshot()).toEqual(before);
    expect(mocks.revalidatePath).not.toHaveBeenCalled();
  });
});

describe('bad input: INVALID_INPUT with details.fields', () => {
  it.each([
    [
      'a non-uuid id',
      { organizationId: 'nope', ids: ['also-nope'], role: 'admin' },
      ['organizationId', 'ids.0'],
    ],
    [
      'a role that does not exist',
      { organizationId: randomUUID(), ids: [randomUUID()], role: 'superadmin' },
      ['role'],
    ],
    ['missing fields', {}, ['organizationId', 'ids', 'role']],
    ['an empty selection', { organizationId: randomUUID(), ids: [], role: 'member' }, ['ids']],
    ['not an object at all', 'drop table', ['input']],
  ])('changeRolesAction with %s', async (_name, input, fields) => {
    signInAs(await createUser());
    const result = await unchecked(changeRolesAction)(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message.startsWith(errorMessages.INVALID_INPUT)).toBe(true);
    expect(Object.keys(result.error.details!.fields as object).sort()).toEqual([...fields].sort());
  });

  it('inviteMembersAction with 101 addresses, and with role owner', async () => {
    signInAs(await createUser());
    const emails = Array.from({ length: 101 }, (_, i) => `p${i}@example.com`);
    const tooMany = await inviteMembersAction({ organizationId: randomUUID(), emails, role: 'member' });
    expect(tooMany).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `${errorMessages.INVALID_INPUT} You can invite at most 100 addresses at a time.`,
        details: { fields: { emails: 'You can invite at most 100 addresses at a time.' } },
      },
    });
    const owner = await unchecked(inviteMembersAction)({
      organizationId: randomUUID(),
      emails: ['a@example.com'],
      role: 'owner',
    });
    expect(owner).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { fields: { role: expect.any(String) } } },
    });
  });

  it('acceptInvitationAsNewUserAction without a token', async () => {
    const result = await unchecked(acceptInvitationAsNewUserAction)({ name: 'x' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { fields: { token: expect.any(String) } } },
    });
    expect(mocks.cookieSet).not.toHaveBeenCalled();
  });
});

describe('a field that is not valid is told in words that say what is wrong, for that field', () => {
  const fieldOf = (result: { ok: boolean; error?: { details?: Record<string, unknown> } }) =>
    (result.error?.details?.fields ?? {}) as Record<string, string>;

  it.each([
    ['-5', SEAT_LIMIT_MESSAGE],
    ['abc', SEAT_LIMIT_MESSAGE],
    ['1.5', SEAT_LIMIT_MESSAGE],
    ['0', SEAT_LIMIT_MESSAGE],
    [-5, SEAT_LIMIT_MESSAGE],
    [true, SEAT_LIMIT_MESSAGE],
    ['99999999', SEAT_LIMIT_TOO_HIGH],
  ])('a seat limit of %j: "%s", never zod\'s "Invalid input"', async (seatLimit, message) => {
    const { organization, owner } = await createOrganizationWithOwner();
    signInAs(owner);
    const result = await unchecked(setSeatLimitAction)({ organizationId: organization.id, seatLimit });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(fieldOf(result)).toEqual({ seatLimit: message });
    expect(message).toMatch(/^The seat limit /);
  });

  it('an empty seat limit is no limit, and a whole number is kept', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    signInAs(owner);
    expect(await setSeatLimitAction({ organizationId: organization.id, seatLimit: ' 12 ' })).toMatchObject({
      ok: true,
      data: { seatLimit: 12 },
    });
    expect(await setSeatLimitAction({ organizationId: organization.id, seatLimit: '' })).toMatchObject({
      ok: true,
      data: { seatLimit: null },
    });
  });

  it('an organization name or a token name that is not valid says why, in its own field', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    signInAs(owner);
    const long = await renameOrganizationAction({ organizationId: organization.id, name: 'x'.repeat(500) });
    expect(fieldOf(long).name).toMatch(/at most \d+ characters/);
    const blank = await createScimTokenAction({ organizationId: organization.id, name: '   ' });
    expect(fieldOf(blank)).toEqual({ name: 'Name the token (for example, the identity provider).' });
    for (const result of [long, blank])
      expect(Object.values(fieldOf(result)).join(' ')).not.toMatch(/Invalid input/);
  });
});

describe('domain refusals keep their code and details', () => {
  it('BULK_REFUSED carries details.refused naming the rows', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const ownerMembership = await membershipOf(organization.id, owner.userId);
    const admin = await addMember(organization.id, 'admin');
    const member = await addMember(organization.id, 'member');
    signInAs(admin);
    const result = await removeMembersAction({
      organizationId: organization.id,
      ids: [member.membershipId, ownerMembership.id],
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'BULK_REFUSED',
        message: expect.stringContaining('Nothing was changed'),
        details: {
          refused: [
            {
              id: ownerMembership.id,
              email: owner.email,
              code: 'OWNER_REQUIRED',
              message: errorMessages.OWNER_REQUIRED,
            },
          ],
        },
      },
    });
    expect(await membershipOf(organization.id, member.userId)).not.toBeNull();
  });

  it('LAST_OWNER and FORBIDDEN come back as their codes with their messages', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    signInAs(owner);
    const last = await leaveOrganizationAction({ organizationId: organization.id });
    expect(last).toMatchObject({
      ok: false,
      error: { code: 'LAST_OWNER', message: errorMessages.LAST_OWNER },
    });
    const member = await addMember(organization.id, 'member');
    signInAs(member);
    const forbidden = await inviteMembersAction({
      organizationId: organization.id,
      emails: ['x@example.com'],
      role: 'member',
    });
    expect(forbidden).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: errorMessages.FORBIDDEN } });
  });
});

describe('a suspended member (docs/rules.md rule 8a)', () => {
  it('is refused every action from their next call, as a non-member (NOT_FOUND), and nothing changes; reactivated, they act again', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const admin = await addMember(organization.id, 'admin');
    const member = await addMember(organization.id, 'member');
    const organizationId = organization.id;
    signInAs(owner);
    expect(
      await setMemberStatusAction({ organizationId, ids: [admin.membershipId], status: 'suspended' }),
    ).toEqual({ ok: true, data: { changed: 1, status: 'suspended' } });

    signInAs(admin);
    const before = await snapshot();
    for (const result of [
      await changeRolesAction({ organizationId, ids: [member.membershipId], role: 'admin' }),
      await removeMembersAction({ organizationId, ids: [member.membershipId] }),
      await inviteMembersAction({ organizationId, emails: ['new@example.com'], role: 'member' }),
      await renameOrganizationAction({ organizationId, name: 'Mine now' }),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(await snapshot()).toEqual(before);

    signInAs(owner);
    await setMemberStatusAction({ organizationId, ids: [admin.membershipId], status: 'active' });
    signInAs(admin);
    expect(
      await changeRolesAction({ organizationId, ids: [member.membershipId], role: 'admin' }),
    ).toMatchObject({
      ok: true,
    });
  });
});

describe('invitation link attempts are limited per client', () => {
  it('past INVITATION_LOOKUPS_PER_MINUTE from one address, accept and decline get RATE_LIMITED; another address is not affected', async () => {
    vi.stubEnv('INVITATION_LOOKUPS_PER_MINUTE', '2');
    const { organization } = await createOrganizationWithOwner('Acme');
    const invitation = await addInvitation(organization.id, { email: 'target@example.com' });
    mocks.requestHeaders['x-forwarded-for'] = '203.0.113.7, 10.0.0.1';
    const guess = 'A'.repeat(43);
    expect(await declineInvitationAction({ token: guess })).toMatchObject({
      ok: false,
      error: { code: 'INVITATION_INVALID' },
    });
    expect(await acceptInvitationAsNewUserAction({ token: guess })).toMatchObject({
      ok: false,
      error: { code: 'INVITATION_INVALID' },
    });
    expect(await declineInvitationAction({ token: invitation.token })).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: errorMessages.RATE_LIMITED },
    });
    signInAs(await createUser({ email: 'target@example.com' }));
    expect(await acceptInvitationAction({ token: invitation.token })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect(mocks.cookieSet).not.toHaveBeenCalled();

    mocks.requestHeaders['x-forwarded-for'] = '198.51.100.9';
    expect(await acceptInvitationAction({ token: invitation.token })).toMatchObject({
      ok: true,
      data: { outcome: 'accepted' },
    });
  });
});

describe('unexpected errors: INTERNAL', () => {
  it('returns the generic message, with no stack, SQL or error text, and logs the real error', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const member = await addMember(organization.id, 'member');
    signInAs(owner);
    const secret = new Error(
      'relation "memberships" violates constraint: UPDATE memberships SET role = $1 WHERE password = \'hunter2\'',
    );
    vi.mocked(getDb).mockRejectedValueOnce(secret);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const result = await changeRolesAction({
        organizationId: organization.id,
        ids: [member.membershipId],
        role: 'admin',
      });
      expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: errorMessages.INTERNAL } });
      const text = JSON.stringify(result);
      for (const leak of ['UPDATE', 'memberships', 'hunter2', 'relation', 'at ', '.ts:'])
        expect(text).not.toContain(leak);
      expect(logged).toHaveBeenCalledWith('[action] unexpected error', secret);
    } finally {
      logged.mockRestore();
    }
    expect((await membershipOf(organization.id, member.userId)).role).toBe('member');
  });
});

describe('acceptInvitationAsNewUserAction', () => {
  async function invitedNewcomer(email = 'newcomer@example.com') {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    signInAs(owner);
    await inviteMembersAction({ organizationId: organization.id, emails: [email], role: 'admin' });
    const message = (await listMailboxMessages()).find((m) => m.to === email)!;
    signInAs(null);
    return { organization, token: tokenFrom(message.text) };
  }

  it('creates the account and sets the authjs.session-token cookie to the new session', async () => {
    const { organization, token } = await invitedNewcomer();
    const result = await acceptInvitationAsNewUserAction({ token, name: 'New Comer' });
    expect(result).toEqual({
      ok: true,
      data: {
        outcome: 'accepted',
        role: 'admin',
        organization: { id: organization.id, name: 'Acme', slug: organization.slug },
      },
    });
    // The secret travels only in the cookie, never in the result.
    expect(JSON.stringify(result)).not.toMatch(/sessionToken|userId/);
    expect(mocks.cookieSet).toHaveBeenCalledTimes(1);
    const [name, value, options] = mocks.cookieSet.mock.calls[0];
    expect(name).toBe('authjs.session-token');
    expect(options).toMatchObject({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: false,
      expires: expect.any(Date),
    });
    const db = await getDb();
    const [session] = await db
      .select()
      .from(sessions)
      .where(eq(sessions.sessionToken, value as string));
    expect(session).toBeDefined();
    expect(session.expires.getTime()).toBe((options as { expires: Date }).expires.getTime());
  });

  it('uses the __Secure- cookie when the public URL is https', async () => {
    const { token } = await invitedNewcomer();
    vi.stubEnv('APP_URL', 'https://console.example.com');
    const result = await acceptInvitationAsNewUserAction({ token });
    expect(result.ok).toBe(true);
    const [name, , options] = mocks.cookieSet.mock.calls[0];
    expect(name).toBe('__Secure-authjs.session-token');
    expect(options).toMatchObject({ secure: true });
  });

  it('decides the cookie from the public URL, not from the request: X-Forwarded-Proto changes nothing', async () => {
    const { token } = await invitedNewcomer();
    mocks.requestHeaders['x-forwarded-proto'] = 'https';
    const result = await acceptInvitationAsNewUserAction({ token });
    expect(result.ok).toBe(true);
    const [name, , options] = mocks.cookieSet.mock.calls[0];
    expect(name).toBe('authjs.session-token');
    expect(options).toMatchObject({ secure: false });
  });

  it('sets no cookie when the address already has an account (ACCOUNT_EXISTS)', async () => {
    const { token } = await invitedNewcomer('existing@example.com');
    await createUser({ email: 'existing@example.com' });
    const result = await acceptInvitationAsNewUserAction({ token });
    expect(result).toEqual({
      ok: false,
      error: { code: 'ACCOUNT_EXISTS', message: errorMessages.ACCOUNT_EXISTS },
    });
    expect(mocks.cookieSet).not.toHaveBeenCalled();
  });
});
