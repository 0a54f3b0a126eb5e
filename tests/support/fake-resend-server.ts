// A fake Resend API on 127.0.0.1 for the email tests and the benchmark. It records every request and answers according to
// its mode, which a test may switch at any time:
//   ok       POST /emails → { id }, POST /emails/batch → { data: [{ id }, ...] } (one per message)
//   error500 500 with Resend's JSON error body
//   error422 422 with Resend's validation error body (a refusal that no retry changes)
//   hang     never answers (the app's EMAIL_TIMEOUT_MS must give up)
//   slow     answers as `ok` after `slowMs`
//
// No test runner in here, so that the benchmark can load it; tests use ./fake-resend.ts.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeResendMode = 'ok' | 'error500' | 'error422' | 'hang' | 'slow';

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-cased header names, as node gives them. */
  headers: http.IncomingHttpHeaders;
  idempotencyKey: string | undefined;
  /** The parsed JSON body (undefined when there was none or it was not JSON). */
  body: unknown;
}

/** One message as the app posts it to Resend. */
export interface PostedEmail {
  from: string;
  to: string | string[];
  subject: string;
  html?: string;
  text?: string;
  tags?: { name: string; value: string }[];
}

export interface FakeResend {
  port: number;
  baseUrl: string;
  requests: RecordedRequest[];
  mode: FakeResendMode;
  /** Delay of the `slow` mode. */
  slowMs: number;
  setMode(mode: FakeResendMode, options?: { slowMs?: number }): void;
  /** Answers the next `times` requests with 500, whatever the mode, then goes back to it. */
  failNext(times: number): void;
  /** Forgets the recorded requests (the mode stays). */
  reset(): void;
  /** Every message posted so far, single sends and batches flattened, in order. */
  emails(): PostedEmail[];
  /** The messages the fake accepted and would have sent: each once, a replayed idempotency key adding none. */
  delivered(): PostedEmail[];
  close(): Promise<void>;
}

let nextId = 0;
const emailId = () => `fake-${++nextId}-${randomBytes(4).toString('hex')}`;

/** A fake on a free port of 127.0.0.1, answering `ok`. */
export async function startFakeResend(): Promise<FakeResend> {
  const fake = createFakeResend();
  await fake.listen();
  return fake;
}

/** A fake that listens once `listen()` is called (so a test file can hold it before its hooks run). */
export function createFakeResend(): FakeResend & { listen(): Promise<void> } {
  const sockets = new Set<import('node:net').Socket>();
  let failNext = 0;
  // Like Resend: a call whose Idempotency-Key was answered with success before gets the same answer, and
  // sends nothing again.
  const replies = new Map<string, string>();
  const accepted: PostedEmail[] = [];
  const fake = {
    port: 0,
    baseUrl: '',
    requests: [] as RecordedRequest[],
    mode: 'ok',
    slowMs: 200,
  } as FakeResend;

  const answerOk = (req: http.IncomingMessage, res: http.ServerResponse, body: unknown) => {
    const path = (req.url ?? '').split('?')[0];
    res.setHeader('content-type', 'application/json');
    const key = req.headers['idempotency-key'];
    const replayKey = typeof key === 'string' ? `${path} ${key}` : undefined;
    const replay = replayKey ? replies.get(replayKey) : undefined;
    if (replay) {
      res.end(replay);
      return;
    }
    const remember = (reply: string) => {
      if (replayKey) replies.set(replayKey, reply);
      res.end(reply);
    };
    if (req.method === 'POST' && path === '/emails/batch') {
      const count = Array.isArray(body) ? body.length : 0;
      if (Array.isArray(body)) accepted.push(...(body as PostedEmail[]));
      remember(JSON.stringify({ data: Array.from({ length: count }, () => ({ id: emailId() })) }));
    } else if (req.method === 'POST' && path === '/emails') {
      accepted.push(body as PostedEmail);
      remember(JSON.stringify({ id: emailId() }));
    } else {
      res.statusCode = 404;
      res.end(
        JSON.stringify({ statusCode: 404, name: 'not_found', message: `No route ${req.method} ${path}` }),
      );
    }
  };

  const answerError = (res: http.ServerResponse, statusCode: number, name: string, message: string) => {
    res.statusCode = statusCode;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ statusCode, name, message }));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const key = req.headers['idempotency-key'];
      fake.requests.push({
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0],
        headers: req.headers,
        idempotencyKey: Array.isArray(key) ? key[0] : key,
        body,
      });
      if (failNext > 0) {
        failNext--;
        answerError(res, 500, 'internal_server_error', 'The fake API is down.');
        return;
      }
      switch (fake.mode) {
        case 'ok':
          answerOk(req, res, body);
          return;
        case 'slow':
          setTimeout(() => answerOk(req, res, body), fake.slowMs);
          return;
        case 'hang':
          return; // never answer; close() destroys the socket
        case 'error500':
          answerError(res, 500, 'internal_server_error', 'The fake API is down.');
          return;
        case 'error422':
          answerError(res, 422, 'validation_error', 'The `to` field must be a valid email address.');
          return;
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.port = (server.address() as AddressInfo).port;
    fake.baseUrl = `http://127.0.0.1:${fake.port}`;
  };

  fake.failNext = (times) => {
    failNext = times;
  };
  fake.setMode = (mode, options = {}) => {
    fake.mode = mode;
    if (options.slowMs !== undefined) fake.slowMs = options.slowMs;
  };
  fake.reset = () => {
    fake.requests.length = 0;
    accepted.length = 0;
    replies.clear();
    failNext = 0;
  };
  fake.delivered = () => [...accepted];
  fake.emails = () =>
    fake.requests.flatMap((request) => {
      if (request.path === '/emails/batch' && Array.isArray(request.body))
        return request.body as PostedEmail[];
      if (request.path === '/emails' && request.body) return [request.body as PostedEmail];
      return [];
    });
  fake.close = async () => {
    if (!server.listening) return;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return Object.assign(fake, { listen });
}
