// Where a request an organization's admin typed may go (lib/http/outbound.ts sends it): https, and in
// production never to this machine or its private networks (SSRF: cloud metadata at 169.254.169.254, an
// admin page on 10.x), checked as the socket connects (node's `lookup` hook), so a name that answers a
// public address first and 127.0.0.1 next (DNS rebinding) is still refused.
import 'server-only';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { isLoopbackUrl, publicUrl } from '../config/deployment.mjs';

/** Why an outbound request failed, for the caller's own sentence. */
export type OutboundFailure = 'forbidden_address' | 'insecure' | 'too_large' | 'timeout' | 'unreachable';

export class OutboundFetchError extends Error {
  constructor(
    readonly failure: OutboundFailure,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundFetchError';
  }
}

export interface OutboundPolicy {
  /** Production: https only, and no address on this machine or a private network. */
  production: boolean;
  timeoutMs: number;
  maxBytes: number;
}

/**
 * The policy of a request an admin's typed address sends: a production server's, unless its public URL is
 * on this machine (a trial, like the development mailbox: the development identity providers are plain
 * http on 127.0.0.1 there).
 */
export function outboundPolicy(limits: { timeoutMs: number; maxBytes: number }): OutboundPolicy {
  return { production: process.env.NODE_ENV === 'production' && !isLoopbackTrial(), ...limits };
}

function isLoopbackTrial(): boolean {
  try {
    return isLoopbackUrl(publicUrl());
  } catch {
    return false; // no public URL: a production server refuses to start anyway
  }
}

/** Where a production server must never connect on an admin's say-so. */
const forbidden = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3], // multicast and reserved
] as const) {
  forbidden.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 of any IPv4 address, private ones included
] as const) {
  forbidden.addSubnet(network, prefix, 'ipv6');
}

/** Whether a production server may connect to `address` (an IP address, v4 or v6, mapped v4 included). */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return isPublicAddress(mapped[1]);
  const family = isIP(bare);
  if (family === 0) return false;
  return !forbidden.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** Resolves like the system does, then refuses the connection if any answer is not public. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    if (refused || addresses.length === 0) {
      return callback(forbiddenAddress(hostname), '', 0);
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
};

function forbiddenAddress(hostname: string): OutboundFetchError {
  return new OutboundFetchError(
    'forbidden_address',
    `${hostname} points at this server or a private network, which this server does not connect to.`,
  );
}

/**
 * Why `url` may not be asked at all under `policy`, or null. (An address written as an IP is checked
 * here: node connects to it without a look-up.)
 */
export function outboundUrlRefusal(
  url: URL,
  policy: Pick<OutboundPolicy, 'production'>,
): OutboundFetchError | null {
  if (url.username || url.password)
    return new OutboundFetchError('insecure', 'The address may not contain a user name or password.');
  if (url.protocol === 'https:') {
    const literal = isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0;
    return policy.production && literal && !isPublicAddress(url.hostname)
      ? forbiddenAddress(url.hostname)
      : null;
  }
  if (url.protocol === 'http:' && !policy.production && isLoopbackUrl(url.href)) return null;
  return new OutboundFetchError(
    'insecure',
    policy.production
      ? `${url.origin} is not an https address.`
      : `${url.origin} is not an https address (plain http is accepted only on this machine, in development).`,
  );
}
