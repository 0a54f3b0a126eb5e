// What a lookup's outcome does to a domain (docs/rules.md, verified domains): the one state machine that
// Verify (./verify.ts) and the daily re-check (./recheck.ts) apply, inside the caller's transaction with
// the domain's row locked.
//
//   found        pending/removed → verified (the moment the partial unique index decides a race: when
//                another organization's row counts, DOMAIN_TAKEN and nothing changes); failing → verified;
//                verified stays (last seen now).
//   wrong_value, verified → failing (first miss: audited, the Owners emailed once); failing for 7 days or
//   missing      more → removed (audited); pending/removed: only the check is recorded.
//   unreachable  only the check is recorded: could not check is never a miss, never a find.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Transaction } from '@/db/client';
import { organizationDomains } from '@/db/schema';
import { isCountingStatus, type DomainCheck } from '@/db/values';
import { recordAudit, type AuditEntry } from '../audit';
import { enqueueEmails } from '../email/queue';
import type { Actor } from '../shared/actor';
import { fail } from '../shared/errors';
import { isUniqueViolation } from '../sql';
import { domainFailingEmails } from './failing-email';
import { countedElsewhere } from './rows';
import { DOMAIN_GRACE_MS, type DomainRow } from './view';

export interface CheckContext {
  /** Who asked: the person who pressed Verify, or null for the daily re-check. */
  actor: Actor | null;
  /** The email queue, taken before the transaction (lib/email/queue.ts emailQueue). */
  queue: PgBoss;
}

/** Whether `error` is the unique index that lets one organization only count a domain. */
function isCountingConflict(error: unknown): boolean {
  return isUniqueViolation(error, 'organization_domains_counting_idx');
}

type Change = Partial<typeof organizationDomains.$inferInsert>;

/** What `outcome` changes on `row` at `at`, and the event it is recorded as (none when the status stays). */
function transition(
  row: DomainRow,
  outcome: DomainCheck,
  at: Date,
): { set: Change; event?: AuditEntry['action'] } {
  const checked: Change = { lastCheckedAt: at, lastCheck: outcome };
  const counting = isCountingStatus(row.status);
  if (outcome === 'unreachable') return { set: checked };
  if (outcome === 'found') {
    const set: Change = { ...checked, status: 'verified', lastSeenAt: at, failingSince: null };
    if (row.status === 'verified') return { set };
    // Back from failing: it counted all along, since verifiedAt. From pending or removed: from now.
    return { set: counting ? set : { ...set, verifiedAt: at }, event: 'domain.verified' };
  }
  if (row.status === 'verified')
    return { set: { ...checked, status: 'failing', failingSince: at }, event: 'domain.failing' };
  if (row.status === 'failing') {
    const since = row.failingSince ?? at;
    if (at.getTime() - since.getTime() >= DOMAIN_GRACE_MS)
      return {
        set: { ...checked, status: 'removed', verifiedAt: null, failingSince: null },
        event: 'domain.unverified',
      };
  }
  return { set: checked };
}

/**
 * Applies `outcome` of a lookup made at `at` to `row` (locked by the caller) and returns the row as it is
 * now. Throws DOMAIN_TAKEN when the record is found but another organization counts the domain.
 */
export async function applyCheck(
  tx: Transaction,
  row: DomainRow,
  outcome: DomainCheck,
  at: Date,
  context: CheckContext,
): Promise<DomainRow> {
  const { set, event } = transition(row, outcome, at);
  if (
    event === 'domain.verified' &&
    row.status !== 'failing' &&
    (await countedElsewhere(tx, row.organizationId, row.domain))
  )
    fail('DOMAIN_TAKEN');
  let updated: DomainRow;
  try {
    [updated] = await tx
      .update(organizationDomains)
      .set({ ...set, updatedAt: at })
      .where(eq(organizationDomains.id, row.id))
      .returning();
  } catch (error) {
    // Another organization's Verify of the same domain committed first: the index refused this one.
    if (isCountingConflict(error)) fail('DOMAIN_TAKEN');
    throw error;
  }
  if (!event) return updated;
  // The re-check acts on no one's behalf; a miss found by a Verify is told the same way (the record went).
  const actor = event === 'domain.verified' ? context.actor : null;
  await recordAudit(tx, row.organizationId, actor, [
    {
      action: event,
      targetType: 'organization',
      targetId: row.organizationId,
      details: {
        domain: row.domain,
        domainId: row.id,
        ...(event === 'domain.verified' && row.status === 'failing' ? { recovered: true } : {}),
      },
    },
  ]);
  if (event === 'domain.failing')
    await enqueueEmails(
      tx,
      context.queue,
      await domainFailingEmails(tx, row, new Date(at.getTime() + DOMAIN_GRACE_MS), context.actor),
    );
  return updated;
}
