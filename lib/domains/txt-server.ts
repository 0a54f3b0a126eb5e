// A small authoritative DNS server on 127.0.0.1 that answers TXT questions, on dns2: UDP and TCP on one
// port, as a real server (an answer too big for UDP is sent truncated, and the resolver asks again over
// TCP on the same port). The development resolver (./development-resolver.ts) answers from the records
// published on /dev/dns, the tests' server (tests/support/dns-server.ts) from memory; both point a real
// node:dns Resolver at it (./dns.ts), so the lookup runs the code production runs.
import 'server-only';
import type { Socket } from 'node:net';
import DNS from 'dns2';

const { Packet, TCPServer, UDPServer } = DNS;

/** What the server says to a question: records (each a TXT record's strings), no such name, a failure, or nothing. */
export type TxtAnswer =
  | { rcode: 'NOERROR'; records: string[][] }
  | { rcode: 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' }
  | { silent: true };

/** Answers a question for `name` (lower-case, no trailing dot) of record type `type` (TYPE_NAME: 'TXT', 'A', ...). */
export type TxtHandler = (name: string, type: string) => Promise<TxtAnswer> | TxtAnswer;

export interface TxtServer {
  /** `127.0.0.1:<port>`, as DNS_SERVERS and node:dns's setServers take it. */
  address: string;
  port: number;
  close(): Promise<void>;
}

/** A TXT character-string holds at most 255 bytes: `value` cut into such strings, never inside a character. */
export function txtStrings(value: string): string[] {
  const strings: string[] = [];
  let current = '';
  let bytes = 0;
  for (const character of value) {
    const size = Buffer.byteLength(character);
    if (bytes + size > 255) {
      strings.push(current);
      current = '';
      bytes = 0;
    }
    current += character;
    bytes += size;
  }
  strings.push(current);
  return strings;
}

function respond(handler: TxtHandler, onError: (error: unknown) => void) {
  return (request: DNS.Packet, send: (response: DNS.Packet) => Promise<unknown>) => {
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    const [question] = request.questions;
    const reply = async () => {
      if (!question || request.errors?.length) {
        response.header.rcode = Packet.RCODE.FORMERR;
        return send(response);
      }
      const name = question.name.toLowerCase().replace(/\.$/, '');
      const answer = await handler(name, Packet.TYPE_NAME[question.type] ?? String(question.type));
      if ('silent' in answer) return;
      response.header.rcode = Packet.RCODE[answer.rcode];
      if (answer.rcode === 'NOERROR' && question.type === Packet.TYPE.TXT)
        for (const strings of answer.records)
          response.answers.push({
            name: question.name,
            type: Packet.TYPE.TXT,
            class: Packet.CLASS.IN,
            ttl: 0,
            data: strings,
          } as DNS.Packet.Resource);
      return send(response);
    };
    reply().catch((error: unknown) => {
      onError(error);
      response.header.rcode = Packet.RCODE.SERVFAIL;
      response.answers = [];
      send(response).catch(() => {});
    });
  };
}

function listenUdp(server: DNS.UDPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.bind(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

function listenTcp(server: DNS.TCPServer, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Starts a server on 127.0.0.1 at `port` (0: one the system chooses, free for UDP and TCP alike).
 * `onError` hears a handler's failure (the question is answered SERVFAIL).
 */
export async function startTxtServer(
  handler: TxtHandler,
  options: { port?: number; onError?: (error: unknown) => void } = {},
): Promise<TxtServer> {
  const onError =
    options.onError ?? ((error) => console.error('[dns] a question could not be answered', error));
  const handle = respond(handler, onError);
  let lastError: unknown;
  // A port the system chose for UDP may be taken for TCP: choose again, a few times.
  for (let attempt = 0; attempt < 5; attempt++) {
    const udp = new UDPServer(handle);
    const tcp = new TCPServer(handle);
    udp.on('requestError', () => {});
    tcp.on('requestError', () => {});
    // Closing waits for open connections: a resolver may keep its TCP connection, so they are cut.
    const sockets = new Set<Socket>();
    tcp.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    try {
      const port = await listenUdp(udp, options.port ?? 0);
      await listenTcp(tcp, port);
      return {
        address: `127.0.0.1:${port}`,
        port,
        close: () =>
          Promise.all([
            new Promise<void>((resolve) => udp.close(() => resolve())),
            new Promise<void>((resolve) => {
              tcp.close(() => resolve());
              for (const socket of sockets) socket.destroy();
            }),
          ]).then(() => {}),
      };
    } catch (error) {
      lastError = error;
      udp.close();
      tcp.close();
      if (options.port) break;
    }
  }
  throw lastError;
}
