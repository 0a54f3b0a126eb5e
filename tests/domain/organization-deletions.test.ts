// Deleting an organization removes its audit events with it (they cascade); the record of the deletion
// itself must outlive the organization: who deleted which organization, its size, and when.
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, invitations, memberships, organizationDeletions, organizations } from '@/db/schema';
import { deleteOrganization } from '@/lib/organizations';
import { useTestDatabase } from '../support/db';
import { addInvitation, addMember, createOrganizationWithOwner } from '../support/factories';
import { expectDomainError } from '../support/state';

useTestDatabase();

describe('the organization deletion log', () => {
  it('keeps who deleted which organization (id, name, slug, member count) and when, after the organization and its audit events are gone', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Doomed Co');
    await addMember(organization.id, 'admin');
    await addMember(organization.id, 'member');
    await addInvitation(organization.id, { invitedById: owner.userId });
    const before = new Date();

    await deleteOrganization(owner, { organizationId: organization.id, confirmName: 'Doomed Co' });

    const db = await getDb();
    expect(await db.select().from(organizations).where(eq(organizations.id, organization.id))).toEqual([]);
    const [events] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.organizationId, organization.id));
    expect(events.n, 'the organization’s own audit events went with it').toBe(0);
    const [left] = await db
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.organizationId, organization.id));
    expect(left.n).toBe(0);
    const [invites] = await db
      .select({ n: count() })
      .from(invitations)
      .where(eq(invitations.organizationId, organization.id));
    expect(invites.n).toBe(0);

    const log = await db.select().from(organizationDeletions);
    expect(log).toEqual([
      expect.objectContaining({
        organizationId: organization.id,
        name: 'Doomed Co',
        slug: organization.slug,
        memberCount: 3,
        actorId: owner.userId,
        actorEmail: owner.email,
      }),
    ]);
    expect(log[0].deletedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 5_000);
    expect(log[0].deletedAt.getTime()).toBeLessThanOrEqual(Date.now() + 5_000);
  });

  it('a refused deletion (wrong name, not an Owner) writes no log row', async () => {
    const { organization } = await createOrganizationWithOwner('Kept');
    const admin = await addMember(organization.id, 'admin');
    await expectDomainError(
      deleteOrganization(admin, { organizationId: organization.id, confirmName: 'Kept' }),
      'FORBIDDEN',
    );
    const { owner } = await createOrganizationWithOwner('Other');
    await expectDomainError(
      deleteOrganization(owner, { organizationId: organization.id, confirmName: 'Kept' }),
      'NOT_FOUND',
    );
    const db = await getDb();
    const [log] = await db.select({ n: count() }).from(organizationDeletions);
    expect(log.n).toBe(0);
  });
});
