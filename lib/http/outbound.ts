// Requests this server sends to an address an organization's admin typed (an OpenID issuer, a SAML
// metadata URL): a stranger who owns an organization chooses where they go. So each one is held to a
// time-out (connection, answer and whole body together), a cap on what is read, no redirects, plain http
// only to this machine outside production, and in production never to an address on this machine or its
// private networks (SSRF: cloud metadata at 169.254.169.254, an admin page on 10.x). The address is
// checked when the socket connects (node's `lookup` hook), not in a separate look-up before it, so a name
// that answers a public address first and 127.0.0.1 next (DNS rebinding) is still refused.
import 'server-only';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
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
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
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

/**
 * A `fetch` for `policy` (the shape openid-client's customFetch takes). Never follows a redirect (the
 * 3xx comes back as it is), never asks for a compressed body (a small zip expanding past the cap in
 * memory), and throws OutboundFetchError on every refusal or failure.
 */
export function outboundFetch(policy: OutboundPolicy) {
  return async (input: string | URL, init: OutboundInit = {}): Promise<Response> => {
    const url = new URL(input);
    const refusal = outboundUrlRefusal(url, policy);
    if (refusal) throw refusal;
    const body = await bodyBytes(init.body);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      if (name !== 'accept-encoding') headers[name] = value;
    });
    if (body) {
      headers['content-length'] = String(body.byteLength);
      if (init.body instanceof URLSearchParams && !headers['content-type']) {
        headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
      }
    }
    const method = init.method ?? 'GET';
    return send(url, { method, headers, body, signal: init.signal ?? undefined }, policy);
  };
}

/** What openid-client (and a caller) hands the fetch: the shape of its CustomFetch options. */
export interface OutboundInit {
  method?: string;
  headers?: Record<string, string> | Headers | [string, string][];
  body?: string | URLSearchParams | Uint8Array | ArrayBuffer | ReadableStream | null;
  signal?: AbortSignal | null;
  redirect?: string;
}

async function bodyBytes(body: OutboundInit['body']): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (body instanceof ReadableStream) return Buffer.from(await new Response(body).arrayBuffer());
  if (typeof body === 'string' || body instanceof URLSearchParams)
    return Buffer.from(body.toString(), 'utf8');
  return Buffer.from(body instanceof ArrayBuffer ? new Uint8Array(body) : body);
}

interface Outgoing {
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  signal: AbortSignal | undefined;
}

function send(url: URL, outgoing: Outgoing, policy: OutboundPolicy): Promise<Response> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(url, {
      method: outgoing.method,
      headers: outgoing.headers,
      lookup: policy.production ? publicOnlyLookup : undefined,
      agent: false,
    });
    let settled = false;
    const fail = (error: OutboundFetchError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outgoing.signal?.removeEventListener('abort', onAbort);
      request.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () =>
        fail(
          new OutboundFetchError(
            'timeout',
            `${url.host} did not answer within ${policy.timeoutMs / 1000} s.`,
          ),
        ),
      policy.timeoutMs,
    );
    const onAbort = () =>
      fail(new OutboundFetchError('timeout', `The request to ${url.host} was cut short.`));
    if (outgoing.signal?.aborted) return onAbort();
    outgoing.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error) =>
      fail(
        error instanceof OutboundFetchError
          ? error
          : new OutboundFetchError('unreachable', `${url.host} could not be reached (${errorCode(error)}).`),
      ),
    );
    request.on('response', (response) => {
      const declared = Number(response.headers['content-length']);
      if (declared > policy.maxBytes) return fail(tooLarge(url, policy));
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.byteLength;
        if (size > policy.maxBytes) return fail(tooLarge(url, policy));
        chunks.push(chunk);
      });
      response.on('error', () =>
        fail(new OutboundFetchError('unreachable', `${url.host} broke off its answer.`)),
      );
      response.on('end', () => {
        if (settled) return;
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 599) {
          return fail(new OutboundFetchError('unreachable', `${url.host} answered with status ${status}.`));
        }
        settled = true;
        clearTimeout(timer);
        outgoing.signal?.removeEventListener('abort', onAbort);
        resolve(toResponse(response, status, Buffer.concat(chunks)));
      });
    });
    request.end(outgoing.body);
  });
}

function tooLarge(url: URL, policy: OutboundPolicy): OutboundFetchError {
  return new OutboundFetchError(
    'too_large',
    `${url.host} answered with more than ${Math.round(policy.maxBytes / 1024)} KB, more than this server reads.`,
  );
}

function errorCode(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : 'connection failed';
}

function toResponse(response: http.IncomingMessage, status: number, body: Buffer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const empty = status === 204 || status === 205 || status === 304;
  return new Response(empty ? null : new Uint8Array(body), { status, headers });
}

/**
 * GETs `raw` as text under `policy`, following at most `maxRedirects` redirects, each within the first
 * address's origin (a redirect elsewhere is refused, not followed). Throws OutboundFetchError.
 */
export async function fetchText(
  raw: string,
  policy: OutboundPolicy,
  options: { maxRedirects?: number; accept?: string } = {},
): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundFetchError('unreachable', 'The address is not a URL.');
  }
  const first = url;
  const request = outboundFetch(policy);
  for (let hop = 0; ; hop++) {
    const response = await request(url, { headers: { accept: options.accept ?? '*/*' } });
    if (response.ok) return response.text();
    const location = response.headers.get('location');
    if (![301, 302, 303, 307, 308].includes(response.status) || !location)
      throw new OutboundFetchError('unreachable', `${url.host} answered with status ${response.status}.`);
    if (hop >= (options.maxRedirects ?? 3))
      throw new OutboundFetchError('unreachable', 'Too many redirects.');
    const next = new URL(location, url);
    if (next.origin !== first.origin)
      throw new OutboundFetchError(
        'forbidden_address',
        `The address redirects to another site (${next.origin}), which is not followed.`,
      );
    url = next;
  }
}
