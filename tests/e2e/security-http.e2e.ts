// Findings of the security review of issue 12 (SECURITY.md), from outside, against the `next start` of
// the global setup (public URL http://localhost:<port>, listening on 127.0.0.1, the development mailbox
// on, a webhook secret set):
//   - the delivery webhook stops reading a chunked body at its cap and answers 413 while the client is
//     still sending, and the server goes on answering (finding 5);
//   - the development mailbox answers 404 to a Host that is not the public URL's, a rebinding name among
//     them (finding 6; a client elsewhere is refused too, which a server on 127.0.0.1 cannot show:
//     tests/http/peer-address.test.ts);
//   - the CSV export runs only for a request the browser marks same-origin or none, or a client that
//     sends no Sec-Fetch-Site at all, which no browser does (finding 11).
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { baseUrl, signIn, useBrowser } from './support/browser';
import { rawRequest } from './support/http';
import { cookieHeader, fresh, securityFigures } from './support/security';
import { postResendEvent } from './support/webhook';

const figures = securityFigures('http');

interface ChunkedOutcome {
  status: number;
  /** Bytes the client had handed to its socket when the answer's status line arrived. */
  sentWhenAnswered: number;
  /** Whether the client had finished the body by then. */
  finished: boolean;
  /** The answer's Connection header. */
  connection: string | undefined;
}

/**
 * POSTs a body of `total` bytes to `path` with Transfer-Encoding: chunked and no Content-Length, one
 * 64 KiB chunk at a time, each after the socket has taken the last (so the client never runs ahead of
 * what the server reads by more than the socket buffers). Stops writing as soon as an answer arrives.
 */
function postChunked(path: string, total: number, headers: Record<string, string> = {}) {
  const target = new URL(baseUrl());
  const chunk = Buffer.alloc(64 * 1024, 'x');
  return new Promise<ChunkedOutcome>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request({
      host: '127.0.0.1',
      port: Number(target.port),
      method: 'POST',
      path,
      headers: { host: target.host, 'content-type': 'application/json', ...headers },
    });
    // No Content-Length: Node sends the body chunked.
    request.on('response', (response) => {
      answered = true;
      const outcome = {
        status: response.statusCode ?? 0,
        sentWhenAnswered: sent,
        finished: sent >= total,
        connection: response.headers.connection,
      };
      response.resume();
      response.on('end', () => {
        request.destroy();
        resolve(outcome);
      });
    });
    request.on('error', (error) => {
      // Writing on after the server has answered and closed is expected; anything before is not.
      if (!answered) reject(error);
    });
    const pump = () => {
      if (answered) return;
      if (sent >= total) {
        request.end();
        return;
      }
      sent += chunk.length;
      if (request.write(chunk)) setImmediate(pump);
      else request.once('drain', pump);
    };
    pump();
  });
}

describe('finding 5: the delivery webhook reads no further than its cap', () => {
  test('a chunked 128 MB body without Content-Length is answered 413 while the client has sent under a tenth of it, and the server answers afterwards', async () => {
    const total = 128 * 1024 * 1024;
    const outcome = await postChunked('/api/webhooks/resend', total, {
      'svix-id': `msg_${randomBytes(8).toString('hex')}`,
      'svix-timestamp': String(Math.floor(Date.now() / 1000)),
      'svix-signature': 'v1,not-a-signature',
    });
    expect(outcome.status).toBe(413);
    expect(outcome.finished, 'the answer came before the body was finished').toBe(false);
    expect(outcome.sentWhenAnswered).toBeLessThan(total / 10);
    expect(outcome.connection, 'the rest is not waited for').toBe('close');
    // The server is still there: a small unsigned event is answered (401, not a dropped connection).
    expect(await postResendEvent('email.delivered', 'after-the-flood', {}, { signed: false })).toBe(401);
    figures.push([
      'webhook: chunked 128 MB body, bytes sent when 413 arrived',
      `${(outcome.sentWhenAnswered / 1024 / 1024).toFixed(1)} MB`,
    ]);
  });
});

describe('finding 6: the development mailbox (and the development DNS page) serve only their own host', () => {
  // /dev/dns publishes the records the development resolver answers (issue 15): behind the same gate.
  const MAILBOX_PATHS = ['/dev/mailbox', '/dev/mailbox/messages', '/dev/emails', '/dev/dns'];

  test('a forged Host (a rebinding name, another port, a look-alike) gets 404 on every development route; localhost and 127.0.0.1 on the public port get 200', async () => {
    const { port } = new URL(baseUrl());
    const forged = [
      `attacker.example:${port}`,
      'attacker.example',
      `localhost.attacker.example:${port}`,
      `127.0.0.1.attacker.example:${port}`,
      `localhost:${Number(port) + 1}`,
    ];
    let refused = 0;
    for (const path of MAILBOX_PATHS) {
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
        const response = await rawRequest(baseUrl(), { path, headers: { host } });
        expect(response.status, `${path} with Host ${host}`).toBe(200);
      }
      for (const host of forged) {
        const response = await rawRequest(baseUrl(), { path, headers: { host } });
        expect.soft(response.status, `${path} with Host ${host}`).toBe(404);
        expect
          .soft(response.body.includes('Inbox'), `${path} with Host ${host}: no message shown`)
          .toBe(false);
        refused += 1;
      }
    }
    figures.push(['development routes (mailbox, DNS) × forged Host, answered 404', refused]);
  });

  test('a client’s own X-Forwarded-For or peer-address header changes nothing: a loopback client is served whatever it claims, a foreign Host is refused whatever it claims', async () => {
    const { port } = new URL(baseUrl());
    const own = await rawRequest(baseUrl(), {
      path: '/dev/mailbox/messages',
      headers: {
        host: `localhost:${port}`,
        'x-forwarded-for': '198.51.100.7',
        'x-aihub-peer-address': '198.51.100.7',
      },
    });
    expect(own.status).toBe(200);
    const rebinding = await rawRequest(baseUrl(), {
      path: '/dev/mailbox/messages',
      headers: {
        host: `attacker.example:${port}`,
        'x-forwarded-for': '127.0.0.1',
        'x-aihub-peer-address': '127.0.0.1',
      },
    });
    expect(rebinding.status).toBe(404);
  });
});

describe('finding 11: the CSV export runs only for a request from the console itself', () => {
  const chromium = useBrowser();

  test('Sec-Fetch-Site same-site and cross-site are refused with 403; same-origin, none and no header at all are served', async () => {
    const { context, page } = await chromium.open();
    await signIn(page, fresh('export-owner'));
    await page.getByLabel('Organization name').fill(`Export ${randomBytes(2).toString('hex')}`);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/admin\/[^/]+\/users/);
    const slug = new URL(page.url()).pathname.split('/')[2];
    const cookie = await cookieHeader(context, baseUrl());
    const exportWith = async (site: string | null) => {
      const response = await rawRequest(baseUrl(), {
        path: `/admin/${slug}/users/export`,
        headers: { cookie, ...(site === null ? {} : { 'sec-fetch-site': site }) },
      });
      return { status: response.status, csv: response.body.includes('"Email","Name","Role"') };
    };
    for (const site of ['same-site', 'cross-site']) {
      expect(await exportWith(site), site).toEqual({ status: 403, csv: false });
    }
    for (const site of ['same-origin', 'none', null]) {
      expect(await exportWith(site), String(site)).toEqual({ status: 200, csv: true });
    }
    figures.push(['export: Sec-Fetch-Site refused / served', '2 / 3']);
  });
});
