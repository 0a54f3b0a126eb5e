// Provisioning switch and SCIM bearer tokens (docs/rules.md rule 13): Owners and Admins turn SCIM on or
// off and manage at most MAX_SCIM_TOKENS tokens per organization. A token is 256 bits from the CSPRNG,
// shown once when made and kept only as its SHA-256 hash; it expires SCIM_TOKEN_TTL_DAYS after it was
// made, works only for its organization, only under /api/scim/v2, only while provisioning is on, and only
// while the person who made it is still an active Owner or Admin there (else a removed, suspended or
// demoted Admin could go on acting through it, even re-adding themselves).
import 'server-only';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, organizations, scimTokens, users } from '@/db/schema';
import { type PersonActor } from '../shared/actor';
import { lockOrganization, requireConsoleAccess, requirePermission } from '../access';
import { recordAudit } from '../audit';
import { now } from '../clock';
import { scimSettings } from '../config';
import { fail } from '../shared/errors';
import { MAX_SCIM_TOKENS } from '../shared/limits';
import { activeMember } from '../conditions';
import { rolesWith } from '@/lib/shared/permissions';
import { hashToken, newToken } from '../auth/secret-token';

/** What a token starts with, so that a leaked one is recognisable (secret scanners, logs). */
export const SCIM_TOKEN_PREFIX = 'aihub_scim_';

export interface ScimTokenView {
  id: string;
  name: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  createdBy: string | null;
  expired: boolean;
  /** Its maker is no longer an active Owner or Admin of the organization: it is refused until replaced. */
  makerLeft: boolean;
}

/**
 * What both the token list and a request's check read of a token: its name, its dates, and whether its
 * maker still stands (`maker` is null when not; joined with `makerStanding`).
 */
export const tokenStanding = {
  id: scimTokens.id,
  name: scimTokens.name,
  expiresAt: scimTokens.expiresAt,
  lastUsedAt: scimTokens.lastUsedAt,
  maker: memberships.id,
};

/** A token's maker as an active Owner or Admin of the token's organization (the join that vouches for it). */
export function makerStanding() {
  return and(
    eq(memberships.organizationId, scimTokens.organizationId),
    eq(memberships.userId, scimTokens.createdById),
    activeMember(),
    inArray(memberships.role, rolesWith('org:settings')),
  );
}

/** The organization's provisioning state and tokens, newest last. Owners and Admins. */
export async function provisioningOf(
  actor: PersonActor,
  organizationId: string,
): Promise<{ enabled: boolean; tokens: ScimTokenView[] }> {
  const { db, role } = await requireConsoleAccess(actor, organizationId);
  requirePermission(role, 'org:settings');
  const at = now();
  const [[organization], tokens] = await Promise.all([
    db
      .select({ enabled: organizations.scimEnabled })
      .from(organizations)
      .where(eq(organizations.id, organizationId)),
    db
      .select({ ...tokenStanding, createdAt: scimTokens.createdAt, createdBy: users.email })
      .from(scimTokens)
      .leftJoin(users, eq(users.id, scimTokens.createdById))
      .leftJoin(memberships, makerStanding())
      .where(eq(scimTokens.organizationId, organizationId))
      .orderBy(asc(scimTokens.createdAt)),
  ]);
  return {
    enabled: organization?.enabled ?? false,
    tokens: tokens.map(({ maker, ...token }) => ({
      ...token,
      expired: token.expiresAt.getTime() <= at.getTime(),
      makerLeft: maker === null,
    })),
  };
}

/** Turns provisioning on or off, audited. Owners and Admins. Off, every token stops working at once. */
export async function setProvisioning(
  actor: PersonActor,
  input: { organizationId: string; enabled: boolean },
) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockOrganization(tx, input.organizationId, actor);
    requirePermission(org.actorRole, 'org:settings');
    const [current] = await tx
      .select({ enabled: organizations.scimEnabled })
      .from(organizations)
      .where(eq(organizations.id, org.id));
    if (current.enabled === input.enabled) return { enabled: input.enabled };
    await tx
      .update(organizations)
      .set({ scimEnabled: input.enabled, updatedAt: now() })
      .where(eq(organizations.id, org.id));
    await recordAudit(tx, org.id, actor, [
      {
        action: input.enabled ? 'provisioning.enabled' : 'provisioning.disabled',
        targetType: 'organization',
        targetId: org.id,
      },
    ]);
    return { enabled: input.enabled };
  });
}

/**
 * Makes a token named `name`; returns it once, in full (only its hash is kept). At most MAX_SCIM_TOKENS
 * per organization, expired ones included until they are deleted (SCIM_TOKEN_LIMIT). With `replaces`,
 * that token is deleted in the same transaction: how a token whose maker left (or that expired) is
 * replaced by one the actor vouches for. Owners and Admins.
 */
export async function createScimToken(
  actor: PersonActor,
  input: { organizationId: string; name: string; replaces?: string },
): Promise<{ token: string; view: ScimTokenView }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockOrganization(tx, input.organizationId, actor);
    requirePermission(org.actorRole, 'org:settings');
    if (input.replaces) {
      const [replaced] = await tx
        .delete(scimTokens)
        .where(and(eq(scimTokens.id, input.replaces), eq(scimTokens.organizationId, org.id)))
        .returning({ id: scimTokens.id });
      if (!replaced) fail('NOT_FOUND');
    }
    const [{ held }] = await tx
      .select({ held: count() })
      .from(scimTokens)
      .where(eq(scimTokens.organizationId, org.id));
    if (held >= MAX_SCIM_TOKENS) fail('SCIM_TOKEN_LIMIT');
    const secret = newToken();
    const token = `${SCIM_TOKEN_PREFIX}${secret.token}`;
    const at = now();
    const [row] = await tx
      .insert(scimTokens)
      .values({
        organizationId: org.id,
        name: input.name,
        tokenHash: hashToken(token),
        createdById: actor.userId,
        createdAt: at,
        expiresAt: new Date(at.getTime() + scimSettings().tokenTtlMs),
      })
      .returning();
    await recordAudit(tx, org.id, actor, [
      {
        action: 'provisioning.token_created',
        targetType: 'organization',
        targetId: org.id,
        details: {
          name: row.name,
          expiresAt: row.expiresAt.toISOString(),
          ...(input.replaces ? { replaced: true } : {}),
        },
      },
    ]);
    return {
      token,
      view: { ...row, createdBy: actor.email, expired: false, makerLeft: false },
    };
  });
}

/** Deletes a token: its next request is refused. Owners and Admins. */
export async function deleteScimToken(
  actor: PersonActor,
  input: { organizationId: string; tokenId: string },
) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockOrganization(tx, input.organizationId, actor);
    requirePermission(org.actorRole, 'org:settings');
    const [deleted] = await tx
      .delete(scimTokens)
      .where(and(eq(scimTokens.id, input.tokenId), eq(scimTokens.organizationId, org.id)))
      .returning({ name: scimTokens.name });
    if (!deleted) fail('NOT_FOUND');
    await recordAudit(tx, org.id, actor, [
      {
        action: 'provisioning.token_deleted',
        targetType: 'organization',
        targetId: org.id,
        details: { name: deleted.name },
      },
    ]);
    return { deleted: true };
  });
}
