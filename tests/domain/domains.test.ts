// Verified domains, the management rules (docs/rules.md, verified domains): what may be added and how it
// is spelled, who may see and change the list, what each change records, and what Verify does with
// the answer of a real DNS server on 127.0.0.1.
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { joinRequests } from '@/db/schema';
import { addDomain, listDomains, removeDomain, setJoinPolicy, verifyDomain } from '@/lib/domains/manage';
import { now } from '@/lib/clock';
import { hit } from '@/lib/rate-limit';
import { createScimToken, setProvisioning } from '@/lib/scim/tokens';
import { directoryActor } from '@/lib/shared/actor';
import { DOMAIN_VERIFICATIONS_PER_HOUR, MAX_DOMAINS } from '@/lib/shared/limits';
import { useTestDatabase } from '../support/db';
import { useDnsServer } from '../support/dns-server';
import { domainRowById, organizationWithStaff, verifiedDomain } from '../support/domains';
import { createOrganizationWithOwner, createUser } from '../support/factories';
import { auditActions, expectDomainError } from '../support/state';

useTestDatabase();
const dns = useDnsServer({ timeoutMs: 2000 });

describe('adding a domain: what counts as one, and its one spelling', () => {
  it('stores it trimmed, lower-case, without the trailing dot, pending, with a record to publish', async () => {
    const { orgId, owner } = await organizationWithStaff();
    const view = await addDomain(owner, orgId, { domain: '  Corp.Example. ' });
    expect(view).toMatchObject({
      domain: 'corp.example',
      status: 'pending',
      joinPolicy: 'off',
      verifiedAt: null,
    });
    expect(view.record.name).toBe('_ai-hub-verification.corp.example');
    expect(view.record.value).toMatch(/^ai-hub-verification=[A-Za-z0-9_-]{22}$/);
    expect((await auditActions(orgId)).at(-1)).toMatchObject({
      action: 'domain.added',
      details: { domain: 'corp.example', domainId: view.id },
    });
  });

  it('stores an internationalized name as its punycode', async () => {
    const { orgId, owner } = await organizationWithStaff();
    expect((await addDomain(owner, orgId, { domain: 'Bücher.example' })).domain).toBe(
      'xn--bcher-kva.example',
    );
  });

  it('accepts a subdomain and a name under a private suffix (team.github.io)', async () => {
    const { orgId, owner } = await organizationWithStaff();
    expect((await addDomain(owner, orgId, { domain: 'eng.corp.example' })).domain).toBe('eng.corp.example');
    expect((await addDomain(owner, orgId, { domain: 'team.github.io' })).domain).toBe('team.github.io');
  });

  it.each([
    ['an address', 'jane@corp.example'],
    ['a URL', 'https://corp.example'],
    ['a path', 'corp.example/about'],
    ['an IPv4 address', '192.0.2.1'],
    ['an IPv6 address', '[2001:db8::1]'],
    ['one label', 'localhost'],
    ['empty', '   '],
    ['a space inside', 'corp example.com'],
    ['an underscore', 'corp_name.example'],
    ['a label starting with a hyphen', '-corp.example'],
    ['a label of 64 characters', `${'a'.repeat(64)}.example`],
    ['more than 253 characters', `${Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.')}.example`],
    ['a numeric top-level label', 'corp.123'],
    ['a huge input', 'a'.repeat(100_000)],
  ])('refuses %s as not a domain (DOMAIN_INVALID)', async (_, domain) => {
    const { orgId, owner } = await organizationWithStaff();
    await expectDomainError(addDomain(owner, orgId, { domain }), 'DOMAIN_INVALID');
  });

  it.each(['co.uk', 'com', 'github.io', 'CO.UK.'])(
    'refuses the public suffix %s (DOMAIN_PUBLIC_SUFFIX)',
    async (domain) => {
      const { orgId, owner } = await organizationWithStaff();
      await expectDomainError(addDomain(owner, orgId, { domain }), 'DOMAIN_PUBLIC_SUFFIX');
    },
  );

  it.each(['gmail.com', 'Outlook.com', 'yahoo.com', 'mail.gmail.com'])(
    'refuses the public email provider %s, a name under one too (DOMAIN_CONSUMER)',
    async (domain) => {
      const { orgId, owner } = await organizationWithStaff();
      await expectDomainError(addDomain(owner, orgId, { domain }), 'DOMAIN_CONSUMER');
    },
  );

  it('refuses a domain already on the list, in any spelling (DOMAIN_EXISTS)', async () => {
    const { orgId, owner } = await organizationWithStaff();
    await addDomain(owner, orgId, { domain: 'corp.example' });
    await expectDomainError(addDomain(owner, orgId, { domain: 'CORP.example.' }), 'DOMAIN_EXISTS');
  });

  it('refuses a domain another organization has verified, without naming that organization (DOMAIN_TAKEN)', async () => {
    const first = await createOrganizationWithOwner('Initech Secret Holdings');
    await verifiedDomain(dns(), first.owner, first.organization.id, 'corp.example');
    const { orgId, owner } = await organizationWithStaff('Other');
    const error = await expectDomainError(
      addDomain(owner, orgId, { domain: 'corp.example' }),
      'DOMAIN_TAKEN',
    );
    expect(error.message).not.toMatch(/Initech/i);
    expect(error.details).toBeUndefined();
  });

  it('lets two organizations claim a domain while neither has verified it', async () => {
    const a = await createOrganizationWithOwner('A');
    const b = await createOrganizationWithOwner('B');
    await addDomain(a.owner, a.organization.id, { domain: 'corp.example' });
    expect((await addDomain(b.owner, b.organization.id, { domain: 'corp.example' })).status).toBe('pending');
  });

  it(`refuses a domain past ${MAX_DOMAINS} (DOMAIN_LIMIT), and takes one again after a removal`, async () => {
    const { orgId, owner } = await organizationWithStaff();
    const added = [];
    for (let i = 0; i < MAX_DOMAINS; i++)
      added.push(await addDomain(owner, orgId, { domain: `d${i}.example` }));
    await expectDomainError(addDomain(owner, orgId, { domain: 'one-more.example' }), 'DOMAIN_LIMIT');
    await removeDomain(owner, orgId, added[0].id);
    expect((await addDomain(owner, orgId, { domain: 'one-more.example' })).status).toBe('pending');
  });
});

describe('who may see and change the domains', () => {
  it('an Admin lists them; a Member and an outsider may not', async () => {
    const { orgId, owner, admin, member } = await organizationWithStaff();
    await addDomain(owner, orgId, { domain: 'b.example' });
    await addDomain(owner, orgId, { domain: 'a.example' });
    expect((await listDomains(admin, orgId)).map((d) => d.domain)).toEqual(['a.example', 'b.example']);
    await expectDomainError(listDomains(member, orgId), 'FORBIDDEN');
    await expectDomainError(listDomains(await createUser(), orgId), 'NOT_FOUND');
  });

  it('an Admin and a Member may not add, verify, remove or change the join policy of a domain', async () => {
    const { orgId, owner, admin, member } = await organizationWithStaff();
    const domain = await addDomain(owner, orgId, { domain: 'corp.example' });
    for (const actor of [admin, member]) {
      await expectDomainError(addDomain(actor, orgId, { domain: 'other.example' }), 'FORBIDDEN');
      await expectDomainError(verifyDomain(actor, orgId, domain.id), 'FORBIDDEN');
      await expectDomainError(removeDomain(actor, orgId, domain.id), 'FORBIDDEN');
      await expectDomainError(setJoinPolicy(actor, orgId, domain.id, 'automatic'), 'FORBIDDEN');
    }
    expect(await domainRowById(domain.id)).toMatchObject({
      status: 'pending',
      joinPolicy: 'off',
      lastCheckedAt: null,
    });
    expect((await listDomains(owner, orgId)).map((d) => d.domain)).toEqual(['corp.example']);
  });

  it("an Owner may not touch another organization's domain by its id", async () => {
    const a = await createOrganizationWithOwner('A');
    const b = await createOrganizationWithOwner('B');
    const domain = await addDomain(a.owner, a.organization.id, { domain: 'corp.example' });
    await expectDomainError(removeDomain(b.owner, b.organization.id, domain.id), 'DOMAIN_NOT_FOUND');
    await expectDomainError(verifyDomain(b.owner, b.organization.id, domain.id), 'DOMAIN_NOT_FOUND');
    await expectDomainError(
      setJoinPolicy(b.owner, b.organization.id, 'not-an-id', 'suggest'),
      'DOMAIN_NOT_FOUND',
    );
    expect(await domainRowById(domain.id)).not.toBeNull();
  });
});

describe('verify, remove, join policy', () => {
  it('Verify with the record published: verified since now, last seen now, audited once', async () => {
    const { orgId, owner } = await organizationWithStaff();
    const added = await addDomain(owner, orgId, { domain: 'corp.example' });
    dns().publish('corp.example', added.record.value);
    const { domain, check } = await verifyDomain(owner, orgId, added.id);
    expect(check).toBe('found');
    expect(domain).toMatchObject({
      status: 'verified',
      lastCheck: 'found',
      failingSince: null,
      stopsCountingAt: null,
    });
    expect(domain.verifiedAt).toEqual(domain.lastSeenAt);
    await verifyDomain(owner, orgId, added.id);
    expect((await verifyDomain(owner, orgId, added.id)).domain.verifiedAt).toEqual(domain.verifiedAt);
    const verified = (await auditActions(orgId)).filter((event) => event.action === 'domain.verified');
    expect(verified).toEqual([
      expect.objectContaining({ details: { domain: 'corp.example', domainId: added.id } }),
    ]);
  });

  it.each([
    ['wrong_value', (value: string) => dns().publish('corp.example', `${value}-not`)],
    ['missing', () => {}],
    ['unreachable', () => dns().failFor('_ai-hub-verification.corp.example')],
  ] as const)(
    'Verify that finds %s leaves a pending domain pending and records the check',
    async (check, arrange) => {
      const { orgId, owner } = await organizationWithStaff();
      const added = await addDomain(owner, orgId, { domain: 'corp.example' });
      arrange(added.record.value);
      const result = await verifyDomain(owner, orgId, added.id);
      expect(result.check).toBe(check);
      expect(result.domain).toMatchObject({ status: 'pending', lastCheck: check, verifiedAt: null });
      expect(result.domain.lastCheckedAt).not.toBeNull();
    },
  );

  it("another organization's record for the same domain does not verify this one (each has its own token)", async () => {
    const a = await createOrganizationWithOwner('A');
    const b = await createOrganizationWithOwner('B');
    const claimA = await addDomain(a.owner, a.organization.id, { domain: 'corp.example' });
    const claimB = await addDomain(b.owner, b.organization.id, { domain: 'corp.example' });
    expect(claimB.record.value).not.toBe(claimA.record.value);
    dns().publish('corp.example', claimA.record.value);
    expect((await verifyDomain(b.owner, b.organization.id, claimB.id)).check).toBe('wrong_value');
    expect((await domainRowById(claimB.id))!.status).toBe('pending');
  });

  it('Verify is refused before any lookup when another organization counts the domain', async () => {
    const a = await createOrganizationWithOwner('A');
    const b = await createOrganizationWithOwner('B');
    const claimed = await addDomain(b.owner, b.organization.id, { domain: 'corp.example' });
    await verifiedDomain(dns(), a.owner, a.organization.id, 'corp.example');
    const asked = dns().questions;
    await expectDomainError(verifyDomain(b.owner, b.organization.id, claimed.id), 'DOMAIN_TAKEN');
    expect(dns().questions).toBe(asked);
    expect(await domainRowById(claimed.id)).toMatchObject({ status: 'pending', lastCheckedAt: null });
  });

  it('removing a domain deletes it, keeps every membership, cancels the requests to join made through it', async () => {
    const { orgId, owner, member } = await organizationWithStaff();
    const domain = await verifiedDomain(dns(), owner, orgId, 'corp.example');
    const db = await getDb();
    const asker = await createUser({ email: 'sam@corp.example' });
    const other = await createUser({ email: 'kim@other.example' });
    await db.insert(joinRequests).values([
      { organizationId: orgId, userId: asker.userId, domain: 'corp.example' },
      { organizationId: orgId, userId: other.userId, domain: 'other.example' },
    ]);
    await removeDomain(owner, orgId, domain.id);
    expect(await domainRowById(domain.id)).toBeNull();
    expect((await db.select().from(joinRequests)).map((r) => r.domain)).toEqual(['other.example']);
    expect((await listDomains(owner, orgId)).length).toBe(0);
    expect((await auditActions(orgId)).at(-1)).toMatchObject({
      action: 'domain.removed',
      details: { domain: 'corp.example', status: 'verified', cancelledRequests: 1 },
    });
    await expectDomainError(listDomains(member, orgId), 'FORBIDDEN'); // still a Member, nothing else
    await expectDomainError(removeDomain(owner, orgId, domain.id), 'DOMAIN_NOT_FOUND');
  });

  it('setting the join policy is audited with from and to, once; the same policy again records nothing', async () => {
    const { orgId, owner } = await organizationWithStaff();
    const domain = await addDomain(owner, orgId, { domain: 'corp.example' });
    expect((await setJoinPolicy(owner, orgId, domain.id, 'suggest')).joinPolicy).toBe('suggest');
    await setJoinPolicy(owner, orgId, domain.id, 'suggest');
    const changes = (await auditActions(orgId)).filter((e) => e.action === 'domain.join_policy_changed');
    expect(changes).toEqual([
      expect.objectContaining({
        details: { domain: 'corp.example', domainId: domain.id, from: 'off', to: 'suggest' },
      }),
    ]);
    await expectDomainError(setJoinPolicy(owner, orgId, domain.id, 'always' as never), 'INVALID_INPUT');
  });

  it(`Verify is limited to ${DOMAIN_VERIFICATIONS_PER_HOUR} presses an hour per organization (RATE_LIMITED), before any lookup`, async () => {
    const { orgId, owner } = await organizationWithStaff();
    const domain = await addDomain(owner, orgId, { domain: 'corp.example' });
    const db = await getDb();
    await hit(db, `domains:verify:${orgId}`, now(), 60 * 60 * 1000, DOMAIN_VERIFICATIONS_PER_HOUR);
    const asked = dns().questions;
    await expectDomainError(verifyDomain(owner, orgId, domain.id), 'RATE_LIMITED');
    expect(dns().questions).toBe(asked);
    const other = await organizationWithStaff('Other');
    const theirs = await addDomain(other.owner, other.orgId, { domain: 'other.example' });
    expect((await verifyDomain(other.owner, other.orgId, theirs.id)).check).toBe('missing');
  });

  it('the directory (an Admin over SCIM) may not manage domains', async () => {
    const { orgId, owner } = await organizationWithStaff();
    const domain = await addDomain(owner, orgId, { domain: 'corp.example' });
    await setProvisioning(owner, { organizationId: orgId, enabled: true });
    const { view } = await createScimToken(owner, { organizationId: orgId, name: 'Okta' });
    const directory = directoryActor({ organizationId: orgId, tokenId: view.id, tokenName: 'Okta' });
    expect(await listDomains(directory, orgId)).toHaveLength(1);
    await expectDomainError(addDomain(directory, orgId, { domain: 'other.example' }), 'FORBIDDEN');
    await expectDomainError(removeDomain(directory, orgId, domain.id), 'FORBIDDEN');
  });
});
