import { describe, expect, it } from 'vitest';
import { changeRoles, removeMembers } from '@/lib/members';
import { inviteMembers, getInvitation, acceptInvitation } from '@/lib/invitations';
import { listUserTable } from '@/lib/user-table/list';
import { listAuditEvents } from '@/lib/audit';
import { listMailboxMessages } from '@/lib/email/mailbox';
import { useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner, createUser } from '../support/factories';

useTestDatabase();

describe('membership domain smoke', () => {
  it('invites, lists, accepts, changes roles and removes', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const a = await addMember(organization.id, 'member');
    const b = await addMember(organization.id, 'admin');
    const invited = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['New@Example.com', 'bad', a.email],
      role: 'admin',
    });
    expect(invited.results.map((r) => r.outcome)).toEqual(['invited', 'already_member', 'invalid']);
    const mail = await listMailboxMessages();
    expect(mail).toHaveLength(1);
    const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec(mail[0].text)![1];
    expect((await getInvitation(token)).status).toBe('valid');

    const table = await listUserTable(owner, { organizationId: organization.id });
    expect(table.total).toBe(4);
    expect(table.rows.find((r) => r.email === 'new@example.com')?.status).toBe('pending');

    const newcomer = await createUser({ email: 'new@example.com' });
    const accepted = await acceptInvitation(newcomer, { token });
    expect(accepted).toMatchObject({ outcome: 'accepted', role: 'admin' });

    const changed = await changeRoles(owner, {
      organizationId: organization.id,
      ids: [a.membershipId, b.membershipId],
      role: 'admin',
    });
    expect(changed.changed).toBe(1);
    const removed = await removeMembers(owner, { organizationId: organization.id, ids: [a.membershipId] });
    expect(removed.removedMembers).toBe(1);
    const audit = await listAuditEvents(owner, { organizationId: organization.id });
    expect(audit.events.map((e) => e.action)).toEqual([
      'member.removed',
      'member.role_changed',
      'invitation.accepted',
      'invitation.sent',
      'organization.created',
    ]);
  });
});
