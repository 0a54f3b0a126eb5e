// Fetching a URL an organization's Owner typed (an identity provider's metadata): from the server, so a
// stranger could aim it at the server's own network (SSRF), at an endless body, or at a host that never
// answers. Every fetch here has a deadline, a byte cap counted as the body streams in, redirects followed
// by hand within the first URL's origin, and, in production, https only and public addresses only.
import 'server-only';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

export type OutboundRefusal = 'url' | 'address' | 'timeout' | 'too_large' | 'redirect' | 'status' | 'network';

export class OutboundError extends Error {
  constructor(
    readonly refusal: OutboundRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

export interface OutboundLimits {
  maxBytes: number;
  timeoutMs: number;
  /** Redirects followed, each within the first URL's scheme, host and port. */
  maxRedirects?: number;
  accept?: string;
}

// Addresses a fetch may not reach in production: this machine, private networks, link-local (cloud
// metadata services), carrier-grade NAT, benchmarking, multicast and reserved ranges.
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Whether `address` (an IP literal) is on the public internet. IPv4-mapped IPv6 is judged as IPv4. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return isPublicAddress(mapped[1]);
    return !NOT_PUBLIC.check(address, 'ipv6');
  }
  return !NOT_PUBLIC.check(address, 'ipv4');
}

const inProduction = () => process.env.NODE_ENV === 'production';

function checkUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new OutboundError('url', 'The address is not a URL.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !inProduction())) {
    throw new OutboundError(
      'url',
      inProduction()
        ? 'The address must start with https://.'
        : 'The address must start with https:// or http://.',
    );
  }
  if (url.username || url.password)
    throw new OutboundError('url', 'The address may not contain a user name or password.');
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (inProduction() && isIP(literal) && !isPublicAddress(literal)) {
    throw new OutboundError('address', 'The address points to a private or local network.');
  }
  return url;
}

/** A DNS lookup that, in production, refuses a name with any non-public address (and connects to what it checked). */
const guardedLookup: typeof dnsLookup = ((
  hostname: string,
  options: object,
  callback: (...args: unknown[]) => void,
) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error);
    if (inProduction() && addresses.some((entry) => !isPublicAddress(entry.address))) {
      return callback(new OutboundError('address', `${hostname} points to a private or local network.`));
    }
    if ((options as { all?: boolean }).all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
}) as typeof dnsLookup;

interface Answer {
  status: number;
  location: string | null;
  body: string;
}

function requestOnce(url: URL, limits: OutboundLimits, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.get(
      url,
      {
        lookup: guardedLookup,
        signal,
        headers: { accept: limits.accept ?? '*/*', 'accept-encoding': 'identity' },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location ?? null;
        if (status !== 200) {
          response.destroy();
          return resolve({ status, location, body: '' });
        }
        const declared = Number(response.headers['content-length']);
        if (declared > limits.maxBytes) {
          response.destroy();
          return reject(tooLarge(limits));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            response.destroy();
            request.destroy();
            return reject(tooLarge(limits));
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ status, location, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

const tooLarge = (limits: OutboundLimits) =>
  new OutboundError('too_large', `The answer is larger than ${Math.round(limits.maxBytes / 1024)} KB.`);

/** GETs `raw` as text within `limits`; throws OutboundError, whose message is a sentence for the person. */
export async function fetchPublicText(raw: string, limits: OutboundLimits): Promise<string> {
  const first = checkUrl(raw);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url = first;
  for (let hop = 0; ; hop++) {
    let answer: Answer;
    try {
      answer = await requestOnce(url, limits, signal);
    } catch (error) {
      if (error instanceof OutboundError) throw error;
      if (signal.aborted)
        throw new OutboundError('timeout', `No answer within ${limits.timeoutMs / 1000} seconds.`);
      throw new OutboundError('network', `${url.host} could not be reached.`);
    }
    if (answer.status === 200) return answer.body;
    if (![301, 302, 303, 307, 308].includes(answer.status) || !answer.location) {
      throw new OutboundError('status', `${url.host} answered with status ${answer.status}.`);
    }
    if (hop >= (limits.maxRedirects ?? 3)) throw new OutboundError('redirect', 'Too many redirects.');
    const next = checkUrl(answer.location, url);
    if (next.origin !== first.origin) {
      throw new OutboundError(
        'redirect',
        `The address redirects to another site (${next.origin}), which is not followed.`,
      );
    }
    url = next;
  }
}
