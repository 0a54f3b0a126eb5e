// Honest invitation rows (issue 8): a declined invitation stays in the user table as Declined until an
// admin deletes it or invites the address again; an invitation row tells when it was last sent, how
// many times and when it expires (or expired); a resend does not move the row in the default order.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invitationDetails } from '@/components/users/format';
import { getDb } from '@/db/client';
import { invitations } from '@/db/schema';
import { advanceClock, now } from '@/lib/clock';
import { listMailboxMessages } from '@/lib/email/mailbox';
import { declineInvitation, inviteMembers, resendInvitation } from '@/lib/invitations';
import { changeRoles, removeMembers } from '@/lib/members';
import { listUserTable } from '@/lib/user-table/list';
import { useTestDatabase } from '../support/db';
import { addInvitation, createOrganizationWithOwner } from '../support/factories';
import { expectDomainError, tokenFrom } from '../support/state';
import { english } from '../support/english-words';

useTestDatabase();

const DAY = 24 * 3_600_000;

async function declinedInvitation(email = 'nope@example.com') {
  const { organization, owner } = await createOrganizationWithOwner('Acme');
  await inviteMembers(owner, { organizationId: organization.id, emails: [email], role: 'member' });
  const message = (await listMailboxMessages()).find((m) => m.to === email);
  if (!message) throw new Error(`No email to ${email}`);
  await declineInvitation(null, { token: tokenFrom(message.text) });
  return { organization, owner, email };
}

async function rowsOf(organizationId: string, email: string) {
  const db = await getDb();
  return db
    .select()
    .from(invitations)
    .where(and(eq(invitations.organizationId, organizationId), eq(invitations.email, email)));
}

describe('declined invitations in the user table', () => {
  it('a declined invitation is listed with status declined (not removed), and counts in the total', async () => {
    const { organization, owner, email } = await declinedInvitation();
    const table = await listUserTable(owner, { organizationId: organization.id });
    const row = table.rows.find((r) => r.email === email);
    expect(row).toMatchObject({ kind: 'invitation', status: 'declined', role: 'member', sendCount: 1 });
    expect(table.total).toBe(2);
  });

  it('the status filter declined lists only declined rows, and pending leaves them out', async () => {
    const { organization, owner, email } = await declinedInvitation();
    const pending = await addInvitation(organization.id);
    const declined = await listUserTable(owner, { organizationId: organization.id, statuses: ['declined'] });
    expect(declined.rows.map((r) => r.email)).toEqual([email]);
    expect(declined.total).toBe(1);
    const open = await listUserTable(owner, { organizationId: organization.id, statuses: ['pending'] });
    expect(open.rows.map((r) => r.email)).toEqual([pending.email]);
  });

  it('Delete (removeMembers) revokes a declined row: it leaves the table', async () => {
    const { organization, owner, email } = await declinedInvitation();
    const [row] = await rowsOf(organization.id, email);
    const result = await removeMembers(owner, { organizationId: organization.id, ids: [row.id] });
    expect(result).toEqual({ removedMembers: 0, revokedInvitations: 1, actorLeft: false });
    expect((await rowsOf(organization.id, email)).map((r) => r.status)).toEqual(['revoked']);
    const table = await listUserTable(owner, { organizationId: organization.id });
    expect(table.rows.map((r) => r.email)).not.toContain(email);
  });

  it('inviting a declined address again replaces the row by a fresh pending invitation: one row listed', async () => {
    const { organization, owner, email } = await declinedInvitation();
    const [old] = await rowsOf(organization.id, email);
    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: [email],
      role: 'admin',
    });
    expect(summary.results[0].outcome).toBe('invited');
    const stored = await rowsOf(organization.id, email);
    expect(stored.map((r) => [r.id === old.id ? 'old' : 'new', r.status]).sort()).toEqual([
      ['new', 'pending'],
      ['old', 'revoked'],
    ]);
    const listed = (await listUserTable(owner, { organizationId: organization.id })).rows.filter(
      (r) => r.email === email,
    );
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ status: 'pending', role: 'admin', sendCount: 1 });
  });

  it('Change role and Resend are refused on a declined row (INVITATION_DECLINED, saying what to do instead), and nothing changes', async () => {
    const { organization, owner, email } = await declinedInvitation();
    const [row] = await rowsOf(organization.id, email);
    const changed = await expectDomainError(
      changeRoles(owner, { organizationId: organization.id, ids: [row.id], role: 'admin' }),
      'INVITATION_DECLINED',
    );
    expect(changed.message).toBe('That invitation was declined: delete it, or invite the address again.');
    await expectDomainError(
      resendInvitation(owner, { organizationId: organization.id, invitationId: row.id }),
      'INVITATION_DECLINED',
    );
    expect(await rowsOf(organization.id, email)).toEqual([row]);
  });
});

describe('what an invitation row tells', () => {
  it('a resend updates last sent and the count but not the row date, so the default order keeps it in place', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['a@example.com'],
      role: 'member',
    });
    advanceClock(2 * 60_000);
    await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['b@example.com'],
      role: 'member',
    });
    advanceClock(2 * 60_000);
    const before = await listUserTable(owner, { organizationId: organization.id });
    const [first] = await rowsOf(organization.id, 'a@example.com');
    await resendInvitation(owner, { organizationId: organization.id, invitationId: first.id });
    const after = await listUserTable(owner, { organizationId: organization.id });
    expect(after.rows.map((r) => r.email)).toEqual(before.rows.map((r) => r.email));
    expect(after.rows.map((r) => r.email).slice(0, 2)).toEqual(['b@example.com', 'a@example.com']);
    const resent = after.rows.find((r) => r.email === 'a@example.com')!;
    const was = before.rows.find((r) => r.email === 'a@example.com')!;
    expect(resent.sendCount).toBe(2);
    expect(resent.lastSentAt!.getTime()).toBeGreaterThan(was.lastSentAt!.getTime());
    expect(resent.date.getTime()).toBe(was.date.getTime());
  });

  it('an expired invitation reads "Expired on <date and time>", a pending one "Expires …", with last sent and times', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const lapsed = await addInvitation(organization.id, { expiresAt: new Date(now().getTime() - 2 * DAY) });
    const open = await addInvitation(organization.id);
    const rows = (await listUserTable(owner, { organizationId: organization.id })).rows;
    const details = (email: string) => {
      const row = rows.find((r) => r.email === email)!;
      return invitationDetails(
        {
          status: row.status,
          sendCount: row.sendCount,
          lastSentAt: row.lastSentAt!.toISOString(),
          expiresAt: row.expiresAt!.toISOString(),
        },
        english,
      );
    };
    const [lapsedSent, lapsedExpiry] = details(lapsed.email);
    expect(lapsedSent).toMatch(
      /^Last sent [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M UTC \(sent once\)$/,
    );
    expect(lapsedExpiry).toMatch(/^Expired on [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M UTC$/);
    expect(details(open.email)[1]).toMatch(/^Expires [A-Z]/);
  });

  it('selected by filter: a role change that takes in a declined row is refused naming it, a removal revokes it', async () => {
    const { organization, owner, email } = await declinedInvitation();
    const pending = await addInvitation(organization.id);
    const filter = { search: '', role: 'member' as const, status: null };
    const listed = await listUserTable(owner, { organizationId: organization.id, roles: ['member'] });
    expect(listed.total).toBe(2);
    const refusal = await expectDomainError(
      changeRoles(owner, {
        organizationId: organization.id,
        role: 'admin',
        matching: { filter, count: listed.total },
      }),
      'BULK_REFUSED',
    );
    expect(refusal.message).toBe(
      "Nothing was changed: 1 of the 2 selected users can't be changed. That invitation was declined: delete it, or invite the address again.",
    );
    expect(refusal.details?.refused).toEqual([
      expect.objectContaining({ email, code: 'INVITATION_DECLINED' }),
    ]);
    expect((await rowsOf(organization.id, pending.email))[0].role).toBe('member');

    await removeMembers(owner, {
      organizationId: organization.id,
      matching: { filter, count: listed.total },
    });
    expect((await rowsOf(organization.id, email)).map((row) => row.status)).toEqual(['revoked']);
    expect((await rowsOf(organization.id, pending.email)).map((row) => row.status)).toEqual(['revoked']);
  });
});
