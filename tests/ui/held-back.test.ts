// Bulk changes on a mixed selection (issue 14 item 3): which picked rows a change leaves out, and why,
// known before the confirmation, as the policy would answer on the server.
import { describe, expect, it } from 'vitest';
import { heldBackReason, heldBackSentence, splitSelection } from '@/components/users/held-back';
import type { UserTableRow, UsersViewer } from '@/components/users/types';
import { roleChangeMatters, asksFirst } from '@/components/users/use-users-dialogs';
import { english } from '../support/english-words';

const owner: UsersViewer = {
  userId: 'u-owner',
  email: 'owner@acme.test',
  name: 'Olivia Owner',
  role: 'owner',
  invitableRoles: ['admin', 'member'],
};
const admin: UsersViewer = { ...owner, userId: 'u-admin', email: 'admin@acme.test', role: 'admin' };

function row(id: string, fields: Partial<UserTableRow>): UserTableRow {
  return {
    kind: 'member',
    id,
    email: `${id}@acme.test`,
    role: 'member',
    status: 'active',
    date: '2026-01-01',
    allowedRoles: ['owner', 'admin'],
    canDelete: true,
    canSuspend: true,
    ...fields,
  };
}

// As the server's rowOffer sends them to an Owner.
const self = row('self', {
  role: 'owner',
  isSelf: true,
  allowedRoles: ['admin', 'member'],
  canSuspend: false,
});
const invitation = (id: string) =>
  row(id, { kind: 'invitation', status: 'pending', allowedRoles: ['admin'], canSuspend: false });
const members = Array.from({ length: 22 }, (_, i) => row(`m${i}`, {}));
const page = [self, invitation('i1'), ...members, invitation('i2')];

describe('splitting a selection before a bulk change', () => {
  it('Suspend on a whole page: yourself and two pending invitations are left out, 22 members go on, with the reasons', () => {
    const split = splitSelection(page, { kind: 'status', status: 'suspended' }, owner);
    expect(split.changeable.map((r) => r.id)).toEqual(members.map((r) => r.id));
    expect(split.heldBack.map((g) => [g.reason, g.rows.map((r) => r.id)])).toEqual([
      ['SELF_SUSPEND', ['self']],
      ['NOT_SUSPENDABLE', ['i1', 'i2']],
    ]);
    expect(heldBackSentence(split, { kind: 'status', status: 'suspended' }, english)).toBe(
      "3 of 25 can't be suspended: you (you can't suspend yourself), 2 pending invitations (not members yet).",
    );
  });

  it('Reactivate leaves out members already active and invitations; a suspended member goes on', () => {
    const suspended = row('s', { status: 'suspended', canSuspend: false, canReactivate: true });
    const action = { kind: 'status', status: 'active' } as const;
    const split = splitSelection([suspended, members[0], invitation('i1')], action, owner);
    expect(split.changeable).toEqual([suspended]);
    expect(heldBackSentence(split, action, english)).toBe(
      `2 of 3 can't be reactivated: ${members[0].email} (already active), i1@acme.test (not a member yet).`,
    );
  });

  it('an Admin: an Owner’s row is left out of a role change and of a removal (only an Owner changes an Owner)', () => {
    const ownerRow = row('o', { role: 'owner', allowedRoles: [], canDelete: false, canSuspend: false });
    const member = row('m', { allowedRoles: ['admin'] });
    for (const action of [{ kind: 'role', role: 'admin' }, { kind: 'remove' }] as const) {
      const split = splitSelection([ownerRow, member], action, admin);
      expect(split.changeable).toEqual([member]);
      expect(split.heldBack).toEqual([{ reason: 'OWNER_REQUIRED', rows: [ownerRow] }]);
    }
  });

  it('a role change leaves out rows that already have the role, and invitations asked to make an Owner', () => {
    const adminRow = row('a', { role: 'admin', allowedRoles: ['owner', 'member'] });
    const action = { kind: 'role', role: 'owner' } as const;
    const split = splitSelection(
      [adminRow, invitation('i1'), row('o', { role: 'owner', allowedRoles: ['admin', 'member'] })],
      action,
      owner,
    );
    expect(split.changeable).toEqual([adminRow]);
    expect(split.heldBack.map((g) => g.reason)).toEqual(['INVITATION_ROLE', 'ALREADY']);
  });

  it('the only Owner, whom the policy alone would allow, is left out as rule 4 says (the row’s offer holds it back)', () => {
    const soleOwner = row('self', {
      role: 'owner',
      isSelf: true,
      allowedRoles: [],
      canDelete: false,
      canSuspend: false,
    });
    expect(heldBackReason(soleOwner, { kind: 'role', role: 'admin' }, owner)).toBe('LAST_OWNER');
    expect(heldBackReason(soleOwner, { kind: 'remove' }, owner)).toBe('LAST_OWNER');
  });

  it('members whose role a group mapping gives are left out of a role change, naming the group, but not of a removal', () => {
    const lead = (id: string) => row(id, { roleGroup: 'Engineering Leads', role: 'admin', allowedRoles: [] });
    const rows = [lead('g1'), lead('g2'), row('m', {})];
    const action = { kind: 'role', role: 'admin' } as const;
    expect(heldBackReason(rows[0], { kind: 'role', role: 'member' }, owner)).toBe('ROLE_FROM_GROUP');
    const split = splitSelection(rows, action, owner);
    expect(split.changeable.map((r) => r.id)).toEqual(['m']);
    expect(heldBackSentence(split, action, english)).toBe(
      "2 of 3 can't be given Admin: 2 users (their roles come from the directory group “Engineering Leads”: change its mapping on the Provisioning page).",
    );
    expect(heldBackReason(lead('g3'), { kind: 'remove' }, owner)).toBeNull();
  });

  it('a member the directory manages and a declined invitation are left out with their own reasons', () => {
    const directory = row('d', { directory: true, allowedRoles: [], canDelete: false, canSuspend: false });
    const declined = row('x', {
      kind: 'invitation',
      status: 'declined',
      allowedRoles: [],
      canSuspend: false,
    });
    expect(heldBackReason(directory, { kind: 'status', status: 'suspended' }, owner)).toBe(
      'DIRECTORY_MANAGED',
    );
    expect(heldBackReason(declined, { kind: 'role', role: 'admin' }, owner)).toBe('INVITATION_DECLINED');
  });

  it('nothing to leave out: no sentence; nothing left to change: only who and why, yourself first', () => {
    const action = { kind: 'status', status: 'suspended' } as const;
    expect(heldBackSentence(splitSelection(members, action, owner), action, english)).toBeNull();
    expect(heldBackSentence(splitSelection([invitation('i1'), self], action, owner), action, english)).toBe(
      "You (you can't suspend yourself), i1@acme.test (not a member yet).",
    );
  });
});

describe('which role changes ask first', () => {
  it('granting or taking away Owner or Admin matters; the same role does not', () => {
    expect(roleChangeMatters('member', 'owner')).toBe(true);
    expect(roleChangeMatters('member', 'admin')).toBe(true);
    expect(roleChangeMatters('admin', 'member')).toBe(true);
    expect(roleChangeMatters('owner', 'admin')).toBe(true);
    expect(roleChangeMatters('member', 'member')).toBe(false);
  });

  it('a row menu’s Member → Owner and Admin → Member ask first; resend never does', () => {
    const member = row('m', {});
    expect(asksFirst({ kind: 'role', role: 'owner', target: { rows: [member] } })).toBe(true);
    const adminRow = row('a', { role: 'admin' });
    expect(asksFirst({ kind: 'role', role: 'member', target: { rows: [adminRow] } })).toBe(true);
    expect(asksFirst({ kind: 'resend', row: invitation('i1') })).toBe(false);
  });
});
