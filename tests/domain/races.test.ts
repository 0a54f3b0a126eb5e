// Rule 4 under concurrency, on a real PostgreSQL server (PGlite runs one statement at a time, so there is
// no race to test there): Owners demoting and removing each other at the same moment never leave the
// organization without an Owner, and nothing deadlocks.
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { memberships } from '@/db/schema';
import type { PersonActor as Actor } from '@/lib/shared/actor';
import { DomainError } from '@/lib/shared/errors';
import { changeRoles, removeMembers } from '@/lib/members';
import { usingPostgres, useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner, membershipOf } from '../support/factories';
import { auditActions } from '../support/state';

useTestDatabase({ max: 20 });

async function ownerCount(organizationId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, 'owner')));
  return row.n;
}

async function orgWithOwners(n: number) {
  const { organization, owner } = await createOrganizationWithOwner('Race');
  const first = await membershipOf(organization.id, owner.userId);
  const owners: (Actor & { membershipId: string })[] = [{ ...owner, membershipId: first.id }];
  for (let i = 1; i < n; i++) owners.push(await addMember(organization.id, 'owner'));
  return { orgId: organization.id, owners };
}

/** Settles every call and sorts the outcomes into codes; anything that is not a DomainError is rethrown. */
async function settle(calls: Promise<unknown>[]) {
  const settled = await Promise.allSettled(calls);
  return settled.map((s) => {
    if (s.status === 'fulfilled') return 'ok';
    if (s.reason instanceof DomainError) return s.reason.code;
    throw s.reason;
  });
}

describe.skipIf(!usingPostgres)('concurrent changes to Owners (PostgreSQL)', () => {
  it('6 Owners, 30 parallel demotions and removals of each other and themselves: an Owner always remains, no deadlock', async () => {
    const N = 6;
    const { orgId, owners } = await orgWithOwners(N);
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      const actor = owners[i % N];
      const target = owners[(i * 7 + Math.floor(i / N)) % N]; // covers each other and themselves
      const others = owners.filter((o) => o !== actor).slice(0, 2);
      switch (i % 5) {
        case 0:
          calls.push(
            changeRoles(actor, { organizationId: orgId, ids: [target.membershipId], role: 'admin' }),
          );
          break;
        case 1:
          calls.push(removeMembers(actor, { organizationId: orgId, ids: [target.membershipId] }));
          break;
        case 2:
          calls.push(
            changeRoles(actor, { organizationId: orgId, ids: [actor.membershipId], role: 'member' }),
          );
          break;
        case 3:
          calls.push(
            changeRoles(actor, {
              organizationId: orgId,
              ids: others.map((o) => o.membershipId),
              role: 'member',
            }),
          );
          break;
        default:
          calls.push(
            removeMembers(actor, {
              organizationId: orgId,
              ids: [actor.membershipId, ...others.map((o) => o.membershipId)],
            }),
          );
      }
    }
    const outcomes = await settle(calls);

    expect(await ownerCount(orgId)).toBeGreaterThanOrEqual(1);
    // Each call ran against the state its predecessors left: it succeeded, or was refused for the last
    // Owner, or because an earlier call had already taken its actor's Owner role (OWNER_REQUIRED,
    // FORBIDDEN) or its actor or a target out of the organization (NOT_FOUND / BULK_REFUSED).
    const allowed = new Set(['ok', 'LAST_OWNER', 'OWNER_REQUIRED', 'FORBIDDEN', 'NOT_FOUND', 'BULK_REFUSED']);
    expect(outcomes.filter((o) => !allowed.has(o))).toEqual([]);
    expect(outcomes).toContain('ok');

    // The audit log tells the same story as the table: Owners at the end = N − Owners lost.
    const events = (await auditActions(orgId)).filter((e) => e.action !== 'organization.created');
    const lost = events.filter((e) =>
      e.action === 'member.role_changed'
        ? (e.details as { from: string }).from === 'owner'
        : (e.details as { role: string }).role === 'owner',
    ).length;
    expect(await ownerCount(orgId)).toBe(N - lost);
  });

  it('6 Owners each stepping down 5 times at once: every call succeeds or gets LAST_OWNER, and exactly one Owner is left', async () => {
    const N = 6;
    const { orgId, owners } = await orgWithOwners(N);
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      const actor = owners[i % N];
      calls.push(changeRoles(actor, { organizationId: orgId, ids: [actor.membershipId], role: 'admin' }));
    }
    const outcomes = await settle(calls);
    expect(outcomes.filter((o) => o !== 'ok' && o !== 'LAST_OWNER')).toEqual([]);
    expect(await ownerCount(orgId)).toBe(1);
    expect(outcomes.filter((o) => o === 'LAST_OWNER').length).toBeGreaterThanOrEqual(1);
  });

  it('6 Owners each leaving at once: one stays, the others are gone, refusals are LAST_OWNER only', async () => {
    const N = 6;
    const { orgId, owners } = await orgWithOwners(N);
    const outcomes = await settle(
      owners.map((o) => removeMembers(o, { organizationId: orgId, ids: [o.membershipId] })),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(N - 1);
    expect(outcomes.filter((o) => o === 'LAST_OWNER')).toHaveLength(1);
    expect(await ownerCount(orgId)).toBe(1);
  });

  it('two Owners demoting each other at the same moment: exactly one succeeds (20 rounds)', async () => {
    for (let round = 0; round < 20; round++) {
      const { orgId, owners } = await orgWithOwners(2);
      const [a, b] = owners as [Actor & { membershipId: string }, Actor & { membershipId: string }];
      const outcomes = await settle([
        changeRoles(a, { organizationId: orgId, ids: [b.membershipId], role: 'member' }),
        changeRoles(b, { organizationId: orgId, ids: [a.membershipId], role: 'member' }),
      ]);
      expect(
        outcomes.filter((o) => o === 'ok'),
        `round ${round}: ${outcomes.join(', ')}`,
      ).toHaveLength(1);
      expect(await ownerCount(orgId)).toBe(1);
    }
  });

  it('two Owners removing each other at the same moment: exactly one succeeds (20 rounds)', async () => {
    for (let round = 0; round < 20; round++) {
      const { orgId, owners } = await orgWithOwners(2);
      const [a, b] = owners as [Actor & { membershipId: string }, Actor & { membershipId: string }];
      const outcomes = await settle([
        removeMembers(a, { organizationId: orgId, ids: [b.membershipId] }),
        removeMembers(b, { organizationId: orgId, ids: [a.membershipId] }),
      ]);
      expect(
        outcomes.filter((o) => o === 'ok'),
        `round ${round}: ${outcomes.join(', ')}`,
      ).toHaveLength(1);
      expect(await ownerCount(orgId)).toBe(1);
    }
  });
});
