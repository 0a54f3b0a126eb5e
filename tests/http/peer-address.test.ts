// The connection address recorder (lib/http/peer-address.ts) on real sockets, with the mailbox's gate
// (lib/email/mailbox-access.ts) on what it records: a client's own X-Forwarded-For or peer-address
// header never stands in for its connection (finding 6 of issue 12, SECURITY.md).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxAllows } from '@/lib/email/mailbox-access';
import { PEER_ADDRESS_HEADER, peerAddress, recordPeerAddresses } from '@/lib/http/peer-address';

/** This machine's first address on a network interface (not loopback), if it has one. */
const outside = Object.values(os.networkInterfaces())
  .flat()
  .find((entry) => entry && !entry.internal && entry.family === 'IPv4')?.address;

let server: http.Server;
let port = 0;

/** What the server’s handler (standing in for a route) made of a request sent to the address `to`. */
function ask(to: string, headers: Record<string, string>) {
  return new Promise<{ peer: string | null; allowed: boolean }>((resolve, reject) => {
    const request = http.request({ host: to, port, path: '/', headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(JSON.parse(body)));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('recordPeerAddresses', () => {
  it('before it is installed, a peer-address header is worth nothing', () => {
    expect(peerAddress('127.0.0.1')).toBeNull();
  });

  describe('installed', () => {
    beforeAll(async () => {
      recordPeerAddresses();
      recordPeerAddresses(); // twice is once
      server = http.createServer((request, response) => {
        const header = request.headers[PEER_ADDRESS_HEADER];
        const peer = peerAddress(typeof header === 'string' ? header : null);
        const allowed = mailboxAllows({
          host: request.headers.host ?? null,
          remoteAddress: peer,
          publicUrl: `http://localhost:${port}`,
        });
        response.end(JSON.stringify({ peer, allowed }));
      });
      // Every interface, as `next start` without -H listens: IPv4 clients arrive as ::ffff:a.b.c.d.
      await new Promise<void>((resolve) => server.listen(0, resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('a client on 127.0.0.1 is recorded as such, over the address it claims in the header', async () => {
      const seen = await ask('127.0.0.1', { host: `localhost:${port}`, [PEER_ADDRESS_HEADER]: '192.0.2.99' });
      expect(seen.peer).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      expect(seen.allowed).toBe(true);
    });

    it.skipIf(!outside)(
      'a client on another address is refused, though it claims 127.0.0.1 in X-Forwarded-For and the peer header and names localhost',
      async () => {
        const seen = await ask(outside!, {
          host: `localhost:${port}`,
          'x-forwarded-for': '127.0.0.1',
          [PEER_ADDRESS_HEADER]: '127.0.0.1',
        });
        expect(seen.peer).toMatch(new RegExp(`^(::ffff:)?${outside!.replaceAll('.', '\\.')}$`));
        expect(seen.allowed).toBe(false);
      },
    );
  });
});
