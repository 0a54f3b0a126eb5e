// Organizations: create, list yours, rename, set who is emailed about changes and the seat limit, transfer
// ownership, delete.
import 'server-only';
import { and, asc, count, eq, like, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, organizationDeletions, organizations, users } from '@/db/schema';
import type { MemberRole } from '@/db/values';
import type { PersonActor } from '../shared/actor';
import { recordAudit } from '../audit';
import { activeOwnerCount, lockOrganization, requireMember, requirePermission } from '../access';
import { now } from '../clock';
import { emailQueue, enqueueEmails } from '../email/queue';
import { ownershipTransferredEmails } from '../members/notifications';
import { readSeatsUsed } from './seats';
import { defaultSeatLimit, organizationsPerAccountPerDay } from '../config';
import { fail } from '../shared/errors';
import { cleanOrganizationName, slugify } from './names';
import { decideForOrganization } from '../shared/policy';
import { hit } from '../rate-limit';

// The name rules live in a pure module, so that the input schemas and the seed read the same ones.
export { cleanOrganizationName, slugify } from './names';

/** The app reads the organization's shape from here, not from the schema (app → lib → db). */
export type { Organization } from '@/db/schema';

const DAY = 24 * 3_600_000;

/**
 * Creates an organization with the actor as its Owner; the slug is derived from the name and kept unique.
 * At most ORGANIZATIONS_PER_ACCOUNT_PER_DAY per account (ORGANIZATION_LIMIT): each organization brings
 * an invitation cap of its own. Deleting one gives no room back.
 */
export async function createOrganization(actor: PersonActor, input: { name: string }) {
  const name = cleanOrganizationName(input.name);
  const base = slugify(name);
  const db = await getDb();
  const at = now();
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        // Counted first, in the same transaction: a refusal (or any failure) rolls the count back, and
        // the bucket's row lock makes a concurrent creation by the same account wait for this one, so
        // the count it then reads is exact.
        const created = await hit(tx, `organizations-by:${actor.userId}`, at, DAY);
        if (created > organizationsPerAccountPerDay()) fail('ORGANIZATION_LIMIT');
        const taken = await tx
          .select({ slug: organizations.slug })
          .from(organizations)
          .where(or(eq(organizations.slug, base), like(organizations.slug, `${base}-%`)));
        const used = new Set(taken.map((row) => row.slug));
        let slug = base;
        for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
        const [organization] = await tx
          .insert(organizations)
          .values({ name, slug, seatLimit: defaultSeatLimit() })
          .returning();
        await tx
          .insert(memberships)
          .values({ organizationId: organization.id, userId: actor.userId, role: 'owner' });
        await recordAudit(tx, organization.id, actor, [
          {
            action: 'organization.created',
            targetType: 'organization',
            targetId: organization.id,
            details: { name },
          },
        ]);
        return organization;
      });
    } catch (error) {
      // Two creations raced for the same slug: the unique index refused one; pick again.
      if (
        !String(
          (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code,
        ).includes('23505')
      ) {
        throw error;
      }
    }
  }
  fail('INTERNAL');
}

/**
 * Every organization the person belongs to, with their role, whether they are suspended there, and its
 * active Owner count (so the home page can tell the only Owner why they cannot leave, docs/rules.md
 * rule 4), by name. One statement.
 */
export async function listMyOrganizations(userId: string) {
  const db = await getDb();
  const found = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      role: memberships.role,
      /** Suspended: listed, without access (docs/rules.md rule 8a). */
      status: memberships.status,
      /** Managed by the organization's identity provider (docs/rules.md rule 13): leaving is done there. */
      directoryManaged: memberships.directoryManaged,
      ownerCount: activeOwnerCount(organizations.id),
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name), asc(organizations.slug));
  return found.map((row) => ({ ...row, ownerCount: Number(row.ownerCount) }));
}

/** Renames the organization (Owner, Admin). The slug, and so every link, stays. */
export async function renameOrganization(
  actor: PersonActor,
  input: { organizationId: string; name: string },
) {
  const name = cleanOrganizationName(input.name);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockOrganization(tx, input.organizationId, actor);
    requirePermission(org.actorRole, 'org:settings');
    if (org.name === name) return { id: org.id, name, slug: org.slug };
    await tx.update(organizations).set({ name }).where(eq(organizations.id, org.id));
    await recordAudit(tx, org.id, actor, [
      {
        action: 'organization.renamed',
        targetType: 'organization',
        targetId: org.id,
        details: { from: org.name, to: name },
      },
    ]);
    return { id: org.id, name, slug: org.slug };
  });
}

/**
 * Turns the emails to people whose role changes, who are removed or who are made Owner on or off
 * (Owner, Admin). Recorded in the activity log when it changes.
 */
export async function setMemberNotifications(
  actor: PersonActor,
  input: { organizationId: string; enabled: boolean },
): Promise<{ enabled: boolean }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockOrganization(tx, input.organizationId, actor);
    requirePermission(org.actorRole, 'org:settings');
    if (org.notifyMemberChanges === input.enabled) return { enabled: input.enabled };
    await tx
      .update(organizations)
      .set({ notifyMemberChanges: input.enabled })
      .where(eq(organizations.id, org.id));
    await recordAudit(tx, org.id, actor, [
      {
        action: 'organization.notifications_changed',
        targetType: 'organization',
        targetId: org.id,
        details: { from: org.notifyMemberChanges, to: input.enabled },
      },
    ]);
    return { enabled: input.enabled };
  });
}

/**
 * Sets the organization's seat limit (Owner, Admin): a positive whole number, or null for none. Lowering
 * it below the seats in use is allowed: nothing is taken away, only new seats are refused (lib/organizations/seats.ts).
 * Recorded in the activity log when it changes.
 */
export async function setSeatLimit(
  actor: PersonActor,
  input: { organizationId: string; seatLimit: number | null },
): Promise<{ seatLimit: number | null; used: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockOrganization(tx, input.organizationId, actor);
    requirePermission(org.actorRole, 'org:settings');
    const used = await readSeatsUsed(tx, org.id, now());
    if (org.seatLimit === input.seatLimit) return { seatLimit: input.seatLimit, used };
    await tx.update(organizations).set({ seatLimit: input.seatLimit }).where(eq(organizations.id, org.id));
    await recordAudit(tx, org.id, actor, [
      {
        action: 'organization.seat_limit_changed',
        targetType: 'organization',
        targetId: org.id,
        details: { from: org.seatLimit, to: input.seatLimit, used },
      },
    ]);
    return { seatLimit: input.seatLimit, used };
  });
}

/**
 * Hands the organization to another member in one step: they become Owner, the actor becomes Admin, and
 * they are emailed (unless the organization turned that off). Owners only; the new Owner must already be
 * a member.
 */
export async function transferOwnership(
  actor: PersonActor,
  input: { organizationId: string } & ({ toUserId: string } | { toEmail: string }),
) {
  const db = await getDb();
  const queue = await emailQueue();
  return db.transaction(async (tx) => {
    const org = await lockOrganization(tx, input.organizationId, actor);
    const decision = decideForOrganization(requireMember(org.actorRole), 'transfer_ownership');
    if (!decision.allowed) fail(decision.code, decision.message);
    const [target] = await tx
      .select({
        id: memberships.id,
        userId: memberships.userId,
        role: memberships.role,
        status: memberships.status,
        email: users.email,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.organizationId, org.id),
          'toUserId' in input
            ? eq(memberships.userId, input.toUserId)
            : eq(users.email, input.toEmail.trim().toLowerCase()),
        ),
      );
    if (!target) fail('NOT_A_MEMBER');
    // Handing it to a suspended member would leave no active Owner (docs/rules.md rule 8a).
    if (target.status !== 'active') fail('MEMBER_SUSPENDED');
    if (target.userId === actor.userId)
      fail('INVALID_INPUT', 'Choose another member to hand the organization to.');
    await tx
      .update(memberships)
      .set({
        role: sql`CASE WHEN ${memberships.userId} = ${actor.userId} THEN 'admin'::member_role ELSE 'owner'::member_role END`,
      })
      .where(
        and(
          eq(memberships.organizationId, org.id),
          or(eq(memberships.userId, actor.userId), eq(memberships.userId, target.userId)),
        ),
      );
    await recordAudit(tx, org.id, actor, [
      {
        action: 'organization.ownership_transferred',
        targetType: 'member',
        targetId: target.id,
        targetEmail: target.email,
        details: { from: target.role, to: 'owner' satisfies MemberRole, previousOwnerBecomes: 'admin' },
      },
    ]);
    await enqueueEmails(tx, queue, ownershipTransferredEmails(org, actor, target));
    return { newOwnerUserId: target.userId, newOwnerEmail: target.email };
  });
}

/**
 * Deletes the organization, its memberships, invitations and audit events (accounts stay). Owners only,
 * and only when `confirmName` is the organization's name exactly. Its audit events go with it, so the
 * same transaction writes who deleted it, and how big it was, to organization_deletions (no foreign key
 * to the organization, so the record outlives it).
 */
export async function deleteOrganization(
  actor: PersonActor,
  input: { organizationId: string; confirmName: string },
) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockOrganization(tx, input.organizationId, actor);
    requirePermission(org.actorRole, 'org:delete', 'Only an Owner can delete the organization.');
    if (input.confirmName.trim() !== org.name) fail('CONFIRMATION_MISMATCH');
    const [members] = await tx
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.organizationId, org.id));
    await tx.insert(organizationDeletions).values({
      organizationId: org.id,
      name: org.name,
      slug: org.slug,
      memberCount: members?.n ?? 0,
      actorId: actor.userId,
      actorEmail: actor.email,
    });
    await tx.delete(organizations).where(eq(organizations.id, org.id));
    return { id: org.id, name: org.name };
  });
}
