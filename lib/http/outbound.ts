// Requests this server sends to an address an organization's admin typed (an OpenID issuer, a SAML
// metadata URL): a stranger who owns an organization chooses where they go. So each one is held to a
// time-out (connection, answer and whole body together), a cap on what is read, no redirects, plain http
// only to this machine outside production, and in production never to an address on this machine or its
// private networks (SSRF: cloud metadata at 169.254.169.254, an admin page on 10.x). The address is
// checked when the socket connects (node's `lookup` hook), not in a separate look-up before it, so a name
// that answers a public address first and 127.0.0.1 next (DNS rebinding) is still refused.
import 'server-only';
import http from 'node:http';
import https from 'node:https';
import {
  OutboundFetchError,
  outboundUrlRefusal,
  publicOnlyLookup,
  type OutboundPolicy,
} from './outbound-policy';

export {
  isPublicAddress,
  OutboundFetchError,
  outboundPolicy,
  outboundUrlRefusal,
  type OutboundFailure,
  type OutboundPolicy,
} from './outbound-policy';

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
