// The activity log as the activity page reads it: filters by person, kind of change and days, the URL
// parameters behind them, the sentences entries read as, and the sign-in page's invitation look-up.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents } from '@/db/schema';
import type { PersonActor as Actor } from '@/lib/shared/actor';
import { activityQuery, parseActivityParams } from '@/lib/shared/activity-filters';
import { describeEvent, eventSentence } from '@/lib/shared/activity-sentences';
import { listAuditEvents } from '@/lib/audit';
import { invitationForSignIn, invitationTokenOf } from '@/lib/auth/invitation-sign-in';
import { declineInvitation } from '@/lib/invitations';
import { noticeMessage } from '@/lib/shared/notices';
import { endSentence } from '@/lib/shared/text';
import { useTestDatabase } from '../support/db';
import { addInvitation, addMember, createOrganizationWithOwner, uniqueEmail } from '../support/factories';
import { expectDomainError } from '../support/state';
import { rawRows } from '../support/raw-rows';
import { english } from '../support/english';

useTestDatabase();

const at = (day: string) => new Date(`${day}T12:00:00.000Z`);

/** An organization with an Owner, an Admin and a log of four events on known days (plus its creation). */
async function organizationWithLog() {
  const { organization, owner } = await createOrganizationWithOwner('Log Co');
  const admin = await addMember(organization.id, 'admin');
  const declined = uniqueEmail('heidi');
  const row = (
    actor: Actor | null,
    action: (typeof auditEvents.$inferInsert)['action'],
    day: string,
    target: string,
  ) => ({
    organizationId: organization.id,
    actorId: actor?.userId ?? null,
    actorEmail: actor?.email ?? null,
    action,
    targetType: action.startsWith('member') ? 'member' : 'invitation',
    targetEmail: target,
    details: { role: 'member', from: 'member', to: 'admin' },
    createdAt: at(day),
  });
  const db = await getDb();
  await db
    .insert(auditEvents)
    .values([
      row(owner, 'invitation.sent', '2026-01-05', declined),
      row(null, 'invitation.declined', '2026-01-06', declined),
      row(admin, 'member.role_changed', '2026-01-20', 'someone@example.com'),
      row(admin, 'member.removed', '2026-02-01', 'gone@example.com'),
    ] as (typeof auditEvents.$inferInsert)[]);
  return { organization, owner, admin, declined };
}

describe('activity filters', () => {
  it('by person: the actor’s address, any case, and the invited address, whose invitation and signed-out decline both show', async () => {
    const { organization, owner, admin, declined } = await organizationWithLog();
    const byAdmin = await listAuditEvents(owner, {
      organizationId: organization.id,
      who: admin.email.toUpperCase(),
    });
    expect(byAdmin.events.map((event) => event.action)).toEqual(['member.removed', 'member.role_changed']);
    expect(byAdmin.total).toBe(2);

    const byInvitee = await listAuditEvents(owner, { organizationId: organization.id, who: declined });
    expect(byInvitee.events.map((event) => event.action)).toEqual(['invitation.declined', 'invitation.sent']);

    const nobody = await listAuditEvents(owner, {
      organizationId: organization.id,
      who: 'nobody@example.com',
    });
    expect(nobody).toMatchObject({ events: [], total: 0 });
  });

  it('by person: also whom a change was made to, so "what happened to gone@…?" finds their removal by someone else', async () => {
    const { organization, owner, admin } = await organizationWithLog();
    const toGone = await listAuditEvents(owner, { organizationId: organization.id, who: 'GONE@example.com' });
    expect(toGone.events.map((event) => [event.action, event.actorEmail, event.targetEmail])).toEqual([
      ['member.removed', admin.email, 'gone@example.com'],
    ]);
    expect(toGone.total).toBe(1);
    const removals = await listAuditEvents(owner, {
      organizationId: organization.id,
      who: 'gone@example.com',
      kind: 'roles',
    });
    expect(removals).toMatchObject({ events: [], total: 0 });
    // Someone who made changes and had none made to them still finds exactly what they did.
    const byOwner = await listAuditEvents(owner, { organizationId: organization.id, who: owner.email });
    expect(byOwner.events.every((event) => event.actorEmail === owner.email)).toBe(true);
  });

  it('by kind of change: each kind covers its own actions only', async () => {
    const { organization, owner } = await organizationWithLog();
    const kinds = async (kind: 'invitations' | 'answers' | 'roles' | 'departures' | 'organization') =>
      (await listAuditEvents(owner, { organizationId: organization.id, kind })).events.map(
        (event) => event.action,
      );
    expect(await kinds('invitations')).toEqual(['invitation.sent']);
    expect(await kinds('answers')).toEqual(['invitation.declined']);
    expect(await kinds('roles')).toEqual(['member.role_changed']);
    expect(await kinds('departures')).toEqual(['member.removed']);
    expect(await kinds('organization')).toEqual(['organization.created']);
  });

  it('by days: from the start of the first day to the end of the last, in UTC, combined with the other filters', async () => {
    const { organization, owner, admin } = await organizationWithLog();
    const range = await listAuditEvents(owner, {
      organizationId: organization.id,
      from: '2026-01-06',
      to: '2026-01-20',
    });
    expect(range.events.map((event) => event.action)).toEqual(['member.role_changed', 'invitation.declined']);
    const oneDay = await listAuditEvents(owner, {
      organizationId: organization.id,
      from: '2026-02-01',
      to: '2026-02-01',
    });
    expect(oneDay.events.map((event) => event.action)).toEqual(['member.removed']);
    const combined = await listAuditEvents(owner, {
      organizationId: organization.id,
      who: admin.email,
      kind: 'departures',
      to: '2026-01-31',
    });
    expect(combined).toMatchObject({ events: [], total: 0 });
  });

  it('pages a filtered list: the total counts every match, each page holds its share, newest first', async () => {
    const { organization, owner, admin } = await organizationWithLog();
    const first = await listAuditEvents(owner, {
      organizationId: organization.id,
      who: admin.email,
      pageSize: 1,
    });
    const second = await listAuditEvents(owner, {
      organizationId: organization.id,
      who: admin.email,
      pageSize: 1,
      page: 2,
    });
    expect([first.total, second.total]).toEqual([2, 2]);
    expect([...first.events, ...second.events].map((event) => event.action)).toEqual([
      'member.removed',
      'member.role_changed',
    ]);
  });

  it('are for the console only: a Member is refused, whatever the filters', async () => {
    const { organization } = await organizationWithLog();
    const member = await addMember(organization.id, 'member');
    await expectDomainError(
      listAuditEvents(member, { organizationId: organization.id, kind: 'roles' }),
      'FORBIDDEN',
    );
  });

  it('has an index for each filter, in the order the page reads', async () => {
    const indexes = await rawRows<{ indexname: string }>(
      await getDb(),
      sql`SELECT indexname FROM pg_indexes WHERE tablename = 'audit_events'`,
    );
    const names = indexes.map((row) => row.indexname);
    expect(names).toEqual(
      expect.arrayContaining([
        'audit_events_organization_action_created_idx',
        'audit_events_organization_person_created_idx',
        'audit_events_organization_target_created_idx',
      ]),
    );
  });
});

describe('activity URL parameters', () => {
  it('reads well-formed filters and normalises the address', () => {
    expect(
      parseActivityParams({
        who: ' Heidi@Example.COM ',
        kind: 'roles',
        from: '2026-01-01',
        to: '2026-12-31',
        page: '3',
      }),
    ).toEqual({ who: 'heidi@example.com', kind: 'roles', from: '2026-01-01', to: '2026-12-31', page: 3 });
  });

  it('ignores each malformed, unknown or repeated parameter on its own, keeping the others', () => {
    expect(
      parseActivityParams({
        who: 'not an address',
        kind: 'toString',
        from: '2026-02-30',
        to: ['2026-01-01', '2026-01-02'],
        page: '1e3',
      }),
    ).toEqual({ who: null, kind: null, from: null, to: null, page: 1 });
    expect(parseActivityParams({ kind: '__proto__', from: '2026-2-1', to: '2026-03-01' })).toEqual({
      who: null,
      kind: null,
      from: null,
      to: '2026-03-01',
      page: 1,
    });
    expect(parseActivityParams({ who: `${'a'.repeat(300)}@example.com` }).who).toBeNull();
  });

  it('writes a query string that reads back to the same filters, without page 1', () => {
    const filters = { who: 'a+b@example.com', kind: 'answers' as const, from: '2026-01-01', to: null };
    const query = activityQuery(filters, 2);
    expect(query).toBe('?who=a%2Bb%40example.com&kind=answers&from=2026-01-01&page=2');
    expect(parseActivityParams(Object.fromEntries(new URLSearchParams(query)))).toEqual({
      ...filters,
      page: 2,
    });
    expect(activityQuery({ who: null, kind: null, from: null, to: null })).toBe('');
  });
});

describe('activity sentences', () => {
  it('a decline made signed out reads "<invitee> declined the invitation", naming the address once', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Sentence Co');
    const invitation = await addInvitation(organization.id, { invitedById: owner.userId });
    await declineInvitation(null, { token: invitation.token });
    const { events } = await listAuditEvents(owner, { organizationId: organization.id, kind: 'answers' });
    expect(events).toHaveLength(1);
    expect(eventSentence(events[0], english)).toBe(`${invitation.email} declined the invitation`);
  });

  it('names the other person when there is one, and the actor by name first', () => {
    const base = {
      actorEmail: 'ann@example.com',
      actorName: 'Ann',
      targetEmail: 'bob@example.com',
      details: {},
    };
    expect(
      eventSentence(
        { ...base, action: 'member.role_changed', details: { from: 'member', to: 'admin' } },
        english,
      ),
    ).toBe('Ann changed the role of bob@example.com from Member to Admin');
    expect(eventSentence({ ...base, actorName: null, action: 'member.left' }, english)).toBe(
      'ann@example.com left the organization',
    );
    expect(
      describeEvent({ ...base, action: 'invitation.accepted', details: { role: 'member' } }, english),
    ).toBe('accepted the invitation and joined as Member');
    expect(
      eventSentence({ ...base, actorEmail: null, actorName: null, action: 'organization.created' }, english),
    ).toBe('Someone created the organization');
  });

  it('says what the directory did to a group, and which group a role came from', () => {
    const directory = { actorEmail: null, actorName: null, targetEmail: null };
    const of = (action: Parameters<typeof eventSentence>[0]['action'], details: Record<string, unknown>) =>
      eventSentence(
        { ...directory, action, details: { directory: 'Okta', group: 'Leads', ...details } },
        english,
      );
    expect(of('group.created', {})).toBe('Directory (Okta) created the group “Leads” from the directory');
    expect(of('group.updated', { from: 'Lead' })).toBe(
      'Directory (Okta) renamed the group “Lead” to “Leads”',
    );
    expect(of('group.members_changed', { added: 3, removed: 0 })).toBe(
      'Directory (Okta) added 3 members to the group “Leads”',
    );
    expect(of('group.members_changed', { added: 1, removed: 2 })).toBe(
      'Directory (Okta) added 1 member to the group “Leads” and removed 2 members from the group “Leads”',
    );
    expect(of('group.deleted', {})).toBe('Directory (Okta) deleted the group “Leads”');
    expect(
      eventSentence(
        {
          actorEmail: 'ann@example.com',
          actorName: 'Ann',
          targetEmail: null,
          action: 'group.role_mapped',
          details: { group: 'Leads', to: 'admin' },
        },
        english,
      ),
    ).toBe('Ann changed the group “Leads”: its members are Admins');
    expect(
      eventSentence(
        {
          ...directory,
          targetEmail: 'bob@example.com',
          action: 'member.role_changed',
          details: { from: 'member', to: 'admin', group: 'Leads', directory: 'group mapping' },
        },
        english,
      ),
    ).toBe(
      'Directory (group mapping) changed the role of bob@example.com from Member to Admin, from the group “Leads”',
    );
  });
});

describe('names that end with a full stop', () => {
  it('get no second one in sentences that end with the name', () => {
    expect(endSentence('You left Acme Inc.')).toBe('You left Acme Inc.');
    expect(endSentence('You left Acme')).toBe('You left Acme.');
    expect(endSentence('You left “Why?”')).toBe('You left “Why?”');
    expect(noticeMessage('left', 'Acme Inc.')).toBe('You left Acme Inc.');
    expect(noticeMessage('lost-access', 'Acme Inc.')).toBe(
      'You no longer have access to the admin console of Acme Inc.',
    );
    expect(noticeMessage('joined-already', 'Acme')).toBe('You are already a member of Acme.');
  });
});

describe('the sign-in page from an invitation', () => {
  it('names the organization for an open link only; an unknown, declined or expired link gives no name', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Invite Co.');
    const open = await addInvitation(organization.id, { invitedById: owner.userId });
    const expired = await addInvitation(organization.id, { expiresAt: new Date(Date.now() - 60_000) });
    const declined = await addInvitation(organization.id);
    await declineInvitation(null, { token: declined.token });
    const key = `test-${uniqueEmail()}`;

    expect(await invitationForSignIn(`/invite/${open.token}`, key)).toEqual({
      invited: true,
      organizationName: 'Invite Co.',
    });
    for (const token of [expired.token, declined.token, 'x'.repeat(43)]) {
      expect(await invitationForSignIn(`/invite/${token}`, key)).toEqual({
        invited: true,
        organizationName: null,
      });
    }
    expect(await invitationForSignIn('/admin/x/users', key)).toEqual({
      invited: false,
      organizationName: null,
    });
    expect(await invitationForSignIn(undefined, key)).toEqual({ invited: false, organizationName: null });
  });

  it('reads the token only from a path on this site that is exactly /invite/<token>', () => {
    expect(invitationTokenOf('/invite/abc')).toBe('abc');
    expect(invitationTokenOf('/invite/abc?x=1')).toBe('abc');
    expect(invitationTokenOf('/invite/abc/more')).toBeNull();
    expect(invitationTokenOf('https://evil.example/invite/abc')).toBeNull();
    expect(invitationTokenOf('//evil.example/invite/abc')).toBeNull();
    expect(invitationTokenOf('/invite/%E0%A4%A')).toBeNull();
  });
});
