// The lookup of a domain's verification record (lib/domains/dns.ts) against a real DNS server on
// 127.0.0.1 (dns2, tests/support/dns-server.ts), through node:dns as in production: each answer a server
// can give, and what it means. Could-not-check is never found.
import { describe, expect, it } from 'vitest';
import { lookupVerification } from '@/lib/domains/dns';
import { verificationRecordName } from '@/lib/domains/record';
import { startTestDnsServer, useDnsServer } from '../support/dns-server';

const dns = useDnsServer({ timeoutMs: 300 });
const VALUE = 'ai-hub-verification=abc123';

describe('lookupVerification against a DNS server on 127.0.0.1', () => {
  it('finds the record with the expected value', async () => {
    dns().publish('acme.example', VALUE);
    expect(await lookupVerification('acme.example', VALUE)).toBe('found');
  });

  it('finds it among other TXT records at the name, and ignores white space around the value', async () => {
    dns().setRecords(verificationRecordName('acme.example'), ['v=spf1 -all', `  ${VALUE} `, 'other']);
    expect(await lookupVerification('acme.example', VALUE)).toBe('found');
  });

  it('says wrong_value when the name has TXT records but none with the value', async () => {
    dns().publish('acme.example', 'ai-hub-verification=someone-else');
    expect(await lookupVerification('acme.example', VALUE)).toBe('wrong_value');
  });

  it('compares exactly: another case or a prefix is a wrong value', async () => {
    dns().setRecords(verificationRecordName('acme.example'), [
      VALUE.toUpperCase(),
      `${VALUE}x`,
      VALUE.slice(0, -1),
    ]);
    expect(await lookupVerification('acme.example', VALUE)).toBe('wrong_value');
  });

  it('says missing when the name does not exist (NXDOMAIN)', async () => {
    expect(await lookupVerification('acme.example', VALUE)).toBe('missing');
  });

  it('says missing when the name exists with no TXT record (NODATA)', async () => {
    dns().setRecords(verificationRecordName('acme.example'), []);
    expect(await lookupVerification('acme.example', VALUE)).toBe('missing');
  });

  it('says unreachable, never found, when the server answers SERVFAIL', async () => {
    dns().publish('acme.example', VALUE);
    dns().failFor(verificationRecordName('acme.example'));
    expect(await lookupVerification('acme.example', VALUE)).toBe('unreachable');
  });

  it('says unreachable when the server stays silent (time-out), within the configured time', async () => {
    dns().publish('acme.example', VALUE);
    dns().silenceFor(verificationRecordName('acme.example'));
    const started = performance.now();
    expect(await lookupVerification('acme.example', VALUE)).toBe('unreachable');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('gives up after 2 × timeout × tries + 1 s however many silent servers there are', async () => {
    // Three servers that never answer: c-ares alone would wait 3 × (200 + 400 + 600) ms.
    const others = await Promise.all([startTestDnsServer(), startTestDnsServer()]);
    const silent = [dns(), ...others];
    for (const server of silent) server.silenceFor(verificationRecordName('acme.example'));
    const started = performance.now();
    const check = await lookupVerification('acme.example', VALUE, {
      servers: silent.map((server) => server.address),
      timeoutMs: 200,
      tries: 3,
    });
    const ms = performance.now() - started;
    await Promise.all(others.map((server) => server.close()));
    expect(check).toBe('unreachable');
    expect(ms).toBeGreaterThan(2 * 200 * 3 + 1000 - 100);
    expect(ms).toBeLessThan(2 * 200 * 3 + 1000 + 500);
  });

  it('says unreachable when nothing listens at the configured server', async () => {
    expect(await lookupVerification('acme.example', VALUE, { servers: ['127.0.0.1:9'] })).toBe('unreachable');
  });

  it('joins a record split in chunks before comparing', async () => {
    dns().publish('acme.example', ['ai-hub-verif', 'ication=abc', '123']);
    expect(await lookupVerification('acme.example', VALUE)).toBe('found');
  });

  it('reads a value longer than one 255-byte string, sent as several', async () => {
    const long = `ai-hub-verification=${'x'.repeat(600)}`;
    dns().publish('acme.example', [long.slice(0, 255), long.slice(255, 510), long.slice(510)]);
    expect(await lookupVerification('acme.example', long)).toBe('found');
  });

  it('looks up an internationalized domain by its punycode name', async () => {
    dns().publish('xn--bcher-kva.example', VALUE);
    expect(await lookupVerification('xn--bcher-kva.example', VALUE)).toBe('found');
  });

  it('reads a value in UTF-8 whose character straddles two strings', async () => {
    const value = 'ai-hub-verification=café';
    const bytes = Buffer.from(value);
    dns().setRecords(verificationRecordName('acme.example'), [
      [bytes.subarray(0, bytes.length - 1), bytes.subarray(bytes.length - 1)] as unknown as string[],
    ]);
    expect(await lookupVerification('acme.example', value)).toBe('found');
  });
});

// The time is mostly the test server's (dns2 encodes an answer bit by bit, once for UDP, which it then
// truncates, and again for TCP): the lookup's own work on the records is a join and a compare.
describe('hostile answers: the lookup stays quick and bounded', () => {
  it('a huge TXT answer (200 records of 255 bytes, ~52 KB over TCP) is read and refused as a wrong value', async () => {
    dns().setRecords(
      verificationRecordName('acme.example'),
      Array.from({ length: 200 }, (_, i) => `${i}`.padEnd(255, 'x')),
    );
    const started = performance.now();
    expect(await lookupVerification('acme.example', VALUE, { timeoutMs: 3000 })).toBe('wrong_value');
    const ms = performance.now() - started;
    console.log(`[dns] a 200-record, ~52 KB TXT answer took ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(3000);
  });

  it('1,000 short records (~50 KB), the right one last, in one answer: found, quickly', async () => {
    const records = Array.from({ length: 999 }, (_, i) => `r${i}`);
    dns().setRecords(verificationRecordName('acme.example'), [...records, VALUE]);
    const started = performance.now();
    expect(await lookupVerification('acme.example', VALUE, { timeoutMs: 3000 })).toBe('found');
    const ms = performance.now() - started;
    console.log(`[dns] a 1,000-record TXT answer took ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(3000);
  });

  it('an answer too big for any DNS message (over 64 KB) is could-not-check, not an error', async () => {
    dns().setRecords(verificationRecordName('acme.example'), [
      ...Array.from({ length: 3000 }, (_, i) => `r${i}`),
      VALUE,
    ]);
    expect(await lookupVerification('acme.example', VALUE)).toBe('unreachable');
  });
});
