// Creating an organization (its creator is its Owner), and listing the organizations a person belongs to.
import 'server-only';
import { asc, eq, like, or } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, organizations } from '@/db/schema';
import { activeOwnerCount } from '../access';
import { recordAudit } from '../audit';
import { now } from '../clock';
import { defaultSeatLimit, organizationsPerAccountPerDay } from '../config';
import { hit } from '../rate-limit';
import type { PersonActor } from '../shared/actor';
import { fail } from '../shared/errors';
import { cleanOrganizationName, slugify } from '../shared/organization-names';

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
  return found;
}
