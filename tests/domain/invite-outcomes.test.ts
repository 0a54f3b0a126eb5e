// The email confirmation modal's words: each outcome of inviting as a label and a sentence
// (lib/shared/invite-outcomes.ts), and the data the domain hands them, on the database: the cooldown's
// seconds left, invalid entries reported as results, the hourly cap's reason.
import { describe, expect, it, vi } from 'vitest';
import { advanceClock } from '@/lib/clock';
import { inviteMembers } from '@/lib/invitations';
import {
  cooldownSentence,
  describeOutcome,
  secondsUntilResend,
  type InviteResult,
} from '@/lib/shared/invite-outcomes';
import { useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner } from '../support/factories';

useTestDatabase();

const words = (result: Omit<InviteResult, 'email'>) => describeOutcome({ email: 'x@example.com', ...result });

describe('each outcome in words', () => {
  it('invited reads "Invited" and says they show as Pending until they accept', () => {
    expect(words({ outcome: 'invited' })).toEqual({
      label: 'Invited',
      sentence: 'Invitation sent. They show as Pending until they accept.',
    });
  });

  it('resent reads "Invited again" and says the earlier link no longer works', () => {
    expect(words({ outcome: 'resent' })).toEqual({
      label: 'Invited again',
      sentence: 'Invited again with a new link. The link sent before no longer works.',
    });
  });

  it('already_member reads "Already a member" and says nothing was sent', () => {
    expect(words({ outcome: 'already_member' })).toEqual({
      label: 'Already a member',
      sentence: 'Already a member of this organization. Nothing was sent.',
    });
  });

  it('invalid says "Not a valid email address" on its own line', () => {
    expect(words({ outcome: 'invalid', reason: 'anything' })).toEqual({
      label: 'Not sent',
      sentence: 'Not a valid email address',
    });
  });

  it('the cooldown says when it was sent and the seconds left, never "Rate limited"', () => {
    const described = words({ outcome: 'rate_limited', code: 'RATE_LIMITED', retryInSeconds: 54 });
    expect(described).toEqual({
      label: 'Not sent yet',
      sentence: 'Sent moments ago — you can resend in 54 s',
    });
    expect(JSON.stringify(described)).not.toMatch(/rate limited/i);
  });

  it('a daily cap without a reason falls back to the message of its code', () => {
    expect(words({ outcome: 'rate_limited', code: 'INVITATION_ADDRESS_LIMIT' }).sentence).toMatch(
      /as many invitations today as one address can receive/,
    );
  });

  it('sending reads "Sending" and says the email is still on its way, never that it failed', () => {
    expect(words({ outcome: 'sending' })).toEqual({
      label: 'Sending',
      sentence: "Sending — we'll keep trying. If it cannot be delivered, its row in the list will say so.",
    });
  });

  it('not_delivered says "Could not be delivered:" and the reason as a clause, keeping an acronym', () => {
    expect(words({ outcome: 'not_delivered', reason: 'The email service refused the address.' })).toEqual({
      label: 'Not delivered',
      sentence: 'Could not be delivered: the email service refused the address.',
    });
    expect(words({ outcome: 'not_delivered', reason: 'SMTP timeout' }).sentence).toBe(
      'Could not be delivered: SMTP timeout',
    );
    expect(words({ outcome: 'not_delivered' }).sentence).toBe(
      'Could not be delivered: the email service did not accept it.',
    );
  });
});

describe('seconds until a resend', () => {
  const sentAt = new Date('2026-01-01T00:00:00Z');
  const after = (ms: number) => new Date(sentAt.getTime() + ms);

  it('counts whole seconds left, rounded up, and 0 once the cooldown is over', () => {
    expect(secondsUntilResend(sentAt, after(0), 60_000)).toBe(60);
    expect(secondsUntilResend(sentAt, after(6_000), 60_000)).toBe(54);
    expect(secondsUntilResend(sentAt, after(6_001), 60_000)).toBe(54);
    expect(secondsUntilResend(sentAt, after(59_999), 60_000)).toBe(1);
    expect(secondsUntilResend(sentAt, after(60_000), 60_000)).toBe(0);
    expect(secondsUntilResend(sentAt, after(90_000), 60_000)).toBe(0);
  });

  it('the sentence carries the number as given', () => {
    expect(cooldownSentence(1)).toBe('Sent moments ago — you can resend in 1 s');
  });
});

describe('what inviting returns for the words, on the database', () => {
  it('inviting again 6 s after sending is rate_limited with the seconds left (54, less the time the first request took), and reads so', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const input = { organizationId: organization.id, emails: ['again@example.com'], role: 'member' as const };
    const started = Date.now();
    expect((await inviteMembers(owner, input)).results[0].outcome).toBe('invited');
    // The first request waits for its email: on a busy machine that takes a second or more, which the
    // domain's clock (real time plus the tests' offset) counts too.
    const took = Math.floor((Date.now() - started) / 1000);

    advanceClock(6_000);
    const [result] = (await inviteMembers(owner, input)).results;
    expect(result).toMatchObject({ outcome: 'rate_limited', code: 'RATE_LIMITED' });
    const left = result.retryInSeconds!;
    expect(left).toBeLessThanOrEqual(54);
    expect(left).toBeGreaterThanOrEqual(54 - took - 1);
    expect(describeOutcome(result).sentence).toBe(`Sent moments ago — you can resend in ${left} s`);
    expect(result.reason).toBe(`Sent moments ago — you can resend in ${left} s`);
  });

  it('the cooldown follows the configured length', async () => {
    vi.stubEnv('INVITATION_RESEND_COOLDOWN_SECONDS', '300');
    const { organization, owner } = await createOrganizationWithOwner();
    const input = { organizationId: organization.id, emails: ['slow@example.com'], role: 'member' as const };
    await inviteMembers(owner, input);
    advanceClock(100_500);
    expect((await inviteMembers(owner, input)).results[0].retryInSeconds).toBe(200);
  });

  it('after the cooldown the same address is invited again and reads "Invited again"', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const input = { organizationId: organization.id, emails: ['later@example.com'], role: 'admin' as const };
    await inviteMembers(owner, input);
    advanceClock(60_000);
    const [result] = (await inviteMembers(owner, input)).results;
    expect(result.outcome).toBe('resent');
    expect(result.retryInSeconds).toBeUndefined();
    expect(describeOutcome(result).label).toBe('Invited again');
  });

  it('an invalid entry sent with valid ones comes back as its own result, "Not a valid email address", after the valid ones', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const member = await addMember(organization.id, 'member');
    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['ok@example.com', 'not an address', member.email],
      role: 'member',
    });
    expect(summary.results.map((result) => [result.email, describeOutcome(result).sentence])).toEqual([
      ['ok@example.com', 'Invitation sent. They show as Pending until they accept.'],
      [member.email, 'Already a member of this organization. Nothing was sent.'],
      ['not an address', 'Not a valid email address'],
    ]);
  });

  it('past the hourly cap the sentence names the cap, with no seconds', async () => {
    vi.stubEnv('INVITATIONS_PER_ORGANIZATION_PER_HOUR', '1');
    const { organization, owner } = await createOrganizationWithOwner();
    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['one@example.com', 'two@example.com'],
      role: 'member',
    });
    const [, capped] = summary.results;
    expect(capped).toMatchObject({ outcome: 'rate_limited', code: 'RATE_LIMITED' });
    expect(capped.retryInSeconds).toBeUndefined();
    expect(describeOutcome(capped)).toEqual({
      label: 'Not sent yet',
      sentence: 'Your organization can send 1 invitations an hour. Try again later.',
    });
  });
});
