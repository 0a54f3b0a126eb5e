// Who is asking, for per-client rate limits. Pure, so that it can be tested without a request.
import { trustedProxyHops } from '../config';
import { MAX_CLIENT_ADDRESS } from '../shared/limits';

/**
 * The client's address from the request's X-Forwarded-For (or X-Real-IP): the entry `hops` places from
 * the right, the one the nearest trusted proxy wrote. Entries further left were sent by the client
 * itself, so keying on the first one (as this did before) let anyone get a fresh rate-limit bucket per
 * request by sending a made-up header. Without either header: one shared bucket, 'unknown'.
 */
export function clientAddress(
  forwardedFor: string | null,
  realIp: string | null,
  hops: number = trustedProxyHops(),
): string {
  const entries = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chosen =
    entries.length > 0 ? entries[Math.max(0, entries.length - Math.max(1, hops))] : realIp?.trim();
  return (chosen || 'unknown').slice(0, MAX_CLIENT_ADDRESS);
}
