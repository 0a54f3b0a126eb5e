// The lookup of a domain's verification record (DESIGN §10): the server asks DNS itself, through
// node:dns's Resolver, and never trusts what a browser says. Where the questions go is configuration
// (DNS_SERVERS, lib/config/dns.ts): the system's resolvers, listed servers, or the development resolver
// on 127.0.0.1 (./development-resolver.ts): one code path for all three.
//
// Only an answer counts. A record found with the value: `found`; records there but none with it:
// `wrong_value`; no such name or no TXT there: `missing`. Anything else (SERVFAIL, a time-out, a refusal,
// no server to ask) is `unreachable`: could not check, which never verifies and never counts as a miss.
import 'server-only';
import { Resolver } from 'node:dns/promises';
import type { DomainCheck } from '@/db/values';
import { dnsLookupSettings, dnsResolverChoice } from '../config';
import { developmentResolverAddress } from './development-resolver';
import { verificationRecordName } from './record';

/** The answers that mean the record is not there: no such name (NXDOMAIN), or no TXT at it (NODATA). */
const MISSING = new Set(['ENOTFOUND', 'ENODATA']);

export interface LookupOptions {
  /** Servers to ask instead of the configured ones (`address[:port]`). */
  servers?: string[];
  timeoutMs?: number;
  tries?: number;
}

/** The servers the configuration names, or undefined for the system's; starts the development resolver if it is the one. */
async function configuredServers(): Promise<string[] | undefined> {
  const choice = dnsResolverChoice();
  if (choice.kind === 'servers') return choice.servers;
  if (choice.kind === 'development') return [await developmentResolverAddress()];
  return undefined;
}

/** The TXT records at `name`, each one's strings joined (a long value comes in 255-byte pieces), as text. */
async function txtRecords(name: string, options: LookupOptions): Promise<string[]> {
  const settings = dnsLookupSettings();
  const timeout = options.timeoutMs ?? settings.timeoutMs;
  const tries = options.tries ?? settings.tries;
  const resolver = new Resolver({ timeout, tries });
  const servers = options.servers ?? (await configuredServers());
  if (servers) resolver.setServers(servers);
  // c-ares waits a little longer at each try (timeout, 2 × timeout, ...), server after server; the whole
  // lookup is cut at 2 × timeout × tries + 1 s (ECANCELLED: unreachable), so that a Verify press never
  // hangs on servers that stay silent, however many the system lists.
  const budget = 2 * timeout * tries + 1000;
  const deadline = setTimeout(() => resolver.cancel(), budget);
  try {
    const records = await resolver.resolveTxt(name);
    // node:dns hands each string over byte for byte as Latin-1: the record's bytes are UTF-8, read once
    // joined (a character may straddle two strings).
    return records.map((strings) => Buffer.from(strings.join(''), 'latin1').toString('utf8'));
  } finally {
    clearTimeout(deadline);
  }
}

/** The error code of a failed lookup (node:dns's ENOTFOUND, ESERVFAIL, ETIMEOUT, ...), or '' when it has none. */
function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/**
 * Looks up the verification record of `domain` (its ASCII form) and compares each record, trimmed, with
 * `expectedValue` exactly. Never throws: a lookup that fails is `unreachable`.
 */
export async function lookupVerification(
  domain: string,
  expectedValue: string,
  options: LookupOptions = {},
): Promise<DomainCheck> {
  let records: string[];
  try {
    records = await txtRecords(verificationRecordName(domain), options);
  } catch (error) {
    if (MISSING.has(codeOf(error))) return 'missing';
    if (!codeOf(error)) console.error(`[dns] the lookup for ${domain} failed`, error);
    return 'unreachable';
  }
  const expected = expectedValue.trim();
  if (records.some((record) => record.trim() === expected)) return 'found';
  return records.length > 0 ? 'wrong_value' : 'missing';
}
