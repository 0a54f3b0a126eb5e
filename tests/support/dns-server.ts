// A DNS server on 127.0.0.1 for the tests (dns2, through lib/domains/txt-server.ts): it serves the TXT
// records a test puts in memory, answers SERVFAIL for a name told to fail, and stays silent for a name
// told to time out. `useDnsServer()` starts one for a file and points DNS_SERVERS at it before each
// test, so that the code under test makes real lookups with node:dns, as in production.
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { startTxtServer, type TxtServer } from '@/lib/domains/txt-server';
import { verificationRecordName } from '@/lib/domains/record';

export interface TestDnsServer {
  /** `127.0.0.1:<port>`. */
  readonly address: string;
  /** Sets the TXT records at `name` (each record a string, or its strings when split in chunks). */
  setRecords(name: string, records: (string | string[])[]): void;
  /** Publishes `value` as the verification record of `domain` (one record; replaces what was there). */
  publish(domain: string, value: string | string[]): void;
  /** Answers SERVFAIL for `name`. */
  failFor(name: string): void;
  /** Never answers for `name` (the lookup times out). */
  silenceFor(name: string): void;
  /** Forgets every record, failure and silence. */
  reset(): void;
  /** How many questions it was asked. */
  readonly questions: number;
  close(): Promise<void>;
}

export async function startTestDnsServer(): Promise<TestDnsServer> {
  const records = new Map<string, string[][]>();
  const failing = new Set<string>();
  const silent = new Set<string>();
  let questions = 0;
  const key = (name: string) => name.toLowerCase().replace(/\.$/, '');
  const server: TxtServer = await startTxtServer((name, type) => {
    questions += 1;
    if (silent.has(name)) return { silent: true };
    if (failing.has(name)) return { rcode: 'SERVFAIL' };
    const found = records.get(name);
    if (!found) return { rcode: 'NXDOMAIN' };
    return { rcode: 'NOERROR', records: type === 'TXT' ? found : [] };
  });
  const setRecords = (name: string, list: (string | string[])[]) => {
    records.set(
      key(name),
      list.map((record) => (Array.isArray(record) ? record : [record])),
    );
  };
  return {
    address: server.address,
    get questions() {
      return questions;
    },
    setRecords,
    publish(domain, value) {
      setRecords(verificationRecordName(domain), [value]);
    },
    failFor(name) {
      failing.add(key(name));
    },
    silenceFor(name) {
      silent.add(key(name));
    },
    reset() {
      records.clear();
      failing.clear();
      silent.clear();
    },
    close: () => server.close(),
  };
}

/**
 * One server for the file, emptied and pointed at by DNS_SERVERS (one try, `timeoutMs` each) before
 * each test.
 */
export function useDnsServer(options: { timeoutMs?: number } = {}): () => TestDnsServer {
  let server: TestDnsServer | undefined;
  beforeAll(async () => {
    server = await startTestDnsServer();
  });
  beforeEach(() => {
    server!.reset();
    vi.stubEnv('DNS_SERVERS', server!.address);
    vi.stubEnv('DNS_TIMEOUT_MS', String(options.timeoutMs ?? 300));
    vi.stubEnv('DNS_TRIES', '1');
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => server!;
}
