// The browser's account of what a bulk change leaves out (components/users/held-back.ts, issue 14 item
// 3) against the server's: for the rows of the user table as the users page sends them, the rows the
// server refuses are exactly those the confirmation names (the ones already so it leaves alone), and the
// rest, sent alone, go through.
import { describe, expect, it } from 'vitest';
import { splitSelection, type BulkAction } from '@/components/users/held-back';
import type { UserTableRow, UsersViewer } from '@/components/users/types';
import type { MemberRole } from '@/db/values';
import { changeRoles, removeMembers, setMemberStatus } from '@/lib/members';
import type { RefusedTarget } from '@/lib/shared/errors';
import { rowOffer } from '@/lib/shared/offers';
import { policyActorOf, policyTarget } from '@/lib/shared/policy';
import type { PersonActor } from '@/lib/shared/actor';
import { listUserTable } from '@/lib/user-table/list';
import { useTestDatabase } from '../support/db';
import { addInvitation, addMember, createOrganizationWithOwner } from '../support/factories';
import { expectDomainError } from '../support/state';

useTestDatabase();

/** The user table as the users page gives it to `viewer` (app/admin/[org]/users/page.tsx, what the split reads). */
async function rowsFor(viewer: PersonActor, role: MemberRole, organizationId: string, ownerCount: number) {
  const page = await listUserTable(viewer, { organizationId, pageSize: 100 });
  return page.rows.map((row): UserTableRow => {
    const target = policyTarget({
      ...row,
      declined: row.status === 'declined',
      suspended: row.status === 'suspended',
    });
    const offer = rowOffer(policyActorOf(viewer, role), target, ownerCount);
    return {
      kind: row.kind,
      id: row.id,
      email: row.email,
      role: row.role,
      status: row.status,
      date: row.date.toISOString(),
      allowedRoles: offer.roles,
      canDelete: offer.remove,
      canSuspend: offer.suspend,
      canReactivate: offer.reactivate,
      directory: row.directoryManaged,
      isSelf: row.userId === viewer.userId,
    };
  });
}

/** An organization of every kind of row: its Owner, an Admin, two Members, a suspended one, an invitation. */
async function mixedOrganization() {
  const { organization, owner } = await createOrganizationWithOwner('Mosaic');
  const admin = await addMember(organization.id, 'admin');
  await addMember(organization.id, 'member');
  await addMember(organization.id, 'member');
  const suspended = await addMember(organization.id, 'member');
  await setMemberStatus(owner, {
    organizationId: organization.id,
    status: 'suspended',
    ids: [suspended.membershipId],
  });
  await addInvitation(organization.id, { role: 'member' });
  return { organization, owner, admin };
}

const viewerOf = (actor: PersonActor, role: MemberRole): UsersViewer => ({
  userId: actor.userId,
  email: actor.email,
  name: actor.name ?? null,
  role,
  invitableRoles: ['admin', 'member'],
});

function send(actor: PersonActor, organizationId: string, action: BulkAction, ids: string[]) {
  switch (action.kind) {
    case 'role':
      return changeRoles(actor, { organizationId, role: action.role, ids });
    case 'status':
      return setMemberStatus(actor, { organizationId, status: action.status, ids });
    case 'remove':
      return removeMembers(actor, { organizationId, ids });
  }
}

const cases: { who: 'owner' | 'admin'; action: BulkAction }[] = [
  { who: 'owner', action: { kind: 'status', status: 'suspended' } },
  { who: 'owner', action: { kind: 'status', status: 'active' } },
  { who: 'owner', action: { kind: 'role', role: 'admin' } },
  { who: 'owner', action: { kind: 'role', role: 'owner' } },
  { who: 'admin', action: { kind: 'status', status: 'suspended' } },
  { who: 'admin', action: { kind: 'role', role: 'member' } },
  { who: 'admin', action: { kind: 'remove' } },
];

describe('what the confirmation leaves out is what the server refuses', () => {
  it.each(cases)(
    '$who, $action: the server refuses exactly the rows left out for a reason, and takes the rest',
    async ({ who, action }) => {
      const { organization, owner, admin } = await mixedOrganization();
      const actor = who === 'owner' ? owner : admin;
      const role: MemberRole = who;
      // The viewer's own row is kept out of a removal: removing yourself is leaving, tested elsewhere.
      const rows = (await rowsFor(actor, role, organization.id, 1)).filter(
        (row) => !(action.kind === 'remove' && row.isSelf),
      );
      const split = splitSelection(rows, action, viewerOf(actor, role));
      const refusedHere = split.heldBack
        .filter((group) => group.reason !== 'ALREADY' && group.reason !== 'LAST_OWNER')
        .flatMap((group) => group.rows.map((row) => row.id))
        .sort();
      expect(split.heldBack.length, 'a mixed selection leaves something out').toBeGreaterThan(0);

      if (refusedHere.length > 0) {
        const error = await expectDomainError(
          send(
            actor,
            organization.id,
            action,
            rows.map((row) => row.id),
          ),
          refusedHere.length === 1 && rows.length === 1
            ? (split.heldBack[0].reason as never)
            : 'BULK_REFUSED',
        );
        const refused = (error.details?.refused as RefusedTarget[]).map((row) => row.id).sort();
        expect(refused).toEqual(refusedHere);
      }
      await expect(
        send(
          actor,
          organization.id,
          action,
          split.changeable.map((row) => row.id),
        ),
      ).resolves.toBeDefined();
    },
  );

  it('the only Owner (rule 4) is left out before the server’s LAST_OWNER: the Owner stepping down with others', async () => {
    const { organization, owner } = await mixedOrganization();
    const rows = await rowsFor(owner, 'owner', organization.id, 1);
    const action: BulkAction = { kind: 'role', role: 'member' };
    const split = splitSelection(rows, action, viewerOf(owner, 'owner'));
    expect(split.heldBack.find((group) => group.reason === 'LAST_OWNER')?.rows.map((row) => row.id)).toEqual(
      rows.filter((row) => row.isSelf).map((row) => row.id),
    );
    // Not refused as a row by the policy: the whole change is refused by rule 4 instead.
    await expectDomainError(
      send(
        owner,
        organization.id,
        action,
        rows.filter((r) => r.kind === 'member').map((r) => r.id),
      ),
      'LAST_OWNER',
    );
    await expect(
      send(
        owner,
        organization.id,
        action,
        split.changeable.map((row) => row.id),
      ),
    ).resolves.toBeDefined();
  });
});
