// A fake Resend API on 127.0.0.1 for the invitation figures: answers POST /emails and
// POST /emails/batch like Resend does and counts the calls. The app reaches it through RESEND_BASE_URL.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeEmailApi {
  baseUrl: string;
  calls: { batch: number; single: number; messages: number };
  reset(): void;
  close(): Promise<void>;
}

export function startFakeEmailApi(): Promise<FakeEmailApi> {
  const api = {
    baseUrl: '',
    calls: { batch: 0, single: 0, messages: 0 },
    reset() {
      api.calls = { batch: 0, single: 0, messages: 0 };
    },
  } as FakeEmailApi;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && path === '/emails/batch' && Array.isArray(body)) {
        api.calls.batch++;
        api.calls.messages += body.length;
        res.end(JSON.stringify({ data: body.map(() => ({ id: randomUUID() })) }));
      } else if (req.method === 'POST' && path === '/emails') {
        api.calls.single++;
        api.calls.messages++;
        res.end(JSON.stringify({ id: randomUUID() }));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ statusCode: 404, name: 'not_found', message: `No route ${req.method} ${path}` }));
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      api.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      api.close = () => {
        server.closeAllConnections();
        return new Promise<void>((done) => server.close(() => done()));
      };
      resolve(api);
    });
  });
}
