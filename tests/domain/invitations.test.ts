import { createHash } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { invitations, memberships, sessions, users } from '@/db/schema';
import { advanceClock } from '@/lib/clock';
import { person } from '@/lib/shared/actor';
import { listMailboxMessages } from '@/lib/email/mailbox';
import {
  acceptInvitation,
  acceptInvitationAsNewUser,
  declineInvitation,
  getInvitation,
  inviteMembers,
  resendInvitation,
} from '@/lib/invitations';
import { removeMembers } from '@/lib/members';
import { listUserTable } from '@/lib/user-table/list';
import { useTestDatabase } from '../support/db';
import {
  addInvitation,
  addMember,
  createOrganizationWithOwner,
  createUser,
  membershipOf,
} from '../support/factories';
import { auditActions, expectDomainError, snapshot, tokenFrom } from '../support/state';
import { rawRows } from '../support/raw-rows';

useTestDatabase();

const DAY = 24 * 3_600_000;
const COOLDOWN_MS = 60_000;

async function invitationRow(organizationId: string, email: string) {
  const db = await getDb();
  const found = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.organizationId, organizationId), eq(invitations.email, email)));
  return found;
}

/** The link in the newest email to `to`. */
async function latestToken(to: string) {
  const message = (await listMailboxMessages()).find((m) => m.to === to);
  if (!message) throw new Error(`No email to ${to}`);
  return tokenFrom(message.text);
}

async function invitedWithLink(role: 'admin' | 'member' = 'member', email = 'invitee@example.com') {
  const { organization, owner } = await createOrganizationWithOwner('Acme');
  const summary = await inviteMembers(owner, { organizationId: organization.id, emails: [email], role });
  expect(summary.results[0].outcome).toBe('invited');
  return { organization, owner, email, token: await latestToken(email) };
}

describe('inviting', () => {
  it('reports invited, already_member and invalid per address, in the order typed', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const existing = await addMember(organization.id, 'member');
    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['fresh@example.com', existing.email.toUpperCase(), 'not-an-email', 'a@b'],
      role: 'member',
    });
    expect(summary.results.map((r) => [r.email, r.outcome])).toEqual([
      ['fresh@example.com', 'invited'],
      [existing.email, 'already_member'],
      ['not-an-email', 'invalid'],
      ['a@b', 'invalid'],
    ]);
    expect(summary.counts).toMatchObject({
      invited: 1,
      already_member: 1,
      invalid: 2,
      resent: 0,
      rate_limited: 0,
      not_delivered: 0,
    });
    expect(summary.results[0].invitationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await invitationRow(organization.id, existing.email)).toHaveLength(0);
  });

  it('trims, lower-cases and de-duplicates addresses', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['  Alice@Example.COM ', 'alice@example.com', 'ALICE@EXAMPLE.COM', '', '   '],
      role: 'admin',
    });
    expect(summary.results).toEqual([
      expect.objectContaining({ email: 'alice@example.com', outcome: 'invited' }),
    ]);
    const found = await invitationRow(organization.id, 'alice@example.com');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      role: 'admin',
      status: 'pending',
      sendCount: 1,
      deliveryStatus: 'sent',
    });
    expect((await listMailboxMessages()).filter((m) => m.to === 'alice@example.com')).toHaveLength(1);
  });

  it('refuses more than 100 addresses with TOO_MANY_ADDRESSES and writes nothing', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const before = await snapshot();
    const emails = Array.from({ length: 101 }, (_, i) => `person${i}@example.com`);
    await expectDomainError(
      inviteMembers(owner, { organizationId: organization.id, emails, role: 'member' }),
      'TOO_MANY_ADDRESSES',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('accepts exactly 100 addresses, and 101 entries that collapse to 100', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const emails = Array.from({ length: 100 }, (_, i) => `person${i}@example.com`);
    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: [...emails, 'PERSON0@example.com'],
      role: 'member',
    });
    expect(summary.counts.invited).toBe(100);
  });

  it('refuses an empty list with NO_VALID_ADDRESSES', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    await expectDomainError(
      inviteMembers(owner, { organizationId: organization.id, emails: [' ', ''], role: 'member' }),
      'NO_VALID_ADDRESSES',
    );
  });

  it('sends an email to the mailbox with the link, the inviter, the organization, the role and the expiry', async () => {
    vi.stubEnv('APP_URL', 'https://hub.example.com/');
    const { organization, owner } = await createOrganizationWithOwner('Northwind');
    await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['ann@example.com'],
      role: 'admin',
    });
    const [message] = await listMailboxMessages();
    expect(message.to).toBe('ann@example.com');
    expect(message.subject).toBe('Olivia Owner invited you to join Northwind on AI Hub');
    const token = tokenFrom(message.text);
    expect(message.text).toContain(`https://hub.example.com/invite/${token}`);
    expect(message.html).toContain(`https://hub.example.com/invite/${token}`);
    expect(message.text).toContain('as Admin');
    expect(message.text).toContain('Accept Invitation');
    expect(message.text).toMatch(/expires on \w+ \d{1,2}, \d{4}/);
    const view = await getInvitation(token);
    expect(view).toMatchObject({
      status: 'valid',
      email: 'ann@example.com',
      role: 'admin',
      organization: { id: organization.id, name: 'Northwind' },
      inviter: { email: owner.email, name: 'Olivia Owner' },
      accountExists: false,
    });
  });

  it('records one audit event per invitation sent', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['a@example.com', 'b@example.com'],
      role: 'member',
    });
    const events = (await auditActions(organization.id)).filter((e) => e.action === 'invitation.sent');
    expect(events.map((e) => e.targetEmail).sort()).toEqual(['a@example.com', 'b@example.com']);
  });

  it('stores only a hash: the raw token from the email appears nowhere in the invitations table', async () => {
    const { organization, token } = await invitedWithLink();
    const db = await getDb();
    const dump = await rawRows<{ row: string }>(
      db,
      sql`SELECT row_to_json(i)::text AS row FROM ${invitations} i`,
    );
    expect(dump).toHaveLength(1);
    expect(dump[0].row).not.toContain(token);
    const [row] = await invitationRow(organization.id, 'invitee@example.com');
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
  });
});

describe('resending', () => {
  it('inviting the same address after the cooldown resends: new link, old link invalid, expiry restarted, role updated, sendCount 2', async () => {
    const { organization, owner, email, token: oldToken } = await invitedWithLink('member');
    const [first] = await invitationRow(organization.id, email);
    advanceClock(COOLDOWN_MS + 1_000);

    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: [email],
      role: 'admin',
    });
    expect(summary.results).toEqual([
      expect.objectContaining({ email, outcome: 'resent', invitationId: first.id }),
    ]);
    const newToken = await latestToken(email);
    expect(newToken).not.toBe(oldToken);
    expect((await listMailboxMessages()).filter((m) => m.to === email)).toHaveLength(2);

    expect(await getInvitation(oldToken)).toEqual({ status: 'invalid' });
    expect(await getInvitation(newToken)).toMatchObject({ status: 'valid', role: 'admin' });

    const found = await invitationRow(organization.id, email);
    expect(found).toHaveLength(1);
    const [second] = found;
    expect(second).toMatchObject({ id: first.id, role: 'admin', sendCount: 2, status: 'pending' });
    expect(second.expiresAt.getTime() - first.expiresAt.getTime()).toBeGreaterThanOrEqual(COOLDOWN_MS);
    expect(second.lastSentAt.getTime()).toBeGreaterThan(first.lastSentAt.getTime());
    expect((await auditActions(organization.id)).map((e) => e.action)).toContain('invitation.resent');

    await expectDomainError(
      acceptInvitation(await createUser({ email }), { token: oldToken }),
      'INVITATION_INVALID',
    );
    const accepted = await acceptInvitation(await membershipLess(email), { token: newToken });
    expect(accepted).toMatchObject({ outcome: 'accepted', role: 'admin' });
  });

  it('inviting again inside the cooldown is rate_limited and changes nothing', async () => {
    const { organization, owner, email, token } = await invitedWithLink();
    advanceClock(COOLDOWN_MS / 2);
    const before = await snapshot();
    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: [email],
      role: 'admin',
    });
    expect(summary.results).toEqual([
      expect.objectContaining({
        email,
        outcome: 'rate_limited',
        reason: expect.stringMatching(/resend in \d+ s/),
      }),
    ]);
    expect(await snapshot()).toEqual(before);
    expect((await getInvitation(token)).status).toBe('valid');
  });

  it('resendInvitation refuses inside the cooldown with RATE_LIMITED, and resends after it', async () => {
    const { organization, owner, email } = await invitedWithLink();
    const [row] = await invitationRow(organization.id, email);
    await expectDomainError(
      resendInvitation(owner, { organizationId: organization.id, invitationId: row.id }),
      'RATE_LIMITED',
    );
    advanceClock(COOLDOWN_MS);
    const result = await resendInvitation(owner, { organizationId: organization.id, invitationId: row.id });
    expect(result).toMatchObject({ email, outcome: 'resent' });
    expect((await invitationRow(organization.id, email))[0]).toMatchObject({ role: 'member', sendCount: 2 });
  });

  it('the organization hourly cap turns the extra addresses into rate_limited, and the next hour has room again', async () => {
    vi.stubEnv('INVITATIONS_PER_ORGANIZATION_PER_HOUR', '3');
    const { organization, owner } = await createOrganizationWithOwner();
    const emails = ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com', 'e@example.com'];
    const summary = await inviteMembers(owner, { organizationId: organization.id, emails, role: 'member' });
    expect(summary.results.map((r) => r.outcome)).toEqual([
      'invited',
      'invited',
      'invited',
      'rate_limited',
      'rate_limited',
    ]);
    expect(summary.results[3].reason).toMatch(/3 invitations an hour/);
    expect(await invitationRow(organization.id, 'd@example.com')).toHaveLength(0);

    const again = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['f@example.com'],
      role: 'member',
    });
    expect(again.results[0].outcome).toBe('rate_limited');

    advanceClock(3_600_000);
    const later = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['f@example.com'],
      role: 'member',
    });
    expect(later.results[0].outcome).toBe('invited');
  });

  it('the hourly cap is per organization', async () => {
    vi.stubEnv('INVITATIONS_PER_ORGANIZATION_PER_HOUR', '1');
    const one = await createOrganizationWithOwner('One');
    const two = await createOrganizationWithOwner('Two');
    expect(
      (
        await inviteMembers(one.owner, {
          organizationId: one.organization.id,
          emails: ['x@example.com'],
          role: 'member',
        })
      ).results[0].outcome,
    ).toBe('invited');
    expect(
      (
        await inviteMembers(two.owner, {
          organizationId: two.organization.id,
          emails: ['x@example.com'],
          role: 'member',
        })
      ).results[0].outcome,
    ).toBe('invited');
  });
});

/** A person with `email` who has an account but no membership yet (reuses it when it exists). */
async function membershipLess(email: string) {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user ? person({ userId: user.id, email: user.email, name: user.name }) : createUser({ email });
}

describe('expiry, revocation and declining', () => {
  it('a link is expired past 7 days: the view says expired, the table says expired, accept refuses INVITATION_EXPIRED', async () => {
    const { organization, owner, email, token } = await invitedWithLink();
    advanceClock(7 * DAY - 60_000);
    expect((await getInvitation(token)).status).toBe('valid');
    advanceClock(2 * 60_000);
    expect((await getInvitation(token)).status).toBe('expired');
    const table = await listUserTable(owner, { organizationId: organization.id, search: email });
    expect(table.rows[0]).toMatchObject({ kind: 'invitation', status: 'expired' });
    const invitee = await createUser({ email });
    const before = await snapshot();
    await expectDomainError(acceptInvitation(invitee, { token }), 'INVITATION_EXPIRED');
    await expectDomainError(acceptInvitationAsNewUser({ token }), 'INVITATION_EXPIRED');
    expect(await snapshot()).toEqual(before);
  });

  it('inviting an expired address again gives a fresh, valid link', async () => {
    const { organization, owner, email } = await invitedWithLink();
    advanceClock(8 * DAY);
    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: [email],
      role: 'member',
    });
    expect(summary.results[0].outcome).toBe('resent');
    expect((await getInvitation(await latestToken(email))).status).toBe('valid');
  });

  it('revoking with removeMembers makes the link invalid', async () => {
    const { organization, owner, email, token } = await invitedWithLink();
    const [row] = await invitationRow(organization.id, email);
    const result = await removeMembers(owner, { organizationId: organization.id, ids: [row.id] });
    expect(result).toEqual({ removedMembers: 0, revokedInvitations: 1, actorLeft: false });
    expect(await getInvitation(token)).toEqual({ status: 'invalid' });
    await expectDomainError(acceptInvitation(await createUser({ email }), { token }), 'INVITATION_INVALID');
    expect(
      (await listUserTable(owner, { organizationId: organization.id })).rows.map((r) => r.email),
    ).not.toContain(email);
  });

  it('declining closes the invitation (signed out, by the link alone), and the link is then invalid', async () => {
    const { organization, token, email } = await invitedWithLink();
    expect(await declineInvitation(null, { token })).toEqual({ organization: { name: 'Acme' } });
    expect(await getInvitation(token)).toEqual({ status: 'invalid' });
    expect((await invitationRow(organization.id, email))[0].status).toBe('declined');
    expect((await auditActions(organization.id)).map((e) => e.action)).toContain('invitation.declined');
    await expectDomainError(declineInvitation(null, { token }), 'INVITATION_INVALID');
  });

  it('someone signed in with another address may not decline', async () => {
    const { token } = await invitedWithLink();
    const stranger = await createUser();
    const before = await snapshot();
    await expectDomainError(declineInvitation(stranger, { token }), 'INVITATION_EMAIL_MISMATCH');
    expect(await snapshot()).toEqual(before);
  });

  it('an unknown or malformed link is invalid', async () => {
    expect(await getInvitation('x'.repeat(43))).toEqual({ status: 'invalid' });
    expect(await getInvitation("'; DROP TABLE invitations; --")).toEqual({ status: 'invalid' });
    await expectDomainError(acceptInvitation(await createUser(), { token: 'nope' }), 'INVITATION_INVALID');
  });
});

describe('accepting', () => {
  it('the invited person, signed in (email matched case-insensitively), becomes a member with the invited role', async () => {
    const { organization, owner, email, token } = await invitedWithLink('admin');
    const invitee = await createUser({ email });
    const result = await acceptInvitation({ ...invitee, email: '  INVITEE@Example.COM ' }, { token });
    expect(result).toEqual({
      outcome: 'accepted',
      role: 'admin',
      organization: { id: organization.id, name: 'Acme', slug: organization.slug },
    });
    expect(await membershipOf(organization.id, invitee.userId)).toMatchObject({
      role: 'admin',
      invitedById: owner.userId,
    });
    const [row] = await invitationRow(organization.id, email);
    expect(row).toMatchObject({ status: 'accepted', acceptedById: invitee.userId });
    expect((await getInvitation(token)).status).toBe('accepted');
    await expectDomainError(acceptInvitation(invitee, { token }), 'INVITATION_ALREADY_ACCEPTED');
    expect((await auditActions(organization.id)).map((e) => e.action)).toContain('invitation.accepted');
  });

  it('someone signed in with another address is refused with INVITATION_EMAIL_MISMATCH and nothing changes', async () => {
    const { token } = await invitedWithLink();
    const stranger = await createUser();
    const before = await snapshot();
    await expectDomainError(acceptInvitation(stranger, { token }), 'INVITATION_EMAIL_MISMATCH');
    expect(await snapshot()).toEqual(before);
    expect((await getInvitation(token)).status).toBe('valid');
  });

  it('two accepts at once make exactly one membership; the other gets INVITATION_ALREADY_ACCEPTED', async () => {
    const { organization, email, token } = await invitedWithLink();
    const invitee = await createUser({ email });
    const settled = await Promise.allSettled([
      acceptInvitation(invitee, { token }),
      acceptInvitation(invitee, { token }),
    ]);
    const fulfilled = settled.filter((s) => s.status === 'fulfilled');
    const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toMatchObject({ code: 'INVITATION_ALREADY_ACCEPTED' });
    const db = await getDb();
    const [n] = await db
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.organizationId, organization.id));
    expect(n.n).toBe(2); // the Owner and the invitee
    expect(
      (await auditActions(organization.id)).filter((e) => e.action === 'invitation.accepted'),
    ).toHaveLength(1);
  });

  it('someone who is already a member gets outcome already_member and keeps their role', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const existing = await addMember(organization.id, 'admin');
    const invitation = await addInvitation(organization.id, {
      email: existing.email,
      role: 'member',
      invitedById: owner.userId,
    });
    const result = await acceptInvitation(existing, { token: invitation.token });
    expect(result).toMatchObject({ outcome: 'already_member', role: 'admin' });
    expect((await membershipOf(organization.id, existing.userId)).role).toBe('admin');
    expect((await getInvitation(invitation.token)).status).toBe('accepted');
  });

  it('acceptInvitationAsNewUser creates the account, a session and the membership with the invited role', async () => {
    const { organization, email, token } = await invitedWithLink('admin', 'brand.new@example.com');
    expect(await getInvitation(token)).toMatchObject({ accountExists: false });
    const result = await acceptInvitationAsNewUser({ token, name: '  Brand \n New  ' });
    expect(result).toMatchObject({
      outcome: 'accepted',
      role: 'admin',
      organization: { id: organization.id },
    });
    expect(result.sessionToken.length).toBeGreaterThanOrEqual(43);
    expect(result.sessionExpires.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);

    const db = await getDb();
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ id: result.userId, name: 'Brand New' });
    expect(user.emailVerified).toBeInstanceOf(Date);
    const [session] = await db.select().from(sessions).where(eq(sessions.sessionToken, result.sessionToken));
    expect(session).toMatchObject({ userId: result.userId });
    expect(await membershipOf(organization.id, result.userId)).toMatchObject({ role: 'admin' });
    await expectDomainError(acceptInvitationAsNewUser({ token }), 'INVITATION_ALREADY_ACCEPTED');
  });

  it('acceptInvitationAsNewUser for an address that has an account refuses ACCOUNT_EXISTS and changes nothing', async () => {
    const { email, token } = await invitedWithLink('member', 'known@example.com');
    await createUser({ email });
    expect(await getInvitation(token)).toMatchObject({ accountExists: true });
    const before = await snapshot();
    const db = await getDb();
    const [sessionsBefore] = await db.select({ n: count() }).from(sessions);
    await expectDomainError(acceptInvitationAsNewUser({ token }), 'ACCOUNT_EXISTS');
    expect(await snapshot()).toEqual(before);
    const [sessionsAfter] = await db.select({ n: count() }).from(sessions);
    expect(sessionsAfter.n).toBe(sessionsBefore.n);
    expect((await getInvitation(token)).status).toBe('valid');
  });
});
