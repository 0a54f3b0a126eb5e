// A SCIM request's bearer token, checked (docs/rules.md rule 13): the directory it stands for, or why it
// is refused. The tokens themselves are made and listed in ./tokens.ts.
import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, organizations, scimTokens } from '@/db/schema';
import { hashToken } from '../auth/secret-token';
import { now } from '../clock';
import { directoryActor, type DirectoryActor } from '../shared/actor';
import { makerStanding, SCIM_TOKEN_PREFIX, tokenStanding } from './tokens';

const MINUTE = 60_000;

/** Why a request's token is refused: each is a 401 with `WWW-Authenticate: Bearer`. */
export type TokenRefusal = 'missing' | 'malformed' | 'unknown' | 'expired' | 'disabled' | 'maker_left';

/**
 * The directory behind an `Authorization` header, or why not. One statement (the look-up by hash);
 * the hash found is compared again in constant time. Records the use, at most once a minute per token.
 */
export async function authenticateScimToken(
  authorization: string | null,
): Promise<DirectoryActor | { refused: TokenRefusal }> {
  if (!authorization) return { refused: 'missing' };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  const token = match?.[1] ?? '';
  if (!token.startsWith(SCIM_TOKEN_PREFIX) || token.length !== SCIM_TOKEN_PREFIX.length + 43)
    return { refused: 'malformed' };
  const hash = hashToken(token);
  const db = await getDb();
  const [found] = await db
    .select({
      ...tokenStanding,
      tokenHash: scimTokens.tokenHash,
      organizationId: scimTokens.organizationId,
      enabled: organizations.scimEnabled,
    })
    .from(scimTokens)
    .innerJoin(organizations, eq(organizations.id, scimTokens.organizationId))
    .leftJoin(memberships, makerStanding())
    .where(eq(scimTokens.tokenHash, hash));
  if (!found || !timingSafeEqual(Buffer.from(found.tokenHash), Buffer.from(hash)))
    return { refused: 'unknown' };
  const at = now();
  if (found.expiresAt.getTime() <= at.getTime()) return { refused: 'expired' };
  if (!found.enabled) return { refused: 'disabled' };
  if (!found.maker) return { refused: 'maker_left' };
  if (!found.lastUsedAt || at.getTime() - found.lastUsedAt.getTime() >= MINUTE)
    await db
      .update(scimTokens)
      .set({ lastUsedAt: at })
      .where(
        and(
          eq(scimTokens.id, found.id),
          sql`coalesce(last_used_at, '-infinity') < ${new Date(at.getTime() - MINUTE).toISOString()}::timestamptz`,
        ),
      );
  return directoryActor({ organizationId: found.organizationId, tokenId: found.id, tokenName: found.name });
}
