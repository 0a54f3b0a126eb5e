// The daily re-check (DESIGN §10): every domain that counts (verified or failing) is looked up again,
// least recently checked first, in batches, with a few lookups at a time; each outcome is applied in a
// short transaction of its own through the one state machine (./check.ts). A domain whose record is
// missing turns failing (the Owners are emailed once) and, 7 days later, stops counting. A server that
// cannot be asked changes nothing. pg-boss runs it once per slot of DOMAIN_RECHECK_SCHEDULE.
import 'server-only';
import { and, asc, eq, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { getDb } from '@/db/client';
import { organizationDomains } from '@/db/schema';
import { isCountingStatus, type DomainCheck } from '@/db/values';
import { now } from '../clock';
import { domainRecheckSchedule } from '../config';
import { emailQueue } from '../email/queue';
import { DOMAIN_RECHECK_QUEUE } from '../jobs/queues';
import { applyCheck } from './check';
import { countingStatus } from './counting';
import { lookupVerification } from './dns';
import { verificationRecord } from './record';
import type { DomainRow } from './view';

/** Domains read per batch, and lookups in flight at once. */
export const RECHECK_BATCH = 100;
export const RECHECK_CONCURRENCY = 8;

export interface RecheckCounts {
  checked: number;
  outcomes: Record<DomainCheck, number>;
  /** Domains that turned failing, and that stopped counting, in this run. */
  failing: number;
  unverified: number;
  /** Domains whose outcome could not be applied (logged; tried again next run). */
  errors: number;
}

/** Applies one lookup's outcome to the domain as it is now (it may have been removed meanwhile). */
async function applyOutcome(row: DomainRow, outcome: DomainCheck, at: Date, queue: PgBoss) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(organizationDomains)
      .where(eq(organizationDomains.id, row.id))
      .for('update');
    if (!current || !isCountingStatus(current.status)) return null;
    return applyCheck(tx, current, outcome, at, { actor: null, queue });
  });
}

/**
 * One run at `at`: every counting domain not yet checked since `at` began, in batches of RECHECK_BATCH,
 * RECHECK_CONCURRENCY lookups at a time. Returns what it found and did.
 */
export async function runDomainRecheck(at: Date = now()): Promise<RecheckCounts> {
  const db = await getDb();
  const queue = await emailQueue();
  const counts: RecheckCounts = {
    checked: 0,
    outcomes: { found: 0, wrong_value: 0, missing: 0, unreachable: 0 },
    failing: 0,
    unverified: 0,
    errors: 0,
  };
  const skipped: string[] = [];
  for (;;) {
    const batch = await db
      .select()
      .from(organizationDomains)
      .where(
        and(
          countingStatus(),
          or(isNull(organizationDomains.lastCheckedAt), lt(organizationDomains.lastCheckedAt, at)),
          skipped.length > 0 ? notInArray(organizationDomains.id, skipped) : sql`true`,
        ),
      )
      .orderBy(sql`${organizationDomains.lastCheckedAt} ASC NULLS FIRST`, asc(organizationDomains.id))
      .limit(RECHECK_BATCH);
    if (batch.length === 0) break;
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const row = batch[next++];
        const outcome = await lookupVerification(row.domain, verificationRecord(row.domain, row.token).value);
        counts.checked += 1;
        counts.outcomes[outcome] += 1;
        try {
          const updated = await applyOutcome(row, outcome, at, queue);
          if (updated?.status === 'failing' && row.status === 'verified') counts.failing += 1;
          if (updated?.status === 'removed') counts.unverified += 1;
          // Removed or no longer counting meanwhile: not read again in this run.
          if (!updated) skipped.push(row.id);
        } catch (error) {
          counts.errors += 1;
          skipped.push(row.id);
          console.error(`[domains] the re-check of ${row.domain} could not be recorded`, error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(RECHECK_CONCURRENCY, batch.length) }, worker));
  }
  return counts;
}

/** The schedule (DOMAIN_RECHECK_SCHEDULE, cron, UTC). Idempotent. */
export async function scheduleDomainRecheck(boss: PgBoss): Promise<void> {
  await boss.schedule(DOMAIN_RECHECK_QUEUE, domainRecheckSchedule(), null, { tz: 'UTC', missed: 'once' });
}

/** Works the re-check queue in this process. */
export async function workDomainRecheck(boss: PgBoss): Promise<void> {
  await boss.work(DOMAIN_RECHECK_QUEUE, async () => {
    const counts = await runDomainRecheck();
    console.log(
      `[domains] re-checked ${counts.checked} domains: ${counts.failing} now failing, ${counts.unverified} unverified, ${counts.outcomes.unreachable} could not be checked`,
    );
  });
}
