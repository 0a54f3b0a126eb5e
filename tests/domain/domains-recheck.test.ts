// The daily re-check of verified domains (lib/domains/recheck.ts, through the state machine of
// lib/domains/check.ts) against a real DNS server on 127.0.0.1: a record gone turns the domain failing
// and emails each Owner once; 7 days of misses unverify it; the record back restores it; a server that
// cannot be asked changes nothing; and its job is scheduled daily.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { organizationDomains } from '@/db/schema';
import { now } from '@/lib/clock';
import { addDomain, listDomains, verifyDomain } from '@/lib/domains/manage';
import { runDomainRecheck } from '@/lib/domains/recheck';
import { emailFor } from '@/lib/email/render-queued';
import { verificationRecordName } from '@/lib/domains/record';
import { getBoss } from '@/lib/jobs';
import { DOMAIN_RECHECK_QUEUE } from '@/lib/jobs/queues';
import { startJobs } from '@/lib/jobs';
import { describeEvent, eventActor } from '@/lib/shared/activity-sentences';
import { useTestDatabase } from '../support/db';
import { useDnsServer } from '../support/dns-server';
import { domainRowById, organizationWithStaff, queuedEmails, verifiedDomain } from '../support/domains';
import { addMember } from '../support/factories';
import { auditActions } from '../support/state';
import { english } from '../support/english';

useTestDatabase();
const dns = useDnsServer({ timeoutMs: 2000 });

const DAY = 24 * 60 * 60 * 1000;
/** `days` after the test began (each test's own start: the clock is reset before each). */
let began = now();
beforeEach(() => {
  began = now();
});
const later = (days: number) => new Date(began.getTime() + days * DAY);

/** An organization with two Owners and a verified corp.example whose record is then taken down. */
async function verifiedThenGone() {
  const staff = await organizationWithStaff();
  const secondOwner = await addMember(staff.orgId, 'owner');
  const domain = await verifiedDomain(dns(), staff.owner, staff.orgId, 'corp.example');
  dns().reset();
  return { ...staff, secondOwner, domain };
}

describe('the daily re-check', () => {
  it('first miss: failing since then, audited, one email to each Owner (none to the Admin); the second miss sends none', async () => {
    const { orgId, organization, owner, secondOwner, admin, domain } = await verifiedThenGone();
    const first = await runDomainRecheck(later(1));
    expect(first).toMatchObject({ checked: 1, failing: 1, unverified: 0, errors: 0 });
    const row = await domainRowById(domain.id);
    expect(row).toMatchObject({ status: 'failing', lastCheck: 'missing', verifiedAt: domain.verifiedAt });
    expect(row!.failingSince).toEqual(later(1));
    const [view] = await listDomains(owner, orgId);
    expect(view.stopsCountingAt).toEqual(later(8));
    const emails = await queuedEmails('domain_failing');
    expect(emails.map((e) => e.recipient).sort()).toEqual([owner.email, secondOwner.email].sort());
    expect(emails.map((e) => e.recipient)).not.toContain(admin.email);
    expect(emails[0].payload).toMatchObject({
      domain: 'corp.example',
      recordName: '_ai-hub-verification.corp.example',
      recordValue: domain.record.value,
      stopsCountingAt: later(8).toISOString(),
    });
    const rendered = await emailFor(
      { id: 'm1', kind: 'domain_failing', recipient: owner.email, payload: emails[0].payload },
      new Map(),
    );
    if (typeof rendered === 'string') throw new Error(rendered);
    expect(rendered.subject).toBe('The verification record of corp.example is missing (Acme)');
    expect(rendered.text).toContain(domain.record.value);
    expect(rendered.text).toContain(`/admin/${organization.slug}/domains`);
    await runDomainRecheck(later(2));
    expect(await queuedEmails('domain_failing')).toHaveLength(2);
    expect((await domainRowById(domain.id))!.failingSince).toEqual(later(1));
    const failing = (await auditActions(orgId)).filter((e) => e.action === 'domain.failing');
    expect(failing).toHaveLength(1);
  });

  it('a wrong value counts as a miss, as a missing record does', async () => {
    const { domain } = await verifiedThenGone();
    dns().publish('corp.example', 'ai-hub-verification=someone-elses');
    await runDomainRecheck(later(1));
    expect(await domainRowById(domain.id)).toMatchObject({ status: 'failing', lastCheck: 'wrong_value' });
  });

  it('after 7 days of misses the domain stops counting (removed, audited), not a moment before', async () => {
    const { orgId, owner, domain } = await verifiedThenGone();
    await runDomainRecheck(later(1));
    for (let day = 2; day <= 7; day++) await runDomainRecheck(later(day + 0.9));
    expect((await domainRowById(domain.id))!.status).toBe('failing');
    const result = await runDomainRecheck(later(8));
    expect(result.unverified).toBe(1);
    expect(await domainRowById(domain.id)).toMatchObject({
      status: 'removed',
      verifiedAt: null,
      failingSince: null,
    });
    const events = (await auditActions(orgId)).map((e) => e.action);
    expect(events.filter((a) => a === 'domain.unverified')).toHaveLength(1);
    const unverified = (await auditActions(orgId)).find((e) => e.action === 'domain.unverified')!;
    expect(describeEvent({ ...unverified, actorEmail: null, actorName: null }, english)).toContain(
      'corp.example',
    );
    // No longer counting: the re-check leaves it alone; the record published again and Verify pressed,
    // it counts again, from then.
    expect((await runDomainRecheck(later(9))).checked).toBe(0);
    dns().publish('corp.example', domain.record.value);
    const again = await verifyDomain(owner, orgId, domain.id);
    expect(again.domain.status).toBe('verified');
    expect(again.domain.verifiedAt!.getTime()).toBeGreaterThan(domain.verifiedAt!.getTime());
  });

  it('the record back while failing: verified again, counting since the first verification, audited as recovered', async () => {
    const { orgId, domain } = await verifiedThenGone();
    await runDomainRecheck(later(1));
    dns().publish('corp.example', domain.record.value);
    await runDomainRecheck(later(3));
    expect(await domainRowById(domain.id)).toMatchObject({
      status: 'verified',
      failingSince: null,
      verifiedAt: domain.verifiedAt,
      lastSeenAt: later(3),
    });
    const recovered = (await auditActions(orgId)).at(-1)!;
    expect(recovered).toMatchObject({ action: 'domain.verified', details: { recovered: true } });
    const described = { ...recovered, actorEmail: null, actorName: null } as never;
    expect(eventActor(described, english)?.label).toBe('The daily domain check');
    expect(describeEvent(described, english)).toMatch(/again/);
    // A later miss starts a new grace of its own, with a new email.
    dns().reset();
    await runDomainRecheck(later(4));
    expect((await domainRowById(domain.id))!.failingSince).toEqual(later(4));
    expect(await queuedEmails('domain_failing')).toHaveLength(4);
  });

  it('a server that cannot be asked (SERVFAIL, time-out) changes nothing but the last check, and is never a miss', async () => {
    const { domain } = await verifiedThenGone();
    dns().publish('corp.example', domain.record.value);
    dns().failFor(verificationRecordName('corp.example'));
    await runDomainRecheck(later(1));
    expect(await domainRowById(domain.id)).toMatchObject({
      status: 'verified',
      lastCheck: 'unreachable',
      failingSince: null,
    });
    await runDomainRecheck(later(2));
    dns().reset();
    dns().silenceFor(verificationRecordName('corp.example'));
    await runDomainRecheck(later(9));
    expect(await domainRowById(domain.id)).toMatchObject({ status: 'verified', lastCheck: 'unreachable' });
    // Unreachable during a grace neither extends nor ends it; the eighth day's miss ends it.
    dns().reset();
    await runDomainRecheck(later(10));
    dns().failFor(verificationRecordName('corp.example'));
    await runDomainRecheck(later(18));
    expect((await domainRowById(domain.id))!.status).toBe('failing');
    dns().reset();
    await runDomainRecheck(later(18.5));
    expect((await domainRowById(domain.id))!.status).toBe('removed');
    expect(await queuedEmails('domain_failing')).toHaveLength(2);
  });

  it('checks only counting domains, each once a run, past the batch size', async () => {
    const { orgId, owner } = await organizationWithStaff();
    const pending = await addDomain(owner, orgId, { domain: 'pending.example' });
    const verified = [];
    for (let i = 0; i < 12; i++) verified.push(await verifiedDomain(dns(), owner, orgId, `d${i}.example`));
    const db = await getDb();
    // Past the batch size: the same rows read in several batches would be checked twice.
    await db.insert(organizationDomains).values(
      Array.from({ length: 130 }, (_, i) => ({
        organizationId: orgId,
        domain: `bulk${i}.example`,
        token: `t${i}`,
        status: 'verified' as const,
        verifiedAt: now(),
      })),
    );
    // 142 lookups, 8 at a time, on a busy machine whose one event loop also runs the server and PGlite:
    // a generous time-out, so that what is counted is the answers, not the machine's load.
    vi.stubEnv('DNS_TIMEOUT_MS', '10000');
    const asked = dns().questions;
    const result = await runDomainRecheck(later(1));
    expect(result.checked).toBe(142);
    expect(dns().questions - asked).toBe(142);
    expect(result.outcomes).toMatchObject({ found: 12, missing: 130 });
    expect((await domainRowById(pending.id))!.lastCheckedAt).toBeNull();
    expect((await runDomainRecheck(later(1))).checked).toBe(0);
  });

  it('is scheduled daily on its own queue when the jobs start', async () => {
    await startJobs({ work: false });
    const boss = await getBoss();
    const schedules = await boss.getSchedules();
    expect(schedules.find((s) => s.name === DOMAIN_RECHECK_QUEUE)).toMatchObject({
      cron: '17 4 * * *',
      timezone: 'UTC',
    });
  });
});
