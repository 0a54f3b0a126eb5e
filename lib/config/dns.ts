// The settings of verified domains (lib/domains): which DNS servers the lookup asks (DNS_SERVERS), how
// long it waits (DNS_TIMEOUT_MS, DNS_TRIES), the development resolver's port (DEV_DNS_PORT) and when the
// daily re-check runs (DOMAIN_RECHECK_SCHEDULE). Read through the one schema (./settings.mjs).
import { ConfigurationError, developmentResolverRefusal } from './deployment.mjs';
import { setting } from './settings.mjs';

type Env = Record<string, string | undefined>;

/**
 * Where the lookup sends its questions: the system's resolvers, the servers listed, or the development
 * resolver (lib/domains/development-resolver.ts), which answers from the records published on /dev/dns.
 */
export type DnsResolverChoice =
  { kind: 'system' } | { kind: 'servers'; servers: string[] } | { kind: 'development' };

/**
 * DNS_SERVERS read: unset, the system's resolvers in production and the development resolver anywhere
 * else (so `npm run dev` verifies `acme.test` with nothing set up). `development` in production is taken
 * only when set on purpose and the public URL is a loopback address (developmentResolverRefusal).
 */
export function dnsResolverChoice(env: Env = process.env): DnsResolverChoice {
  const chosen = setting('DNS_SERVERS', env);
  if (chosen === 'development') {
    const refusal = developmentResolverRefusal(env);
    if (refusal) throw new ConfigurationError(refusal);
    return { kind: 'development' };
  }
  if (chosen) return { kind: 'servers', servers: chosen };
  return env.NODE_ENV === 'production' ? { kind: 'system' } : { kind: 'development' };
}

/** Whether the development resolver answers this server's lookups (and so /dev/dns may be open). */
export function isDevelopmentResolverActive(env: Env = process.env): boolean {
  try {
    return dnsResolverChoice(env).kind === 'development';
  } catch {
    return false;
  }
}

export interface DnsLookupSettings {
  /** How long one try waits for an answer from one server, in milliseconds. */
  timeoutMs: number;
  /** How many times a question is sent to each server before the lookup gives up. */
  tries: number;
}

export function dnsLookupSettings(env: Env = process.env): DnsLookupSettings {
  return { timeoutMs: setting('DNS_TIMEOUT_MS', env), tries: setting('DNS_TRIES', env) };
}

/** The development resolver's UDP (and TCP) port on 127.0.0.1; 0: chosen by the system. */
export function developmentDnsPort(env: Env = process.env): number {
  return setting('DEV_DNS_PORT', env) ?? 0;
}

/** When the daily re-check of counting domains runs: a cron expression, UTC. */
export function domainRecheckSchedule(env: Env = process.env): string {
  return setting('DOMAIN_RECHECK_SCHEDULE', env);
}
