// Limits that keep the console from being used to send spam: organizations created per account per day,
// invitations sent per inviting account per day (across all its organizations) and invitation emails one
// address can receive per day (across all organizations). Counted in the database, exact under
// concurrency (PostgreSQL runs these with real concurrent transactions).
import { count, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { invitations, mailboxMessages, organizations } from '@/db/schema';
import { advanceClock, now } from '@/lib/clock';
import { invitationSettings, organizationsPerAccountPerDay } from '@/lib/config';
import { errorMessages } from '@/lib/shared/errors';
import { inviteMembers, resendInvitation } from '@/lib/invitations';
import { createOrganization, deleteOrganization } from '@/lib/organizations';
import { useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner, createUser } from '../support/factories';
import { expectDomainError, outcomeOf } from '../support/state';

useTestDatabase();

const DAY = 24 * 3_600_000;
/** Moves the clock to a minute past the start of the next UTC day (the limits' windows are UTC days). */
function nextDay() {
  const at = now().getTime();
  advanceClock((Math.floor(at / DAY) + 1) * DAY + 60_000 - at);
}

async function organizationCount() {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(organizations);
  return row.n;
}

async function emailsTo(address: string) {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(mailboxMessages).where(eq(mailboxMessages.to, address));
  return row.n;
}

async function invitationsTo(address: string) {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(invitations).where(eq(invitations.email, address));
  return row.n;
}

describe('defaults', () => {
  it('a real team never meets them and a spammer always does: 10 organizations and 1,000 invitations per account, 5 invitations per address, per day', () => {
    expect(organizationsPerAccountPerDay({})).toBe(10);
    expect(invitationSettings({})).toMatchObject({ perAccountPerDay: 1000, perAddressPerDay: 5 });
    expect(organizationsPerAccountPerDay({ ORGANIZATIONS_PER_ACCOUNT_PER_DAY: '3' })).toBe(3);
    expect(
      invitationSettings({ INVITATIONS_PER_ACCOUNT_PER_DAY: '7', INVITATIONS_PER_ADDRESS_PER_DAY: '2' }),
    ).toMatchObject({
      perAccountPerDay: 7,
      perAddressPerDay: 2,
    });
  });
});

describe('organizations created per account per day', () => {
  it('with the default, the 11th organization of the day is refused with ORGANIZATION_LIMIT and writes nothing', async () => {
    const person = await createUser();
    for (let n = 1; n <= 10; n++) await createOrganization(person, { name: `Org ${n}` });
    const error = await expectDomainError(
      createOrganization(person, { name: 'Org 11' }),
      'ORGANIZATION_LIMIT',
    );
    expect(error.message).toBe(errorMessages.ORGANIZATION_LIMIT);
    expect(await organizationCount()).toBe(10);
  });

  it('deleting an organization gives no room back; another account is not affected; the next day there is room again', async () => {
    vi.stubEnv('ORGANIZATIONS_PER_ACCOUNT_PER_DAY', '2');
    const person = await createUser();
    const first = await createOrganization(person, { name: 'First' });
    await createOrganization(person, { name: 'Second' });
    await deleteOrganization(person, { organizationId: first.id, confirmName: 'First' });
    await expectDomainError(createOrganization(person, { name: 'Third' }), 'ORGANIZATION_LIMIT');

    const other = await createUser();
    await createOrganization(other, { name: 'Theirs' });

    nextDay();
    await createOrganization(person, { name: 'Third' });
  });

  it('8 creations at once with a limit of 3: exactly 3 organizations, 5 refusals', async () => {
    vi.stubEnv('ORGANIZATIONS_PER_ACCOUNT_PER_DAY', '3');
    const person = await createUser();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, n) => outcomeOf(createOrganization(person, { name: `Rush ${n}` }))),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'ORGANIZATION_LIMIT')).toHaveLength(5);
    expect(await organizationCount()).toBe(3);
  });
});

describe('invitations sent per inviting account per day, across its organizations', () => {
  it('past the limit the remaining addresses are rate_limited (INVITATION_ACCOUNT_LIMIT), nothing is sent to them, the others go out', async () => {
    vi.stubEnv('INVITATIONS_PER_ACCOUNT_PER_DAY', '5');
    const { organization: one, owner } = await createOrganizationWithOwner('One');
    const two = await createOrganization(owner, { name: 'Two' });

    const first = await inviteMembers(owner, {
      organizationId: one.id,
      emails: ['a@example.com', 'b@example.com', 'c@example.com'],
      role: 'member',
    });
    expect(first.counts.invited).toBe(3);
    const second = await inviteMembers(owner, {
      organizationId: two.id,
      emails: ['d@example.com', 'e@example.com', 'f@example.com', 'g@example.com'],
      role: 'member',
    });
    expect(second.results.map((r) => [r.email, r.outcome, r.code])).toEqual([
      ['d@example.com', 'invited', undefined],
      ['e@example.com', 'invited', undefined],
      ['f@example.com', 'rate_limited', 'INVITATION_ACCOUNT_LIMIT'],
      ['g@example.com', 'rate_limited', 'INVITATION_ACCOUNT_LIMIT'],
    ]);
    expect(second.results[2].reason).toBe(errorMessages.INVITATION_ACCOUNT_LIMIT);
    expect(await emailsTo('f@example.com')).toBe(0);
    expect(await invitationsTo('f@example.com')).toBe(0);

    // Another Admin of the same organization has an allowance of their own.
    const colleague = await addMember(two.id, 'admin');
    expect(
      (await inviteMembers(colleague, { organizationId: two.id, emails: ['f@example.com'], role: 'member' }))
        .counts.invited,
    ).toBe(1);

    nextDay();
    expect(
      (await inviteMembers(owner, { organizationId: two.id, emails: ['g@example.com'], role: 'member' }))
        .counts.invited,
    ).toBe(1);
  });

  it('resending past the limit is refused with INVITATION_ACCOUNT_LIMIT', async () => {
    vi.stubEnv('INVITATIONS_PER_ACCOUNT_PER_DAY', '1');
    vi.stubEnv('INVITATION_RESEND_COOLDOWN_SECONDS', '0');
    const { organization, owner } = await createOrganizationWithOwner('One');
    const [sent] = (
      await inviteMembers(owner, {
        organizationId: organization.id,
        emails: ['a@example.com'],
        role: 'member',
      })
    ).results;
    await expectDomainError(
      resendInvitation(owner, { organizationId: organization.id, invitationId: sent.invitationId! }),
      'INVITATION_ACCOUNT_LIMIT',
    );
  });

  it('one account inviting in 4 organizations at once, 5 addresses each, with a limit of 7: exactly 7 go out', async () => {
    vi.stubEnv('INVITATIONS_PER_ACCOUNT_PER_DAY', '7');
    const { organization, owner } = await createOrganizationWithOwner('Org 0');
    const orgs = [
      organization,
      ...(await Promise.all([1, 2, 3].map((n) => createOrganization(owner, { name: `Org ${n}` })))),
    ];
    const summaries = await Promise.all(
      orgs.map((org, n) =>
        inviteMembers(owner, {
          organizationId: org.id,
          emails: Array.from({ length: 5 }, (_, i) => `o${n}-${i}@example.com`),
          role: 'member',
        }),
      ),
    );
    const invited = summaries.reduce((sum, s) => sum + s.counts.invited, 0);
    const limited = summaries.flatMap((s) => s.results).filter((r) => r.code === 'INVITATION_ACCOUNT_LIMIT');
    expect(invited).toBe(7);
    expect(limited).toHaveLength(13);
    const db = await getDb();
    const [mail] = await db.select({ n: count() }).from(mailboxMessages);
    expect(mail.n).toBe(7);
    const [written] = await db.select({ n: count() }).from(invitations);
    expect(written.n).toBe(7);
  });
});

describe('invitation emails one address can receive per day, across organizations', () => {
  it('past the limit that address is rate_limited (INVITATION_ADDRESS_LIMIT) and gets nothing; the other addresses of the call still go out', async () => {
    vi.stubEnv('INVITATIONS_PER_ADDRESS_PER_DAY', '2');
    const target = 'target@example.com';
    const outcomes: string[] = [];
    for (let n = 0; n < 3; n++) {
      const { organization, owner } = await createOrganizationWithOwner(`Org ${n}`);
      const summary = await inviteMembers(owner, {
        organizationId: organization.id,
        emails: [target, `other-${n}@example.com`],
        role: 'member',
      });
      outcomes.push(summary.results.map((r) => `${r.outcome}${r.code ? `:${r.code}` : ''}`).join(','));
      if (n === 2) expect(summary.results[0].reason).toBe(errorMessages.INVITATION_ADDRESS_LIMIT);
    }
    expect(outcomes).toEqual([
      'invited,invited',
      'invited,invited',
      'rate_limited:INVITATION_ADDRESS_LIMIT,invited',
    ]);
    expect(await emailsTo(target)).toBe(2);
    expect(await emailsTo('other-2@example.com')).toBe(1);
    expect(await invitationsTo(target)).toBe(2);

    nextDay();
    const { organization, owner } = await createOrganizationWithOwner('Tomorrow');
    expect(
      (await inviteMembers(owner, { organizationId: organization.id, emails: [target], role: 'member' }))
        .counts.invited,
    ).toBe(1);
  });

  it('resends count: with a limit of 2, the third email to one address from one organization is refused', async () => {
    vi.stubEnv('INVITATIONS_PER_ADDRESS_PER_DAY', '2');
    vi.stubEnv('INVITATION_RESEND_COOLDOWN_SECONDS', '0');
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const invite = () =>
      inviteMembers(owner, { organizationId: organization.id, emails: ['x@example.com'], role: 'member' });
    expect((await invite()).results[0].outcome).toBe('invited');
    expect((await invite()).results[0].outcome).toBe('resent');
    const [third] = (await invite()).results;
    expect(third).toMatchObject({ outcome: 'rate_limited', code: 'INVITATION_ADDRESS_LIMIT' });
    const db = await getDb();
    const [row] = await db.select().from(invitations).where(eq(invitations.email, 'x@example.com'));
    expect(row.sendCount).toBe(2);
    await expectDomainError(
      resendInvitation(owner, { organizationId: organization.id, invitationId: row.id }),
      'INVITATION_ADDRESS_LIMIT',
    );
  });

  it('6 organizations inviting one address at once with a limit of 2: exactly 2 emails reach it', async () => {
    vi.stubEnv('INVITATIONS_PER_ADDRESS_PER_DAY', '2');
    const target = 'popular@example.com';
    const worlds = [];
    for (let n = 0; n < 6; n++) worlds.push(await createOrganizationWithOwner(`Org ${n}`));
    const summaries = await Promise.all(
      worlds.map(({ organization, owner }, n) =>
        inviteMembers(owner, {
          organizationId: organization.id,
          emails: [`before-${n}@example.com`, target, `after-${n}@example.com`],
          role: 'member',
        }),
      ),
    );
    const toTarget = summaries.map((s) => s.results[1].outcome);
    expect(toTarget.filter((o) => o === 'invited')).toHaveLength(2);
    expect(toTarget.filter((o) => o === 'rate_limited')).toHaveLength(4);
    expect(
      summaries.every((s) => s.results[0].outcome === 'invited' && s.results[2].outcome === 'invited'),
    ).toBe(true);
    expect(await emailsTo(target)).toBe(2);
    expect(await invitationsTo(target)).toBe(2);
  });
});
