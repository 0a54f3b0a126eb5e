// The per-token request limit of the SCIM service: a count per token per minute in the database (shared
// by every app server), past which a request is 429 with Retry-After.
import 'server-only';
import { getDb } from '@/db/client';
import { allow, windowStart } from '../rate-limit';

const MINUTE = 60_000;

export async function scimRequestAllowed(
  tokenId: string,
  perMinute: number,
  at: Date,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const allowed = await allow(await getDb(), `scim:${tokenId}`, perMinute, at, MINUTE);
  const left = windowStart(at, MINUTE).getTime() + MINUTE - at.getTime();
  return { allowed, retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) };
}
