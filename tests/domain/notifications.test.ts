// Emails to the people a change is about (lib/members/notifications.ts), sent by the job queue into the
// development mailbox: a role change, a removal and an ownership transfer each send one email to the
// person concerned, naming the organization, the change and who made it; nobody is emailed about their
// own change or about a pending invitation; an organization that turned them off sends none; a change
// that is refused queues nothing; and a bulk change of 1,000 people writes its emails in its own
// statement and their jobs in one more.
import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, emailMessages, mailboxMessages } from '@/db/schema';
import { changeRoles, removeMembers } from '@/lib/members';
import { leaveOrganization } from '@/lib/members/remove';
import { setMemberNotifications, transferOwnership } from '@/lib/organizations';
import { useCountingHandle } from '../support/counting';
import { useTestDatabase } from '../support/db';
import { eventually } from '../support/eventually';
import {
  addInvitation,
  addManyMembers,
  addMember,
  createOrganizationWithOwner,
  createUser,
} from '../support/factories';
import { useFakeResend, useResendAt } from '../support/fake-resend';
import { rawRows } from '../support/raw-rows';

const testDb = useTestDatabase();

async function mailbox() {
  const db = await getDb();
  return db.select().from(mailboxMessages);
}

/** Every queued message has been sent (or failed) and every email job is done: the worker has nothing left. */
async function drained(): Promise<boolean> {
  const db = await getDb();
  const [left] = await db
    .select({ n: count() })
    .from(emailMessages)
    .where(sql`${emailMessages.status} IN ('queued', 'sending', 'retrying')`);
  const [jobs] = await rawRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'email' AND state IN ('created', 'retry', 'active')`,
  );
  return Number(left.n) === 0 && Number(jobs.n) === 0;
}

async function messageCount(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(emailMessages);
  return Number(row.n);
}

describe('a role change', () => {
  it('emails the member whose role changed, once, with the old and new role, who changed it and a link to the console', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme Research');
    const sam = await addMember(organization.id, 'member', await createUser({ name: 'Sam Lee' }));
    await changeRoles(owner, { organizationId: organization.id, ids: [sam.membershipId], role: 'admin' });

    await eventually(async () => (await mailbox()).length === 1);
    const [email] = await mailbox();
    expect(email.to).toBe(sam.email);
    expect(email.subject).toBe('Your role in Acme Research is now Admin');
    expect(email.text).toContain(
      `Olivia Owner (${owner.email}) changed your role in Acme Research on AI Hub from Member to Admin.`,
    );
    expect(email.text).toContain(
      "As an Admin you can invite people and manage the organization's members and settings.",
    );
    expect(email.html).toContain(`/admin/${organization.slug}/users`);
    expect(email.tags).toEqual({ kind: 'role_changed' });
  });

  it('made Member, the link opens AI Hub rather than the console they can no longer use', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const ada = await addMember(organization.id, 'admin');
    await changeRoles(owner, { organizationId: organization.id, ids: [ada.membershipId], role: 'member' });
    await eventually(async () => (await mailbox()).length === 1);
    const [email] = await mailbox();
    expect(email.subject).toBe('Your role in Acme is now Member');
    expect(email.text).toContain('from Admin to Member');
    expect(email.html).not.toContain('/admin/');
  });

  it('emails nobody about their own change, nor the invitee of a pending invitation, nor a row that already had the role', async () => {
    const { organization } = await createOrganizationWithOwner('Acme');
    const admin = await addMember(organization.id, 'admin');
    const already = await addMember(organization.id, 'member');
    const invitation = await addInvitation(organization.id, { role: 'member' });
    await changeRoles(admin, {
      organizationId: organization.id,
      ids: [admin.membershipId, already.membershipId, invitation.id],
      role: 'member',
    });
    await eventually(drained);
    expect(await messageCount()).toBe(0);
    expect(await mailbox()).toEqual([]);
  });

  it('refused (an Admin may not demote an Owner), it queues no email at all', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const admin = await addMember(organization.id, 'admin');
    const member = await addMember(organization.id, 'member');
    const ownerRow = await getDb().then((db) =>
      db.query.memberships.findFirst({ where: (m, { eq: is }) => is(m.userId, owner.userId) }),
    );
    await expect(
      changeRoles(admin, {
        organizationId: organization.id,
        ids: [member.membershipId, ownerRow!.id],
        role: 'admin',
      }),
    ).rejects.toMatchObject({ code: 'BULK_REFUSED' });
    expect(await messageCount()).toBe(0);
  });
});

describe('a removal', () => {
  it('emails the person removed, once, naming the organization and who removed them, with no link into the console', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme Research');
    const sam = await addMember(organization.id, 'member');
    const invitation = await addInvitation(organization.id);
    await removeMembers(owner, { organizationId: organization.id, ids: [sam.membershipId, invitation.id] });

    await eventually(async () => (await mailbox()).length === 1);
    await eventually(drained);
    const emails = await mailbox();
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email.to).toBe(sam.email);
    expect(email.subject).toBe('You were removed from Acme Research on AI Hub');
    expect(email.text).toContain(
      `Olivia Owner (${owner.email}) removed you from Acme Research on AI Hub. You no longer have access to it.`,
    );
    expect(email.html).not.toMatch(/href="[^"]*\/admin\//);
    expect(email.text).not.toContain('/admin/');
  });

  it('leaving sends nothing: the person who left knows', async () => {
    const { organization } = await createOrganizationWithOwner('Acme');
    const sam = await addMember(organization.id, 'member');
    await leaveOrganization(sam, { organizationId: organization.id });
    await eventually(drained);
    expect(await messageCount()).toBe(0);
  });
});

describe('an ownership transfer', () => {
  it('emails the new Owner, once, saying who handed it over and that they are an Admin now; the previous Owner gets nothing', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme Research');
    const sam = await addMember(organization.id, 'admin');
    await transferOwnership(owner, { organizationId: organization.id, toUserId: sam.userId });

    await eventually(async () => (await mailbox()).length === 1);
    await eventually(drained);
    const emails = await mailbox();
    expect(emails.map((email) => email.to)).toEqual([sam.email]);
    const [email] = emails;
    expect(email.subject).toBe('You are now an Owner of Acme Research on AI Hub');
    expect(email.text).toContain(
      `Olivia Owner (${owner.email}) transferred ownership of Acme Research on AI Hub to you. You are an Owner now, and Olivia Owner is an Admin.`,
    );
    expect(email.html).toContain(`/admin/${organization.slug}/users`);
  });
});

describe('the setting', () => {
  it('turned off, a role change, a removal and a transfer send no email; turned on again, they do', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const admin = await addMember(organization.id, 'admin');
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => addMember(organization.id, 'member')));

    await setMemberNotifications(admin, { organizationId: organization.id, enabled: false });
    await changeRoles(owner, { organizationId: organization.id, ids: [a.membershipId], role: 'admin' });
    await removeMembers(owner, { organizationId: organization.id, ids: [b.membershipId] });
    await transferOwnership(owner, { organizationId: organization.id, toUserId: a.userId });
    expect(await messageCount()).toBe(0);

    await setMemberNotifications(owner, { organizationId: organization.id, enabled: true });
    await removeMembers(a, { organizationId: organization.id, ids: [c.membershipId] });
    await eventually(async () => (await mailbox()).length === 1);
    expect((await mailbox())[0].to).toBe(c.email);

    const db = await getDb();
    const events = await db
      .select({ details: auditEvents.details, actorEmail: auditEvents.actorEmail })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'organization.notifications_changed'))
      .orderBy(auditEvents.createdAt);
    expect(events).toEqual([
      { details: { from: true, to: false }, actorEmail: admin.email },
      { details: { from: false, to: true }, actorEmail: owner.email },
    ]);
  });

  it('is for Owners and Admins: a Member is refused and the setting stays; setting it to what it is records nothing', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const member = await addMember(organization.id, 'member');
    await expect(
      setMemberNotifications(member, { organizationId: organization.id, enabled: false }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await setMemberNotifications(owner, { organizationId: organization.id, enabled: true });
    const db = await getDb();
    const found = await db.query.organizations.findFirst({
      where: (o, { eq: is }) => is(o.id, organization.id),
    });
    expect(found?.notifyMemberChanges).toBe(true);
    const [events] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'organization.notifications_changed'));
    expect(Number(events.n)).toBe(0);
  });
});

describe('a bulk change of 1,000 people', () => {
  const fake = useFakeResend();
  const countingHandle = useCountingHandle(testDb);

  it('writes its 1,000 emails in its own statement and their 10 jobs in one more, and the worker sends them in 10 batch calls', async () => {
    useResendAt(fake.baseUrl);
    const { organization, owner } = await createOrganizationWithOwner('Thousand');
    await addManyMembers(organization.id, 1_000);
    // Nothing of an earlier test may be read by the worker while this change's statements are counted.
    await eventually(drained);

    const { result, statements } = await countingHandle().measure(() =>
      changeRoles(owner, {
        organizationId: organization.id,
        matching: { filter: { search: 'many-', role: null, status: null }, count: 1_000 },
        role: 'admin',
      }),
    );
    expect(result.changed).toBe(1_000);
    const counted = statements.filter((s) => !/^\s*(begin|commit|rollback)\b/i.test(s));
    expect(counted, 'lock, read, the change with its emails, their jobs').toHaveLength(4);
    expect(counted.filter((s) => /insert into "?email_messages"?/i.test(s))).toHaveLength(1);
    expect(await messageCount()).toBe(1_000);

    await eventually(drained, 60_000);
    const calls = fake.requests.filter((request) => request.path === '/emails/batch');
    expect(calls).toHaveLength(10);
    const recipients = fake.emails().map((email) => String(email.to));
    expect(new Set(recipients).size).toBe(1_000);
    expect(recipients.every((to) => /^many-\d+@example\.com$/.test(to))).toBe(true);
    // It waits up to 60 s for the queue to drain: the test's own limit is above that, not the suite's 30 s.
  }, 120_000);
});
