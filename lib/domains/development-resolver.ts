// The development resolver (DESIGN §10): a DNS server on 127.0.0.1 that answers TXT questions from the
// records a developer published on /dev/dns (the development_dns_records table), and NXDOMAIN for a name
// with none. The lookup (./dns.ts) points a real node:dns Resolver at it, so a newcomer verifies
// `acme.test` on their own machine through the code production runs. It runs inside the server process
// (instrumentation.ts starts it; the first lookup starts it otherwise, in `npm run worker` say), so
// `npm run dev` needs no second process. Its state lives on globalThis: Next may load this module twice.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { developmentDnsRecords } from '@/db/schema';
import { developmentDnsPort } from '../config';
import { startTxtServer, txtStrings, type TxtAnswer, type TxtServer } from './txt-server';

const STATE = Symbol.for('ai-hub.development-resolver');

type Holder = { [STATE]?: Promise<TxtServer> };

/** The published records at `name`, as the server answers them. */
async function answerFromTable(name: string, type: string): Promise<TxtAnswer> {
  const db = await getDb();
  const rows = await db
    .select({ value: developmentDnsRecords.value })
    .from(developmentDnsRecords)
    .where(eq(developmentDnsRecords.name, name))
    .orderBy(developmentDnsRecords.createdAt);
  if (rows.length === 0) return { rcode: 'NXDOMAIN' };
  // The name exists: a question for another type gets no records (NODATA), as from a real server.
  return { rcode: 'NOERROR', records: type === 'TXT' ? rows.map((row) => txtStrings(row.value)) : [] };
}

/** Starts the development resolver once per process (DEV_DNS_PORT, else a port the system chooses). */
export function startDevelopmentResolver(): Promise<TxtServer> {
  const holder = globalThis as Holder;
  holder[STATE] ??= startTxtServer(answerFromTable, { port: developmentDnsPort() }).then(
    (server) => {
      console.log(`[dns] the development resolver answers on ${server.address} (records from /dev/dns)`);
      return server;
    },
    (error: unknown) => {
      delete holder[STATE];
      throw error;
    },
  );
  return holder[STATE];
}

/** Its `127.0.0.1:<port>`, starting it if need be. */
export async function developmentResolverAddress(): Promise<string> {
  return (await startDevelopmentResolver()).address;
}

/** Stops it (tests). */
export async function stopDevelopmentResolver(): Promise<void> {
  const holder = globalThis as Holder;
  const running = holder[STATE];
  delete holder[STATE];
  if (running) await (await running).close();
}
