// The rows and events of joining through a verified domain, each written once: the pending request of a
// person (or every pending request made through a domain) in an organization, the answer that closes
// one, and the audit event of each step (join.requested, join.approved, join.declined, member.joined).
import { and, eq, type SQL } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { joinRequests } from '@/db/schema';
import type { JoinRequestStatus } from '@/db/values';
import { recordAudit } from '../audit';
import type { Actor } from '../shared/actor';

/** The pending requests in `organizationId` of one person, or made through one domain. */
export function pendingJoinRequests(
  organizationId: string,
  of: { userId: string } | { domain: string },
): SQL {
  return and(
    eq(joinRequests.organizationId, organizationId),
    'userId' in of ? eq(joinRequests.userId, of.userId) : eq(joinRequests.domain, of.domain),
    eq(joinRequests.status, 'pending'),
  )!;
}

/** What closes a request as `status` at `at`: who decided it, when a person did. */
export function joinAnswer(status: Exclude<JoinRequestStatus, 'pending'>, at: Date, actor: Actor | null) {
  return { status, decidedAt: at, decidedById: actor?.kind === 'person' ? actor.userId : null };
}

/** The audit event of one step of a person's joining, about `email` (the request's or membership's id). */
export function recordJoinEvent(
  tx: Transaction,
  organizationId: string,
  actor: Actor,
  event: {
    action: 'join.requested' | 'join.approved' | 'join.declined' | 'join.withdrawn' | 'member.joined';
    id: string;
    email: string;
    details: Record<string, unknown>;
  },
) {
  return recordAudit(tx, organizationId, actor, [
    {
      action: event.action,
      targetType: 'member',
      targetId: event.id,
      targetEmail: event.email,
      details: event.details,
    },
  ]);
}
