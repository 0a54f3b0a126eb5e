// One domain counts for one organization only (docs/rules.md, verified domains), under concurrency, on a
// real PostgreSQL server (PGlite runs one statement at a time, so there is no race to test there): two
// organizations verifying the same domain at the same moment, exactly one wins; the partial unique index
// decides, and the loser's row stays as it was.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { organizationDomains } from '@/db/schema';
import { now } from '@/lib/clock';
import { applyCheck } from '@/lib/domains/check';
import { addDomain, verifyDomain } from '@/lib/domains/manage';
import { emailQueue } from '@/lib/email/queue';
import { DomainError } from '@/lib/shared/errors';
import { usingPostgres, useTestDatabase } from '../support/db';
import { useDnsServer } from '../support/dns-server';
import { domainRowById } from '../support/domains';
import { createOrganizationWithOwner } from '../support/factories';
import { auditActions } from '../support/state';

useTestDatabase({ max: 20 });
const dns = useDnsServer({ timeoutMs: 2000 });

async function settle(calls: Promise<unknown>[]) {
  return (await Promise.allSettled(calls)).map((s) => {
    if (s.status === 'fulfilled') return 'ok';
    if (s.reason instanceof DomainError) return s.reason.code;
    throw s.reason;
  });
}

/** Two organizations that each claimed corp.example, with each one's record published. */
async function twoClaims() {
  const a = await createOrganizationWithOwner('A');
  const b = await createOrganizationWithOwner('B');
  const claimA = await addDomain(a.owner, a.organization.id, { domain: 'corp.example' });
  const claimB = await addDomain(b.owner, b.organization.id, { domain: 'corp.example' });
  dns().setRecords('_ai-hub-verification.corp.example', [claimA.record.value, claimB.record.value]);
  return { a, b, claimA, claimB };
}

describe.skipIf(!usingPostgres)('two organizations verifying one domain at once (PostgreSQL)', () => {
  it('two transactions applying a found record at the same moment: the second waits for the first, and is refused', async () => {
    const { a, b, claimA, claimB } = await twoClaims();
    const db = await getDb();
    const queue = await emailQueue();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstApplied!: () => void;
    const applied = new Promise<void>((resolve) => (firstApplied = resolve));
    const apply = (id: string, hold: boolean) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .select()
          .from(organizationDomains)
          .where(eq(organizationDomains.id, id))
          .for('update');
        await applyCheck(tx, row, 'found', now(), { actor: null, queue });
        if (hold) {
          firstApplied();
          await held;
        }
      });
    const first = apply(claimA.id, true);
    await applied;
    // The first has written its verified row and not committed: the second's check sees nothing yet.
    const second = apply(claimB.id, false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    expect(await settle([first, second])).toEqual(['ok', 'DOMAIN_TAKEN']);
    expect(await domainRowById(claimA.id)).toMatchObject({ status: 'verified' });
    expect(await domainRowById(claimB.id)).toMatchObject({
      status: 'pending',
      lastCheckedAt: null,
      verifiedAt: null,
    });
    expect((await auditActions(b.organization.id)).map((e) => e.action)).not.toContain('domain.verified');
    expect((await auditActions(a.organization.id)).map((e) => e.action)).toContain('domain.verified');
  });

  it('10 rounds of both Owners pressing Verify at once: exactly one organization wins each time', async () => {
    for (let round = 0; round < 10; round++) {
      const { a, b, claimA, claimB } = await twoClaims();
      const outcomes = await settle([
        verifyDomain(a.owner, a.organization.id, claimA.id),
        verifyDomain(b.owner, b.organization.id, claimB.id),
      ]);
      expect(outcomes.sort()).toEqual(['DOMAIN_TAKEN', 'ok']);
      const statuses = [(await domainRowById(claimA.id))!.status, (await domainRowById(claimB.id))!.status];
      expect(statuses.sort()).toEqual(['pending', 'verified']);
      const db = await getDb();
      await db.delete(organizationDomains);
    }
  });
});
