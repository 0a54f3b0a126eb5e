// The development resolver (lib/domains/development-resolver.ts): a newcomer verifies `acme.test` on
// their own machine by publishing the record on /dev/dns (lib/domains/development-records.ts), and the
// real lookup, node:dns over UDP to 127.0.0.1, finds it. Also what DNS_SERVERS allows where: the
// development resolver is the default outside production, and in production only when chosen on
// purpose for a trial on this machine.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dnsResolverChoice, isDevelopmentResolverActive } from '@/lib/config';
import { startupProblems } from '@/lib/config/settings.mjs';
import {
  deleteDevelopmentRecord,
  listDevelopmentRecords,
  publishDevelopmentRecord,
} from '@/lib/domains/development-records';
import { startDevelopmentResolver, stopDevelopmentResolver } from '@/lib/domains/development-resolver';
import { lookupVerification } from '@/lib/domains/dns';
import { addDomain, verifyDomain } from '@/lib/domains/manage';
import { useTestDatabase } from '../support/db';
import { organizationWithStaff } from '../support/domains';
import { expectDomainError } from '../support/state';

useTestDatabase();

beforeEach(() => {
  // Unset (blank is unset): outside production, the development resolver.
  vi.stubEnv('DNS_SERVERS', '');
});
afterAll(async () => {
  await stopDevelopmentResolver();
});

describe('verifying acme.test through the development resolver', () => {
  it('publish the record on /dev/dns, press Verify: verified, by a real lookup', async () => {
    const { orgId, owner } = await organizationWithStaff();
    const domain = await addDomain(owner, orgId, { domain: 'acme.test' });
    expect((await verifyDomain(owner, orgId, domain.id)).check).toBe('missing');
    await publishDevelopmentRecord(` ${domain.record.name.toUpperCase()}. `, domain.record.value);
    const { check, domain: verified } = await verifyDomain(owner, orgId, domain.id);
    expect(check).toBe('found');
    expect(verified.status).toBe('verified');
  });

  it('answers each record at a name, a wrong value as wrong, and a value past 255 bytes in pieces', async () => {
    const name = '_ai-hub-verification.acme.test';
    await publishDevelopmentRecord(name, 'ai-hub-verification=other');
    expect(await lookupVerification('acme.test', 'ai-hub-verification=mine')).toBe('wrong_value');
    const long = `ai-hub-verification=${'é'.repeat(400)}`;
    await publishDevelopmentRecord(name, long);
    expect(await lookupVerification('acme.test', long)).toBe('found');
  });

  it('lists the records newest first, deletes one, and refuses a malformed one', async () => {
    const first = await publishDevelopmentRecord('_ai-hub-verification.a.test', 'one');
    const second = await publishDevelopmentRecord('_ai-hub-verification.b.test', 'two');
    expect((await listDevelopmentRecords()).map((r) => r.id)).toEqual([second.id, first.id]);
    await deleteDevelopmentRecord(first.id);
    await deleteDevelopmentRecord(first.id);
    await deleteDevelopmentRecord('not-an-id');
    expect((await listDevelopmentRecords()).map((r) => r.value)).toEqual(['two']);
    await expectDomainError(publishDevelopmentRecord('has space.test', 'x'), 'DNS_RECORD_INVALID');
    await expectDomainError(publishDevelopmentRecord('https://a.test', 'x'), 'DNS_RECORD_INVALID');
    await expectDomainError(publishDevelopmentRecord('a.test', '   '), 'DNS_RECORD_INVALID');
    await expectDomainError(publishDevelopmentRecord('a.test', 'x'.repeat(1001)), 'DNS_RECORD_INVALID');
  });

  it('starts with the server (instrumentation.ts), before any lookup asks for it', async () => {
    await stopDevelopmentResolver();
    vi.stubEnv('NEXT_RUNTIME', 'nodejs');
    const { register } = await import('@/instrumentation');
    await register();
    const running = (globalThis as Record<symbol, unknown>)[Symbol.for('ai-hub.development-resolver')];
    expect(running).toBeInstanceOf(Promise);
    expect((await startDevelopmentResolver()).address).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('starts once per process, whoever asks first', async () => {
    const [one, two] = await Promise.all([startDevelopmentResolver(), startDevelopmentResolver()]);
    expect(one).toBe(two);
    expect(one.address).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('publishing is refused (NOT_FOUND, as the page is) when the lookup asks real servers', async () => {
    vi.stubEnv('DNS_SERVERS', '192.0.2.53');
    expect(isDevelopmentResolverActive()).toBe(false);
    await expectDomainError(publishDevelopmentRecord('_ai-hub-verification.acme.test', 'x'), 'NOT_FOUND');
    await expectDomainError(listDevelopmentRecords(), 'NOT_FOUND');
  });
});

describe('DNS_SERVERS', () => {
  const production = { NODE_ENV: 'production', AUTH_SECRET: 's', RESEND_API_KEY: 're_x' };

  it('unset: the development resolver outside production, the system resolvers in production', () => {
    expect(dnsResolverChoice({ NODE_ENV: 'development' })).toEqual({ kind: 'development' });
    expect(dnsResolverChoice({ ...production, APP_URL: 'https://console.example.com' })).toEqual({
      kind: 'system',
    });
  });

  it('a list of servers, each address[:port], IPv6 in brackets with a port', () => {
    expect(dnsResolverChoice({ DNS_SERVERS: '1.1.1.1, 127.0.0.1:5353,[::1]:53,2001:db8::1' })).toEqual({
      kind: 'servers',
      servers: ['1.1.1.1', '127.0.0.1:5353', '[::1]:53', '2001:db8::1'],
    });
  });

  it.each(['dns.example.com', '1.1.1.1:0', '1.1.1.1,,8.8.8.8', '300.1.1.1', '[::1]:99999'])(
    'refuses %s, naming the variable',
    (value) => {
      expect(() => dnsResolverChoice({ DNS_SERVERS: value })).toThrow(/DNS_SERVERS must be/);
    },
  );

  it('development in production: only chosen on purpose with a loopback public URL; a server refuses to start otherwise', () => {
    const remote = { ...production, APP_URL: 'https://console.example.com', DNS_SERVERS: 'development' };
    expect(() => dnsResolverChoice(remote)).toThrow(/only for a trial on this machine/);
    expect(isDevelopmentResolverActive(remote)).toBe(false);
    expect(startupProblems(remote, { production: true }).join('\n')).toMatch(/DNS_SERVERS=development/);
    const local = { ...remote, APP_URL: 'http://localhost:3000' };
    expect(dnsResolverChoice(local)).toEqual({ kind: 'development' });
    expect(startupProblems(local, { production: true })).toEqual([]);
  });
});
