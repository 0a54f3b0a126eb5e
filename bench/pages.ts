// The pages under load: one `next start` per size behind the counting proxy, the Owner signed in through
// the real magic-link flow, then each scenario loaded with autocannon (both sizes in turn), its
// statements counted at the PostgreSQL wire and its HTML kept beside the logs.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from '../tests/support/next-server';
import { config, CouldNotRun, log, logDir, quick } from './config';
import { viaProxy, type SeededOrg } from './database';
import { measureExports } from './export';
import { measureLanguages } from './languages';
import { measureScim } from './scim';
import {
  counted,
  load,
  mergeLoads,
  pageView,
  view,
  waitUntilQuiet,
  type LoadResult,
  type ProxyClient,
} from './measure';
import type { ProxyCounts } from './pg-proxy';
import { cpuMs, processTree, rssBytes, startServer, type Server } from './server';

export interface Scenario {
  key: 'default' | 'search' | 'role' | 'last' | 'control';
  label: string;
  path: (org: SeededOrg) => string;
}

export const PAGE_SIZE = 25;
export const scenarios: Scenario[] = [
  { key: 'default', label: 'users page, default view', path: (org) => `/admin/${org.slug}/users` },
  // About one person in twelve is a Hopper: a search that matches many rows at every size.
  { key: 'search', label: 'users page, search "hopper"', path: (org) => `/admin/${org.slug}/users?q=hopper` },
  // Members are nearly everyone: the filter that leaves the most rows.
  {
    key: 'role',
    label: 'users page, role filter Member',
    path: (org) => `/admin/${org.slug}/users?role=member`,
  },
  // The last FULL page (25 rows at both sizes), so that the ratios compare like with like: the very last
  // page holds 10 rows at 100 members (+10) and 25 at 10,000 (+1,000).
  {
    key: 'last',
    label: 'users page, last full page',
    path: (org) => `/admin/${org.slug}/users?page=${Math.max(1, Math.floor(org.rows / PAGE_SIZE))}`,
  },
  { key: 'control', label: 'control: signed-in home page', path: () => '/' },
];

export interface ScenarioResult {
  url: string;
  load: LoadResult;
  serverCpuMsPerRequest: number;
  /** 1-minute load average of the machine just before the load (other processes show here). */
  loadAverageBefore: number;
  /** The serving process's resident memory after this page's windows (the largest reading). */
  rssAfterLoad: number;
  view: {
    status: number;
    bytes: number;
    gzipBytes: number;
    rscBytes: number;
    memberAddressesInHtml: number;
    rowsOnPage: number;
  };
  /** One entry per sequential page view, counted at the PostgreSQL wire. */
  statements: { count: number; begins: number; commits: number; log: ProxyCounts['log'] }[];
}

export interface SizeResult {
  org: Omit<SeededOrg, 'owner'> & { ownerEmail: string };
  server: {
    spawnedPid: number;
    servingPid: number;
    processTree: number[];
    rssAfterStart: number;
    rssAfterWarmup: number;
    rssFinal: number;
  };
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
  /** Each page's load windows so far, and the server CPU time they took. */
  loads: Partial<
    Record<
      Scenario['key'],
      { windows: LoadResult[]; serverCpuMs: number; loadAverageBefore: number; rssAfterLoad: number }
    >
  >;
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
    return {
      org,
      server,
      cookie,
      tree,
      rssAfterStart,
      rssAfterWarmup: rssBytes(server.servingPid),
      results: {},
      loads: {},
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** One window of load on one page (its round's turn), added to what earlier rounds measured. */
async function loadWindow(running: Running, scenario: Scenario, round: number) {
  const { org, server, cookie } = running;
  const url = `${server.url}${scenario.path(org)}`;
  const loadBefore = os.loadavg()[0];
  let cpuBefore = 0;
  const measured = await load(url, cookie, {
    ...config,
    // The full warm-up before a page's first window; later windows only settle the connections.
    warmupS: round === 0 ? config.warmupS : 1,
    onMeasureStart: () => (cpuBefore = cpuMs(server.servingPid)),
  });
  const serverCpuMs = cpuMs(server.servingPid) - cpuBefore;
  if (measured.non2xx > 0 || measured.ok2xx === 0) {
    throw new CouldNotRun(
      `${scenario.label} at ${org.label}: ${measured.non2xx} non-2xx answers of ${measured.total} under load ` +
        `(see ${path.relative(root, path.join(logDir, `server-${org.label.toLowerCase()}.log`))})`,
    );
  }
  const loaded = (running.loads[scenario.key] ??= {
    windows: [],
    serverCpuMs: 0,
    loadAverageBefore: loadBefore,
    rssAfterLoad: 0,
  });
  loaded.windows.push(measured);
  loaded.serverCpuMs += serverCpuMs;
  loaded.rssAfterLoad = Math.max(loaded.rssAfterLoad, rssBytes(server.servingPid));
}

/** After every round: the page's figures under load, its statements per view and its HTML. */
async function inspectScenario(running: Running, scenario: Scenario, proxy: ProxyClient) {
  const { org, server, cookie } = running;
  const url = `${server.url}${scenario.path(org)}`;
  const loaded = running.loads[scenario.key]!;
  const measured = mergeLoads(loaded.windows);
  const { rssAfterLoad } = loaded;
  const statements: ScenarioResult['statements'] = [];
  await waitUntilQuiet(proxy);
  for (let sample = 0; sample < config.viewSamples; sample++) {
    const { value, counts } = await counted(proxy, () => view(url, cookie));
    if (value.status !== 200)
      throw new CouldNotRun(`${scenario.label} at ${org.label} answered ${value.status}`);
    statements.push({
      count: counts.statements,
      begins: counts.begins,
      commits: counts.commits,
      log: counts.log,
    });
  }
  const page = await pageView(url, cookie);
  fs.writeFileSync(path.join(logDir, `${org.label.toLowerCase()}-${scenario.key}.html`), page.html);
  const addresses = new Set(
    page.html.match(new RegExp(`[a-z0-9.+-]+@${org.domain.replace(/\./g, '\\.')}`, 'g')) ?? [],
  );
  // Table rows in the HTML, less the header row.
  const rowsOnPage = Math.max(0, (page.html.match(/<tr[\s>]/g) ?? []).length - 1);
  const result: ScenarioResult = {
    url: url.replace(server.url, ''),
    load: measured,
    // Server CPU per answer holds steady when other processes take the machine's cores; req/s does not.
    serverCpuMsPerRequest: loaded.serverCpuMs / Math.max(1, measured.total),
    loadAverageBefore: loaded.loadAverageBefore,
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
    org: {
      label: org.label,
      members: org.members,
      invitations: org.invitations,
      id: org.id,
      slug: org.slug,
      domain: org.domain,
      rows: org.rows,
      ownerEmail: org.owner.email,
    },
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
 * The pages' order in one round: each round starts one page further on, so that over as many rounds as
 * there are pages every page takes every place once. A fixed order let the server's own speeding up
 * (it keeps getting faster for minutes after its warm-up) favour the pages loaded late in each round, the
 * control among them: the default view, always first, measured 24 CPU ms an answer where the equally
 * heavy role view, third, measured 19.
 */
function roundOrder(round: number): Scenario[] {
  const start = round % scenarios.length;
  return [...scenarios.slice(start), ...scenarios.slice(0, start)];
}

/**
 * Both sizes at once, one server each (same build, same database). The load comes in rounds: in each, every
 * scenario takes one window at both sizes, in ABBA order, and in an order that turns from round to round
 * (roundOrder), so that whatever else the machine is doing, and any drift over the run, weighs alike on
 * both sizes and on the users page and the control it is compared with (one window each, minutes apart,
 * made the ratio to the control swing by a third between runs).
 */
export async function measurePages(small: SeededOrg, large: SeededOrg, benchUrl: string, proxy: ProxyClient) {
  const runs: Running[] = [];
  try {
    runs.push(await startSize(small, benchUrl, proxy));
    runs.push(await startSize(large, benchUrl, proxy));
    for (let round = 0; round < config.rounds; round++) {
      for (const [index, scenario] of roundOrder(round).entries()) {
        for (const running of (index + round) % 2 === 0 ? runs : [...runs].reverse())
          await loadWindow(running, scenario, round);
      }
      if (config.rounds > 1) log(`round ${round + 1} of ${config.rounds} of the load done`);
    }
    for (const scenario of scenarios) {
      for (const running of runs) await inspectScenario(running, scenario, proxy);
    }
    const [smallRun, largeRun] = runs;
    const exports = await measureExports(
      largeRun.server,
      { org: smallRun.org, cookie: smallRun.cookie },
      { org: largeRun.org, cookie: largeRun.cookie },
    );
    const scim = await measureScim(
      { org: smallRun.org, server: smallRun.server, cookie: smallRun.cookie },
      { org: largeRun.org, server: largeRun.server, cookie: largeRun.cookie },
      benchUrl,
      proxy,
    );
    const languages = await measureLanguages(largeRun.server, largeRun.cookie, largeRun.org);
    return { small: sizeResult(smallRun), large: sizeResult(largeRun), exports, scim, languages };
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
