// `npm run bench [-- --quick] [-- --skip-build | --build]`: the scale benchmark (issue 4).
//
// Against a real PostgreSQL (BENCH_DATABASE_URL, else DATABASE_URL, else postgres://root@127.0.0.1:5432/
// postgres as the admin URL) it makes a database of its own, seeds a large organization (10,000 members
// + 1,000 invitations) and a small one (100 members + 10 invitations) with db/seed.ts, builds the app,
// and starts one `next start` per size on 127.0.0.1 behind a counting PostgreSQL proxy, signs each
// Owner in through the real magic-link flow and loads the users page and the signed-in home page (the
// control) with autocannon, the two sizes in turn. Then, in this process, it times bulk role changes
// and removals of 1,000
// members through lib/members beside one bare UPDATE of the same rows, and an invitation of 100
// addresses through lib/invitations against a fake email API. It prints one table, writes the raw
// figures to .bench/<timestamp>.json, drops its database, and exits non-zero only when it could not
// run (a missed target is reported, not an error).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPostgres, setDatabaseHandle, type Database, type DatabaseHandle } from '@/db/client';
import { seedOrganization } from '@/db/seed';
import { changeRoles, removeMembers } from '@/lib/members';
import { inviteMembers } from '@/lib/invitations';
import { rows, uuidArray } from '@/lib/sql';
import type { Actor } from '@/lib/actor';
import { startFakeEmailApi } from './fake-email-api';
import { counted, load, pageView, startProxyProcess, view, waitUntilQuiet, type LoadResult, type ProxyClient } from './measure';
import type { ProxyCounts } from './pg-proxy';
import { root } from '../tests/support/next-server';
import { build, buildIsFresh, cpuMs, hasBuild, processTree, rssBytes, startServer, type Server } from './server';
import { formatTable, type Row } from './report';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
  },
});
const quick = flags.quick!;

const config = quick
  ? {
      small: { members: 20, invitations: 2 },
      large: { members: 200, invitations: 20 },
      connections: 10,
      // autocannon works in whole seconds.
      warmupS: 1,
      durationS: 1,
      bulkSize: 25,
      bulkRepeats: 3,
      inviteSize: 100,
      inviteRepeats: 1,
      viewSamples: 2,
    }
  : {
      small: { members: 100, invitations: 10 },
      large: { members: 10_000, invitations: 1_000 },
      connections: 10,
      warmupS: 5,
      durationS: 15,
      bulkSize: 1_000,
      bulkRepeats: 5,
      inviteSize: 100,
      inviteRepeats: 3,
      viewSamples: 3,
    };

const outDir = path.join(root, '.bench');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const logDir = path.join(outDir, `${stamp}${quick ? '-quick' : ''}`);

const startedAt = Date.now();
function log(message: string) {
  process.stdout.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
}

class CouldNotRun extends Error {}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

// ---------------------------------------------------------------------------------------------------
// The database

function adminUrl(): string {
  return process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/postgres';
}

async function createDatabase(admin: string) {
  const name = `aihub_bench_${randomBytes(5).toString('hex')}`;
  const client = postgres(admin, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  let version = '';
  try {
    version = (await client`SHOW server_version`)[0]!.server_version as string;
    await client.unsafe(`CREATE DATABASE ${name}`);
  } catch (error) {
    throw new CouldNotRun(`Could not create a database on ${redact(admin)}: ${(error as Error).message}`);
  } finally {
    await client.end({ timeout: 5 });
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    version,
    async drop() {
      // Only the database this run created.
      const again = postgres(admin, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.end({ timeout: 5 });
      }
    },
  };
}

function redact(url: string) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function viaProxy(url: string, proxyPort: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(proxyPort);
  return parsed.toString();
}

interface SeededOrg {
  label: string;
  members: number;
  invitations: number;
  id: string;
  slug: string;
  owner: Actor;
  domain: string;
  /** Rows of the user table (members + pending invitations). */
  rows: number;
}

async function seed(db: Database, label: string, size: { members: number; invitations: number }, domain: string): Promise<SeededOrg> {
  const { slug, ownerEmail } = await seedOrganization(db, { name: `Bench ${label}`, ...size, domain });
  const [org] = await rows<{ id: string; owner_id: string; owner_name: string | null; rows: number }>(
    db,
    sql`SELECT o.id, u.id AS owner_id, u.name AS owner_name,
          ((SELECT count(*) FROM memberships m WHERE m.organization_id = o.id)
           + (SELECT count(*) FROM invitations i WHERE i.organization_id = o.id AND i.status = 'pending'))::int AS rows
        FROM organizations o JOIN users u ON u.email = ${ownerEmail}
        WHERE o.slug = ${slug}`,
  );
  return {
    label,
    ...size,
    id: org!.id,
    slug,
    domain,
    owner: { userId: org!.owner_id, email: ownerEmail, name: org!.owner_name },
    rows: org!.rows,
  };
}

// ---------------------------------------------------------------------------------------------------
// Pages

interface Scenario {
  key: 'default' | 'search' | 'role' | 'last' | 'control';
  label: string;
  path: (org: SeededOrg) => string;
}

const PAGE_SIZE = 25;
const scenarios: Scenario[] = [
  { key: 'default', label: 'users page, default view', path: (org) => `/admin/${org.slug}/users` },
  // About one person in twelve is a Hopper: a search that matches many rows at every size.
  { key: 'search', label: 'users page, search "hopper"', path: (org) => `/admin/${org.slug}/users?q=hopper` },
  // Members are nearly everyone: the filter that leaves the most rows.
  { key: 'role', label: 'users page, role filter Member', path: (org) => `/admin/${org.slug}/users?role=member` },
  {
    key: 'last',
    label: 'users page, last page',
    path: (org) => `/admin/${org.slug}/users?page=${Math.max(1, Math.ceil(org.rows / PAGE_SIZE))}`,
  },
  { key: 'control', label: 'control: signed-in home page', path: () => '/' },
];

interface ScenarioResult {
  url: string;
  load: LoadResult;
  serverCpuMsPerRequest: number;
  /** 1-minute load average of the machine just before the load (other processes show here). */
  loadAverageBefore: number;
  rssAfterLoad: number;
  view: { status: number; bytes: number; gzipBytes: number; rscBytes: number; memberAddressesInHtml: number; rowsOnPage: number };
  /** One entry per sequential page view, counted at the PostgreSQL wire. */
  statements: { count: number; begins: number; commits: number; log: ProxyCounts['log'] }[];
}

interface SizeResult {
  org: Omit<SeededOrg, 'owner'> & { ownerEmail: string };
  server: { spawnedPid: number; servingPid: number; processTree: number[]; rssAfterStart: number; rssAfterWarmup: number; rssFinal: number };
  scenarios: Record<Scenario['key'], ScenarioResult>;
}

/** One size's server, signed in and warmed up, and the figures gathered so far. */
interface Running {
  org: SeededOrg;
  server: Server;
  cookie: string;
  tree: number[];
  rssAfterStart: number;
  rssAfterWarmup: number;
  results: Partial<SizeResult['scenarios']>;
}

async function startSize(org: SeededOrg, benchUrl: string, proxy: ProxyClient): Promise<Running> {
  const server: Server = await startServer({
    databaseUrl: viaProxy(benchUrl, proxy.port),
    authSecret: randomBytes(32).toString('base64'),
    logFile: path.join(logDir, `server-${org.label.toLowerCase()}.log`),
  });
  try {
    const tree = processTree(server.pid);
    log(
      `next start for ${org.label} (${org.members} members) on ${server.url}: spawned pid ${server.pid}, ` +
        `serving pid ${server.servingPid} (the one listening on the port; process tree ${tree.join(', ')})`,
    );
    const rssAfterStart = rssBytes(server.servingPid);
    const cookie = await signInOwner(server, org);
    // A first warm-up over every page so that no scenario pays for the server's first requests (the
    // quick form warms the users page only, and relies on each load's own warm-up for the rest).
    for (const scenario of quick ? scenarios.slice(0, 1) : scenarios) {
      await load(`${server.url}${scenario.path(org)}`, cookie, {
        connections: config.connections,
        durationS: Math.ceil(config.warmupS / 2),
        warmupS: 0,
      });
    }
    return { org, server, cookie, tree, rssAfterStart, rssAfterWarmup: rssBytes(server.servingPid), results: {} };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function measureScenario(running: Running, scenario: Scenario, proxy: ProxyClient) {
  const { org, server, cookie } = running;
  const url = `${server.url}${scenario.path(org)}`;
  const loadBefore = os.loadavg()[0]!;
  let cpuBefore = 0;
  const measured = await load(url, cookie, { ...config, onMeasureStart: () => (cpuBefore = cpuMs(server.servingPid)) });
  const serverCpuMs = cpuMs(server.servingPid) - cpuBefore;
  const rssAfterLoad = rssBytes(server.servingPid);
  if (measured.non2xx > 0 || measured.ok2xx === 0) {
    throw new CouldNotRun(
      `${scenario.label} at ${org.label}: ${measured.non2xx} non-2xx answers of ${measured.total} under load ` +
        `(see ${path.relative(root, path.join(logDir, `server-${org.label.toLowerCase()}.log`))})`,
    );
  }
  const statements: ScenarioResult['statements'] = [];
  await waitUntilQuiet(proxy);
  for (let sample = 0; sample < config.viewSamples; sample++) {
    const { value, counts } = await counted(proxy, () => view(url, cookie));
    if (value.status !== 200) throw new CouldNotRun(`${scenario.label} at ${org.label} answered ${value.status}`);
    statements.push({ count: counts.statements, begins: counts.begins, commits: counts.commits, log: counts.log });
  }
  const page = await pageView(url, cookie);
  fs.writeFileSync(path.join(logDir, `${org.label.toLowerCase()}-${scenario.key}.html`), page.html);
  const addresses = new Set(page.html.match(new RegExp(`[a-z0-9.+-]+@${org.domain.replace(/\./g, '\\.')}`, 'g')) ?? []);
  // Table rows in the HTML, less the header row.
  const rowsOnPage = Math.max(0, (page.html.match(/<tr[\s>]/g) ?? []).length - 1);
  const result: ScenarioResult = {
    url: url.replace(server.url, ''),
    load: measured,
    // Server CPU per answer holds steady when other processes take the machine's cores; req/s does not.
    serverCpuMsPerRequest: serverCpuMs / Math.max(1, measured.total),
    loadAverageBefore: loadBefore,
    rssAfterLoad,
    view: {
      status: page.status,
      bytes: page.bytes,
      gzipBytes: page.gzipBytes,
      rscBytes: page.rscBytes,
      memberAddressesInHtml: addresses.size,
      rowsOnPage,
    },
    statements,
  };
  running.results[scenario.key] = result;
  log(
    `${org.label.padEnd(5)} ${scenario.label.padEnd(34)} ${measured.rps.toFixed(1).padStart(7)} req/s` +
      `  ${result.serverCpuMsPerRequest.toFixed(1)} CPU ms/req  p50 ${measured.latencyMs.p50} ms  ${page.bytes} B` +
      `  ${statements.map((s) => s.count).join('/')} statements  RSS ${(rssAfterLoad / 2 ** 20).toFixed(0)} MiB`,
  );
}

function sizeResult(running: Running): SizeResult {
  const { org, server } = running;
  return {
    org: { label: org.label, members: org.members, invitations: org.invitations, id: org.id, slug: org.slug, domain: org.domain, rows: org.rows, ownerEmail: org.owner.email },
    server: {
      spawnedPid: server.pid,
      servingPid: server.servingPid,
      processTree: running.tree,
      rssAfterStart: running.rssAfterStart,
      rssAfterWarmup: running.rssAfterWarmup,
      rssFinal: rssBytes(server.servingPid),
    },
    scenarios: running.results as SizeResult['scenarios'],
  };
}

/**
 * Both sizes at once, one server each (same build, same database), loaded one after the other for each
 * scenario, in ABBA order: whatever else the machine is doing weighs on both sizes alike.
 */
async function measurePages(small: SeededOrg, large: SeededOrg, benchUrl: string, proxy: ProxyClient) {
  const runs: Running[] = [];
  try {
    runs.push(await startSize(small, benchUrl, proxy));
    runs.push(await startSize(large, benchUrl, proxy));
    for (const [index, scenario] of scenarios.entries()) {
      for (const running of index % 2 === 0 ? runs : [...runs].reverse()) await measureScenario(running, scenario, proxy);
    }
    return { small: sizeResult(runs[0]!), large: sizeResult(runs[1]!) };
  } finally {
    for (const running of runs) await running.server.stop();
  }
}

async function signInOwner(server: Server, org: SeededOrg): Promise<string> {
  const { signIn } = await import('./sign-in');
  try {
    return await signIn(server.url, org.owner.email, `/admin/${org.slug}/users`);
  } catch (error) {
    throw new CouldNotRun(`Signing in ${org.owner.email} failed: ${(error as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Bulk operations and invitations, in this process through lib/

interface QueryCounter {
  count: number;
  texts: string[];
}

async function openCounting(url: string): Promise<{ handle: DatabaseHandle; counter: QueryCounter }> {
  const counter: QueryCounter = { count: 0, texts: [] };
  const handle = await openPostgres(url, {
    max: 1,
    onQuery: (text) => {
      counter.count++;
      counter.texts.push(text.replace(/\s+/g, ' ').trim().slice(0, 200));
    },
  });
  return { handle, counter };
}

async function memberIds(db: Database, org: SeededOrg, count: number, skip: number): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    sql`SELECT id FROM memberships WHERE organization_id = ${org.id} AND role = 'member'
        ORDER BY created_at, id LIMIT ${count} OFFSET ${skip}`,
  );
  if (found.length < count) throw new CouldNotRun(`Only ${found.length} Members left in ${org.label} for a bulk of ${count}`);
  return found.map((row) => row.id);
}

async function timed<T>(action: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await action();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

/** The yardstick: one UPDATE of the same rows, no access check, no audit, no transaction of its own. */
const bareUpdate = (db: Database, ids: string[], role: 'admin' | 'member') =>
  db.execute(sql`UPDATE memberships SET role = ${role}::member_role WHERE id = ANY(${uuidArray(ids)})`);

interface CountedCall {
  /** Statements at the PostgreSQL wire, BEGIN/COMMIT included. */
  wireStatements: number;
  transactions: number;
  /** Statements drizzle's logger saw (it does not see BEGIN/COMMIT). */
  drizzleStatements: number;
  log: ProxyCounts['log'];
}

async function countCall(proxyUrl: string, proxy: ProxyClient, action: () => Promise<unknown>): Promise<CountedCall> {
  const { handle, counter } = await openCounting(proxyUrl);
  setDatabaseHandle(handle);
  try {
    // Open the connection (and let postgres.js do its first-connection work) before counting.
    await handle.db.execute(sql`SELECT 1`);
    counter.count = 0;
    counter.texts = [];
    const { counts } = await counted(proxy, action);
    return { wireStatements: counts.statements, transactions: counts.begins, drizzleStatements: counter.count, log: counts.log };
  } finally {
    setDatabaseHandle(undefined);
    await handle.close();
  }
}

async function measureBulk(benchUrl: string, proxyUrl: string, proxy: ProxyClient, org: SeededOrg) {
  const size = config.bulkSize;
  const direct = await openPostgres(benchUrl, { max: 1 });
  const db = direct.db;
  try {
    // Role change: the same rows go Member → Admin → Member …; the bare UPDATE makes the same change
    // first (and is undone, untimed) so both write every row.
    const changeIds = await memberIds(db, org, size, 0);
    const changeCount = await countCall(proxyUrl, proxy, () =>
      changeRoles(org.owner, { organizationId: org.id, ids: changeIds, role: 'admin' }),
    );
    await bareUpdate(db, changeIds, 'member');
    setDatabaseHandle(direct);
    const change = { domainMs: [] as number[], bareMs: [] as number[] };
    let current: 'admin' | 'member' = 'member';
    for (let repeat = 0; repeat < config.bulkRepeats; repeat++) {
      const target: 'admin' | 'member' = current === 'member' ? 'admin' : 'member';
      change.bareMs.push((await timed(() => bareUpdate(db, changeIds, target))).ms);
      await bareUpdate(db, changeIds, current);
      const result = await timed(() => changeRoles(org.owner, { organizationId: org.id, ids: changeIds, role: target }));
      if (result.value.changed !== size) throw new CouldNotRun(`changeRoles changed ${result.value.changed} of ${size} rows`);
      change.domainMs.push(result.ms);
      current = target;
    }
    setDatabaseHandle(undefined);

    // Removal: a fresh set of Members each time, never the rows of the role change.
    let skip = size;
    const removeCountIds = await memberIds(db, org, size, skip);
    const removeCount = await countCall(proxyUrl, proxy, () => removeMembers(org.owner, { organizationId: org.id, ids: removeCountIds }));
    setDatabaseHandle(direct);
    const removal = { domainMs: [] as number[], bareMs: [] as number[] };
    for (let repeat = 0; repeat < config.bulkRepeats; repeat++) {
      const ids = await memberIds(db, org, size, skip);
      removal.bareMs.push((await timed(() => bareUpdate(db, ids, 'admin'))).ms);
      await bareUpdate(db, ids, 'member');
      const result = await timed(() => removeMembers(org.owner, { organizationId: org.id, ids }));
      if (result.value.removedMembers !== size) throw new CouldNotRun(`removeMembers removed ${result.value.removedMembers} of ${size}`);
      removal.domainMs.push(result.ms);
    }
    setDatabaseHandle(undefined);
    return {
      size,
      change: { counted: changeCount, ...change, domainMedianMs: median(change.domainMs), bareMedianMs: median(change.bareMs) },
      removal: { counted: removeCount, ...removal, domainMedianMs: median(removal.domainMs), bareMedianMs: median(removal.bareMs) },
    };
  } finally {
    setDatabaseHandle(undefined);
    await direct.close();
  }
}

async function measureInvite(benchUrl: string, proxyUrl: string, proxy: ProxyClient, org: SeededOrg) {
  const api = await startFakeEmailApi();
  const saved = { ...process.env };
  // A key of its own: lib/email keeps one Resend client per key, made with the RESEND_BASE_URL of then.
  process.env.RESEND_API_KEY = `re_bench_${org.label.toLowerCase()}_${randomBytes(4).toString('hex')}`;
  process.env.RESEND_BASE_URL = api.baseUrl;
  process.env.EMAIL_TRANSPORT = 'resend';
  process.env.APP_URL = 'http://127.0.0.1:3000';
  let batch = 0;
  const addresses = () => {
    batch++;
    return Array.from({ length: config.inviteSize }, (_, index) => `bench.invite.${batch}.${index + 1}@${org.domain}`);
  };
  const check = (summary: Awaited<ReturnType<typeof inviteMembers>>) => {
    if (summary.counts.invited !== config.inviteSize) {
      const reasons = [...new Set(summary.results.map((result) => result.reason).filter(Boolean))];
      throw new CouldNotRun(`inviteMembers at ${org.label}: ${JSON.stringify(summary.counts)} ${reasons.join('; ')}`);
    }
  };
  try {
    const emails = addresses();
    const countedCall = await countCall(proxyUrl, proxy, async () => check(await inviteMembers(org.owner, { organizationId: org.id, emails, role: 'member' })));
    const calls = { ...api.calls };
    const direct = await openPostgres(benchUrl, { max: 1 });
    setDatabaseHandle(direct);
    const times: number[] = [];
    try {
      for (let repeat = 0; repeat < config.inviteRepeats; repeat++) {
        const more = addresses();
        times.push((await timed(async () => check(await inviteMembers(org.owner, { organizationId: org.id, emails: more, role: 'member' })))).ms);
      }
    } finally {
      setDatabaseHandle(undefined);
      await direct.close();
    }
    return { addresses: config.inviteSize, counted: countedCall, emailApi: calls, ms: times, medianMs: median(times) };
  } finally {
    for (const key of ['RESEND_API_KEY', 'RESEND_BASE_URL', 'EMAIL_TRANSPORT', 'APP_URL']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    await api.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// The table

function buildRows(small: SizeResult, large: SizeResult, bulk: Awaited<ReturnType<typeof measureBulk>>, invites: { small: Awaited<ReturnType<typeof measureInvite>>; large: Awaited<ReturnType<typeof measureInvite>> }): Row[] {
  const table: Row[] = [];
  const pages = scenarios.filter((s) => s.key !== 'control');
  const S = small.scenarios;
  const L = large.scenarios;
  const maxStatements = (r: ScenarioResult) => Math.max(...r.statements.map((s) => s.count));

  table.push({ section: 'Throughput (req/s, 10 connections)' });
  for (const s of pages) {
    const ratio = L[s.key].load.rps / S[s.key].load.rps;
    table.push({ figure: s.label, small: rps(S[s.key].load), large: rps(L[s.key].load), ratio, target: '≥ 0.9 (large ÷ small)', met: ratio >= 0.9 });
  }
  table.push({ figure: 'control: signed-in home page', small: rps(S.control.load), large: rps(L.control.load), ratio: L.control.load.rps / S.control.load.rps, target: '', met: null });
  for (const s of pages) {
    const ratio = L[s.key].load.rps / L.control.load.rps;
    table.push({ figure: `${s.label.replace('users page, ', '')} ÷ control, at large`, small: (S[s.key].load.rps / S.control.load.rps).toFixed(2), large: ratio.toFixed(2), ratio, target: '≥ 0.5 (large)', met: ratio >= 0.5 });
  }

  table.push({ section: 'Server CPU per answer (ms; steady when other processes share the cores)' });
  for (const s of scenarios) {
    const ratio = L[s.key].serverCpuMsPerRequest / S[s.key].serverCpuMsPerRequest;
    table.push({ figure: s.label, small: S[s.key].serverCpuMsPerRequest.toFixed(1), large: L[s.key].serverCpuMsPerRequest.toFixed(1), ratio, target: '', met: null });
  }

  // The ratio says whether the page grows with the organization, so it is judged where both sizes show
  // the same number of rows (a search that finds 8 rows at 100 members finds a full page at 10,000).
  table.push({ section: 'Bytes per response (HTML, uncompressed; rows shown at each size)' });
  for (const s of [...pages, scenarios.find((x) => x.key === 'control')!]) {
    const ratio = L[s.key].view.bytes / S[s.key].view.bytes;
    const isPage = s.key !== 'control';
    const rowsS = S[s.key].view.rowsOnPage;
    const rowsL = L[s.key].view.rowsOnPage;
    const comparable = rowsS === rowsL;
    table.push({
      figure: isPage ? `${s.label} (${rowsS} / ${rowsL} rows)` : s.label,
      small: bytes(S[s.key].view.bytes),
      large: bytes(L[s.key].view.bytes),
      ratio,
      target: !isPage ? '' : comparable ? '≤ 1.1' : '≤ 1.1 at equal rows: n/a',
      met: isPage && comparable ? ratio <= 1.1 : null,
    });
  }
  table.push({ figure: 'users page default: RSC payload (client navigation)', small: bytes(S.default.view.rscBytes), large: bytes(L.default.view.rscBytes), ratio: L.default.view.rscBytes / S.default.view.rscBytes, target: '≤ 1.1', met: L.default.view.rscBytes / S.default.view.rscBytes <= 1.1 });
  table.push({ figure: "users page default: the org's addresses in the HTML", small: String(S.default.view.memberAddressesInHtml), large: String(L.default.view.memberAddressesInHtml), ratio: L.default.view.memberAddressesInHtml / Math.max(1, S.default.view.memberAddressesInHtml), target: `≤ ${PAGE_SIZE} (one page)`, met: L.default.view.memberAddressesInHtml <= PAGE_SIZE });

  table.push({ section: 'SQL statements per page view (counted at the PostgreSQL wire)' });
  for (const s of [...pages, scenarios.find((x) => x.key === 'control')!]) {
    const a = maxStatements(S[s.key]);
    const b = maxStatements(L[s.key]);
    const isPage = s.key !== 'control';
    table.push({ figure: s.label, small: String(a), large: String(b), ratio: b / a, target: isPage ? '≤ 4, equal' : '', met: isPage ? a === b && b <= 4 : null });
  }

  table.push({ section: 'Server memory (VmRSS of the serving process)' });
  const rssRatio = large.server.rssFinal / small.server.rssFinal;
  table.push({ figure: 'after all loads', small: mib(small.server.rssFinal), large: mib(large.server.rssFinal), ratio: rssRatio, target: '≤ 1.1', met: rssRatio <= 1.1 });
  for (const s of scenarios) {
    table.push({ figure: `  after ${s.label.replace('users page, ', '')}`, small: mib(S[s.key].rssAfterLoad), large: mib(L[s.key].rssAfterLoad), ratio: L[s.key].rssAfterLoad / S[s.key].rssAfterLoad, target: '', met: null });
  }

  const n = bulk.size.toLocaleString('en-US');
  table.push({ section: `Bulk operations on ${n} members of the large organization (in-process, lib/members)` });
  for (const [name, op] of [['role change', bulk.change], ['removal', bulk.removal]] as const) {
    table.push({ figure: `${name} of ${n}: statements (BEGIN/COMMIT apart)`, small: '', large: `${op.counted.drizzleStatements} (+${op.counted.wireStatements - op.counted.drizzleStatements} tx)`, ratio: null, target: '≤ 3', met: op.counted.drizzleStatements <= 3 });
    const ratio = op.domainMedianMs / op.bareMedianMs;
    table.push({ figure: `${name} of ${n}: time ÷ bare UPDATE`, small: `bare ${ms(op.bareMedianMs)}`, large: ms(op.domainMedianMs), ratio, target: '≤ 3', met: ratio <= 3 });
  }

  table.push({ section: `Inviting ${invites.large.addresses} addresses (in-process, lib/invitations, fake email API)` });
  const inv = (r: Awaited<ReturnType<typeof measureInvite>>) => r;
  table.push({ figure: 'transactions', small: String(inv(invites.small).counted.transactions), large: String(invites.large.counted.transactions), ratio: null, target: '1', met: invites.small.counted.transactions === 1 && invites.large.counted.transactions === 1 });
  table.push({ figure: 'email API calls (batch + single)', small: `${invites.small.emailApi.batch} + ${invites.small.emailApi.single}`, large: `${invites.large.emailApi.batch} + ${invites.large.emailApi.single}`, ratio: null, target: '1 batch', met: [invites.small, invites.large].every((r) => r.emailApi.batch === 1 && r.emailApi.single === 0) });
  table.push({ figure: 'statements (BEGIN/COMMIT apart)', small: `${invites.small.counted.drizzleStatements}`, large: `${invites.large.counted.drizzleStatements}`, ratio: invites.large.counted.drizzleStatements / invites.small.counted.drizzleStatements, target: 'equal', met: invites.large.counted.drizzleStatements === invites.small.counted.drizzleStatements });
  table.push({ figure: 'time (median)', small: ms(invites.small.medianMs), large: ms(invites.large.medianMs), ratio: invites.large.medianMs / invites.small.medianMs, target: '', met: null });
  return table;
}

const rps = (r: LoadResult) => r.rps.toFixed(1);
const bytes = (value: number) => `${value.toLocaleString('en-US')} B`;
const mib = (value: number) => `${(value / 2 ** 20).toFixed(1)} MiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

// ---------------------------------------------------------------------------------------------------

async function main() {
  fs.mkdirSync(logDir, { recursive: true });
  const started = Date.now();
  const admin = adminUrl();
  log(`${quick ? 'quick' : 'full'} run; PostgreSQL admin URL ${redact(admin)}; logs in ${path.relative(root, logDir)}/`);
  const [busy] = os.loadavg();
  if (busy! > os.cpus().length / 2) {
    log(
      `note: the machine is busy before the run (load average ${busy!.toFixed(1)} on ${os.cpus().length} cores): ` +
        `req/s will suffer from the other processes; "server CPU per answer" much less`,
    );
  }

  // 1. The build.
  let buildMs: number | null = null;
  const skip = flags['skip-build'] || process.env.BENCH_SKIP_BUILD === '1';
  if (flags.build || (!skip && !(quick && buildIsFresh()))) {
    log('next build …');
    try {
      buildMs = build(path.join(logDir, 'build.log'));
    } catch (error) {
      throw new CouldNotRun((error as Error).message);
    }
    log(`next build done in ${(buildMs / 1000).toFixed(0)} s`);
  } else if (!hasBuild()) {
    throw new CouldNotRun('No production build in .next (--skip-build was given): run `npm run build` or drop the flag');
  } else {
    log(`reusing the build in .next (${buildIsFresh() ? 'newer than every source file' : 'older than some source files: --skip-build'})`);
  }

  // 2. The database.
  const database = await createDatabase(admin);
  log(`database ${database.name} on PostgreSQL ${database.version}`);
  let proxy: ProxyClient | undefined;
  try {
    const seedStarted = Date.now();
    const seeding = await openPostgres(database.url, { migrate: true, max: 4 });
    let small: SeededOrg;
    let large: SeededOrg;
    try {
      small = await seed(seeding.db, 'Small', config.small, 'small.bench.test');
      large = await seed(seeding.db, 'Large', config.large, 'large.bench.test');
      // What autovacuum would have done on a live database by now (statistics, visibility map).
      await seeding.db.execute(sql`VACUUM ANALYZE`);
    } finally {
      await seeding.close();
    }
    const seedMs = Date.now() - seedStarted;
    log(`seeded in ${(seedMs / 1000).toFixed(1)} s: ${small.rows} and ${large.rows} rows in the user tables`);

    const target = new URL(database.url);
    proxy = await startProxyProcess({ host: target.hostname, port: Number(target.port || 5432) });
    const proxyUrl = viaProxy(database.url, proxy.port);
    log(`counting proxy (pid ${proxy.pid}) on 127.0.0.1:${proxy.port} → ${target.hostname}:${target.port || 5432}`);

    // 3. The pages.
    const { small: smallResult, large: largeResult } = await measurePages(small, large, database.url, proxy);

    // 4. Bulk operations and invitations.
    log(`bulk operations on ${config.bulkSize} members …`);
    const bulk = await measureBulk(database.url, proxyUrl, proxy, large);
    log(
      `role change ${bulk.change.domainMedianMs.toFixed(1)} ms (bare UPDATE ${bulk.change.bareMedianMs.toFixed(1)} ms), ` +
        `removal ${bulk.removal.domainMedianMs.toFixed(1)} ms (bare UPDATE ${bulk.removal.bareMedianMs.toFixed(1)} ms)`,
    );
    log(`inviting ${config.inviteSize} addresses …`);
    const invites = { small: await measureInvite(database.url, proxyUrl, proxy, small), large: await measureInvite(database.url, proxyUrl, proxy, large) };

    const table = buildRows(smallResult, largeResult, bulk, invites);
    const sizeLabel = (o: { members: number; invitations: number }) => `${o.members.toLocaleString('en-US')} (+${o.invitations.toLocaleString('en-US')})`;
    const printed = formatTable(table, { small: `at ${sizeLabel(config.small)}`, large: `at ${sizeLabel(config.large)}` });
    process.stdout.write(`\n${printed}\n`);
    const missed = table.filter((row) => 'figure' in row && row.met === false);
    process.stdout.write(
      `\nStatements are counted at the PostgreSQL wire by a proxy: one per Execute or simple Query message, ` +
        `BEGIN/COMMIT included (a page view opens no transaction). Bulk and invitation statements: drizzle's ` +
        `logger, which does not see BEGIN/COMMIT; the "tx" figure is what the wire adds.\n` +
        `${missed.length === 0 ? 'Every target is met.' : `Targets missed: ${missed.length}.`}\n`,
    );

    const file = path.join(outDir, `${stamp}${quick ? '-quick' : ''}.json`);
    const raw = {
      kind: quick ? 'quick' : 'full',
      startedAt: new Date(started).toISOString(),
      durationS: (Date.now() - started) / 1000,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryBytes: os.totalmem(), node: process.version, platform: `${os.type()} ${os.release()}` },
      postgres: { version: database.version, database: database.name },
      config,
      buildMs,
      seedMs,
      small: smallResult,
      large: largeResult,
      bulk,
      invites,
      table,
    };
    fs.writeFileSync(file, `${JSON.stringify(raw, null, 2)}\n`);
    log(`raw figures in ${path.relative(root, file)}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  } finally {
    await proxy?.close();
    await database.drop().catch((error) => log(`could not drop ${database.name}: ${error}`));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`\n[bench] could not run: ${error instanceof CouldNotRun ? error.message : (error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
