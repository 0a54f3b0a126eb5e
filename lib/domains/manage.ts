// The domains an organization claims (docs/rules.md, verified domains): Owners and Admins see them;
// only Owners add or remove one, verify it, or change its join policy. Each change takes the
// organization's lock, checks the permission, writes and audits in one transaction. Removing a domain
// changes no membership; it stops what the domain unlocked, and the requests to join made through it.
import 'server-only';
import { and, asc, count, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { joinRequests, organizationDomains } from '@/db/schema';
import { joinPolicyValues, type JoinPolicy } from '@/db/values';
import { lockOrganization, requireConsoleAccess, requirePermission } from '../access';
import { recordAudit } from '../audit';
import { now } from '../clock';
import { accountOf, type Actor } from '../shared/actor';
import { fail } from '../shared/errors';
import { MAX_DOMAINS } from '../shared/limits';
import { normalizeDomain } from './normalize';
import { newVerificationToken } from './record';
import { countedElsewhere, domainRow } from './rows';
import { domainView, type DomainView } from './view';

export { verifyDomain } from './verify';
export { DOMAIN_GRACE_DAYS, type DomainView } from './view';

/** The organization's domains, by name. Owners and Admins (`domains:view`). */
export async function listDomains(actor: Actor, organizationId: string): Promise<DomainView[]> {
  const { db } = await requireConsoleAccess(actor, organizationId, 'domains:view');
  const rows = await db
    .select()
    .from(organizationDomains)
    .where(eq(organizationDomains.organizationId, organizationId))
    .orderBy(asc(organizationDomains.domain));
  return rows.map(domainView);
}

/**
 * Claims `input.domain` for the organization, pending until its record is found (Owners). Refused: not
 * a domain, a public suffix, a public email provider's (./normalize.ts), one already on the list, one
 * another organization counts (without naming it), more than MAX_DOMAINS.
 */
export async function addDomain(
  actor: Actor,
  organizationId: string,
  input: { domain: string },
): Promise<DomainView> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockOrganization(tx, organizationId, actor);
    requirePermission(org.actorRole, 'domains:manage');
    const domain = normalizeDomain(typeof input.domain === 'string' ? input.domain : '');
    const [[existing], [{ held }]] = await Promise.all([
      tx
        .select({ id: organizationDomains.id })
        .from(organizationDomains)
        .where(and(eq(organizationDomains.organizationId, org.id), eq(organizationDomains.domain, domain))),
      tx
        .select({ held: count() })
        .from(organizationDomains)
        .where(eq(organizationDomains.organizationId, org.id)),
    ]);
    if (existing) fail('DOMAIN_EXISTS');
    if (await countedElsewhere(tx, org.id, domain)) fail('DOMAIN_TAKEN');
    if (held >= MAX_DOMAINS) fail('DOMAIN_LIMIT');
    const at = now();
    const [row] = await tx
      .insert(organizationDomains)
      .values({
        organizationId: org.id,
        domain,
        token: newVerificationToken(),
        createdById: accountOf(actor),
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await recordAudit(tx, org.id, actor, [
      {
        action: 'domain.added',
        targetType: 'organization',
        targetId: org.id,
        details: { domain, domainId: row.id },
      },
    ]);
    return domainView(row);
  });
}

/**
 * Removes the domain from the organization's list (Owners). Nobody's membership changes; what it
 * unlocked stops (the directory's take-over, the join policy, the External marker counts without it),
 * and the pending requests to join made through it are cancelled (deleted: nobody decided them).
 */
export async function removeDomain(actor: Actor, organizationId: string, domainId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const org = await lockOrganization(tx, organizationId, actor);
    requirePermission(org.actorRole, 'domains:manage');
    const row = await domainRow(tx, org.id, domainId, { lock: true });
    await tx.delete(organizationDomains).where(eq(organizationDomains.id, row.id));
    const cancelled = await tx
      .delete(joinRequests)
      .where(
        and(
          eq(joinRequests.organizationId, org.id),
          eq(joinRequests.domain, row.domain),
          eq(joinRequests.status, 'pending'),
        ),
      )
      .returning({ id: joinRequests.id });
    await recordAudit(tx, org.id, actor, [
      {
        action: 'domain.removed',
        targetType: 'organization',
        targetId: org.id,
        details: {
          domain: row.domain,
          domainId: row.id,
          status: row.status,
          cancelledRequests: cancelled.length,
        },
      },
    ]);
  });
}

/** Sets how people at the domain join (Owners): Off, Suggest or Automatic. Audited when it changes. */
export async function setJoinPolicy(
  actor: Actor,
  organizationId: string,
  domainId: string,
  policy: JoinPolicy,
): Promise<DomainView> {
  if (!joinPolicyValues.includes(policy)) fail('INVALID_INPUT');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockOrganization(tx, organizationId, actor);
    requirePermission(org.actorRole, 'domains:manage');
    const row = await domainRow(tx, org.id, domainId, { lock: true });
    if (row.joinPolicy === policy) return domainView(row);
    const [updated] = await tx
      .update(organizationDomains)
      .set({ joinPolicy: policy, updatedAt: now() })
      .where(eq(organizationDomains.id, row.id))
      .returning();
    await recordAudit(tx, org.id, actor, [
      {
        action: 'domain.join_policy_changed',
        targetType: 'organization',
        targetId: org.id,
        details: { domain: row.domain, domainId: row.id, from: row.joinPolicy, to: policy },
      },
    ]);
    return domainView(updated);
  });
}
