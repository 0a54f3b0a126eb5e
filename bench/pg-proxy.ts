// A counting TCP proxy between a PostgreSQL client and the server, on 127.0.0.1. Every byte is passed
// on unchanged; the client's side of the wire protocol is read as it goes by, so the benchmark counts
// the SQL statements a page view really sends instead of guessing them.
//
// What it counts: each Execute message ('E', extended protocol: what postgres.js sends for a query with
// parameters, and for `commit`) and each simple Query message ('Q': postgres.js sends `begin`, and any
// query without parameters, this way). One statement = one E or one Q, transaction control (BEGIN,
// COMMIT, ROLLBACK) included; those are also counted on their own. Parse/Bind/Describe/Sync are not
// statements and are not counted. The statement's text is taken from the Parse message of the
// statement that the Execute's portal was bound to.
//
// The job queue's own connections (application_name JOBS_APPLICATION_NAME: polling, schedules) are passed
// through and not counted: they are not part of any page view.
//
// Run as a child process (`fork`): it answers { cmd: 'reset' } and { cmd: 'read' } over IPC.
import net from 'node:net';
import { JOBS_APPLICATION_NAME } from '../lib/jobs/application-name';

export interface StatementRecord {
  kind: 'E' | 'Q';
  text: string;
}

export interface ProxyCounts {
  /** Execute + simple Query messages, transaction control included. */
  statements: number;
  executes: number;
  simpleQueries: number;
  begins: number;
  commits: number;
  rollbacks: number;
  /** The client connections opened since the last reset. */
  connections: number;
  /** The statements since the last reset, in order (text cut to 400 characters, at most 2,000 kept). */
  log: StatementRecord[];
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const MAX_LOG = 2000;

function emptyCounts(): ProxyCounts {
  return {
    statements: 0,
    executes: 0,
    simpleQueries: 0,
    begins: 0,
    commits: 0,
    rollbacks: 0,
    connections: 0,
    log: [],
  };
}

function cString(buffer: Buffer, start: number): [string, number] {
  const end = buffer.indexOf(0, start);
  if (end < 0) return [buffer.toString('utf8', start), buffer.length];
  return [buffer.toString('utf8', start, end), end + 1];
}

export function startCountingProxy(
  target: { host: string; port: number },
  listenPort = 0,
): Promise<{
  port: number;
  reset(): void;
  read(): ProxyCounts;
  close(): Promise<void>;
}> {
  let counts = emptyCounts();
  const sockets = new Set<net.Socket>();

  function record(kind: 'E' | 'Q', text: string) {
    counts.statements++;
    if (kind === 'E') counts.executes++;
    else counts.simpleQueries++;
    const head = text.trimStart().slice(0, 10).toLowerCase();
    if (head.startsWith('begin') || head.startsWith('start tran')) counts.begins++;
    else if (head.startsWith('commit') || head.startsWith('end')) counts.commits++;
    else if (head.startsWith('rollback')) counts.rollbacks++;
    if (counts.log.length < MAX_LOG)
      counts.log.push({ kind, text: text.replace(/\s+/g, ' ').trim().slice(0, 400) });
  }

  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);

    // Per connection: statement name → text, portal name → statement name.
    const statements = new Map<string, string>();
    const portals = new Map<string, string>();
    let startup = true;
    let counted = true;
    let pending: Buffer = Buffer.alloc(0);

    /** The startup message's parameters (name, value pairs after the protocol version). */
    function startupParameters(message: Buffer): Map<string, string> {
      const parameters = new Map<string, string>();
      let at = 8;
      while (at < message.length && message[at] !== 0) {
        const [name, next] = cString(message, at);
        const [value, after] = cString(message, next);
        parameters.set(name, value);
        at = after;
      }
      return parameters;
    }

    function parse() {
      for (;;) {
        if (startup) {
          if (pending.length < 8) return;
          const length = pending.readInt32BE(0);
          if (pending.length < length) return;
          const code = pending.readInt32BE(4);
          if (code === PROTOCOL_3) {
            counted =
              startupParameters(pending.subarray(0, length)).get('application_name') !==
              JOBS_APPLICATION_NAME;
            if (counted) counts.connections++;
          }
          pending = pending.subarray(length);
          // An SSL or GSS request is followed by another untyped startup message; anything else ends it.
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
          if (code === CANCEL_REQUEST) return;
          continue;
        }
        if (pending.length < 5) return;
        const type = String.fromCharCode(pending[0]);
        const total = 1 + pending.readInt32BE(1);
        if (pending.length < total) return;
        const body = pending.subarray(5, total);
        pending = pending.subarray(total);
        if (type === 'P') {
          const [name, next] = cString(body, 0);
          const [text] = cString(body, next);
          statements.set(name, text);
        } else if (type === 'B') {
          const [portal, next] = cString(body, 0);
          const [statement] = cString(body, next);
          portals.set(portal, statement);
        } else if (type === 'E') {
          const [portal] = cString(body, 0);
          record('E', statements.get(portals.get(portal) ?? '') ?? '(unknown statement)');
        } else if (type === 'Q') {
          record('Q', cString(body, 0)[0]);
        }
      }
    }

    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      if (!startup && !counted) return;
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      parse();
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        port,
        reset() {
          counts = emptyCounts();
        },
        read() {
          return { ...counts, log: [...counts.log] };
        },
        close() {
          for (const socket of sockets) socket.destroy();
          return new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}

// As a child process: `fork('bench/pg-proxy.ts', [host, port])`; says { ready: port } once listening.
if (process.send && process.argv[2] && process.argv[3]) {
  const proxy = await startCountingProxy({ host: process.argv[2], port: Number(process.argv[3]) });
  process.on('message', (message: { cmd: string; id: number }) => {
    if (message.cmd === 'reset') {
      proxy.reset();
      process.send!({ id: message.id, ok: true });
    } else if (message.cmd === 'read') {
      process.send!({ id: message.id, counts: proxy.read() });
    } else if (message.cmd === 'close') {
      void proxy.close().then(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: proxy.port });
}
