// Measurements against the running server: load (autocannon), one page view's bytes, and the counting
// proxy's statement counts around one page view.
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import type { ProxyCounts } from './pg-proxy';

export interface LoadResult {
  /** 2xx responses per second over the measured window (total ÷ duration). */
  rps: number;
  /** autocannon's own per-second average. */
  requestsAverage: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  total: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationS: number;
}

/**
 * Fewer answers than this per connection and the window was too short to measure anything: on a busy
 * machine a 1-second window (the quick form) can end before the first answers come, and the in-flight
 * ones are not counted. The window is then doubled, up to MAX_WINDOW_S.
 */
const MIN_ANSWERS_PER_CONNECTION = 2;
const MAX_WINDOW_S = 32;

/**
 * A warm-up of `warmupS` (not recorded), then the measured load of `durationS` (longer when it held too
 * few answers), 127.0.0.1 only. `onMeasureStart` runs at the start of each measured window.
 */
export async function load(
  url: string,
  cookie: string,
  options: {
    connections: number;
    durationS: number;
    warmupS: number;
    onMeasureStart?: () => void;
    /** More request headers (a SCIM token). */
    headers?: Record<string, string>;
  },
) {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url))
    throw new Error(`Refusing to load anything but 127.0.0.1: ${url}`);
  const headers = { ...(cookie ? { cookie } : {}), ...options.headers };
  const base = { url, connections: options.connections, headers, timeout: 30 };
  if (options.warmupS > 0) await autocannon({ ...base, duration: options.warmupS });
  let duration = options.durationS;
  options.onMeasureStart?.();
  let result = await autocannon({ ...base, duration });
  while (result['2xx'] < MIN_ANSWERS_PER_CONNECTION * options.connections && duration < MAX_WINDOW_S) {
    duration = Math.min(MAX_WINDOW_S, duration * 2);
    options.onMeasureStart?.();
    result = await autocannon({ ...base, duration });
  }
  const measured: LoadResult = {
    rps: result['2xx'] / result.duration,
    requestsAverage: result.requests.average,
    latencyMs: {
      mean: result.latency.mean,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    total: result.requests.total,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationS: result.duration,
  };
  return measured;
}

/**
 * Several windows of one page's load as one: answers and time are summed (rps is all the 2xx answers over
 * all the measured time), the mean latency is weighted by answers, p50 is the median of the windows' p50,
 * and p90, p99 and max are the worst window's.
 */
export function mergeLoads(windows: LoadResult[]): LoadResult {
  if (windows.length === 1) return windows[0];
  const sum = (pick: (window: LoadResult) => number) => windows.reduce((total, w) => total + pick(w), 0);
  const worst = (pick: (window: LoadResult) => number) => Math.max(...windows.map(pick));
  const p50s = windows.map((w) => w.latencyMs.p50).sort((a, b) => a - b);
  const total = sum((w) => w.total);
  const durationS = sum((w) => w.durationS);
  const ok2xx = sum((w) => w.ok2xx);
  return {
    rps: ok2xx / durationS,
    requestsAverage: total / durationS,
    latencyMs: {
      mean: sum((w) => w.latencyMs.mean * w.total) / Math.max(1, total),
      p50: p50s[Math.floor(p50s.length / 2)],
      p90: worst((w) => w.latencyMs.p90),
      p99: worst((w) => w.latencyMs.p99),
      max: worst((w) => w.latencyMs.max),
    },
    total,
    ok2xx,
    non2xx: sum((w) => w.non2xx),
    errors: sum((w) => w.errors),
    timeouts: sum((w) => w.timeouts),
    durationS,
  };
}

export interface PageView {
  status: number;
  /** The HTML as served to a client that does not ask for compression. */
  bytes: number;
  gzipBytes: number;
  /** The React Server Components payload of a client-side navigation to the same URL (`RSC: 1`). */
  rscBytes: number;
  html: string;
}

function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; location?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          location: response.headers.location,
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** One plain GET: status and body, nothing compressed. */
export async function view(url: string, cookie: string): Promise<{ status: number; body: Buffer }> {
  return get(url, { cookie });
}

export async function pageView(url: string, cookie: string): Promise<PageView> {
  const page = await get(url, { cookie });
  // Next answers an RSC request without its cache-busting `_rsc` parameter with a redirect that adds it.
  let rsc = await get(url, { cookie, rsc: '1' });
  if (rsc.status === 307 && rsc.location)
    rsc = await get(new URL(rsc.location, url).toString(), { cookie, rsc: '1' });
  return {
    status: page.status,
    bytes: page.body.length,
    gzipBytes: zlib.gzipSync(page.body).length,
    rscBytes: rsc.status === 200 ? rsc.body.length : -1,
    html: page.body.toString('utf8'),
  };
}

/** The counting proxy (bench/pg-proxy.ts) in a child process of its own, driven over IPC. */
export interface ProxyClient {
  port: number;
  pid: number;
  reset(): Promise<void>;
  read(): Promise<ProxyCounts>;
  close(): Promise<void>;
}

export function startProxyProcess(target: { host: string; port: number }): Promise<ProxyClient> {
  const child: ChildProcess = fork(
    path.join(import.meta.dirname, 'pg-proxy.ts'),
    [target.host, String(target.port)],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  let nextId = 0;
  const waiting = new Map<number, (message: Record<string, unknown>) => void>();
  const ask = (cmd: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, resolve);
      child.send({ cmd, id }, (error) => error && reject(error));
    });
  return new Promise((resolve, reject) => {
    const onExit = () => reject(new Error('The counting proxy exited before it was ready'));
    child.once('exit', onExit);
    child.on('message', (message: Record<string, unknown>) => {
      if (typeof message.ready === 'number') {
        child.off('exit', onExit);
        resolve({
          port: message.ready,
          pid: child.pid!,
          async reset() {
            await ask('reset');
          },
          async read() {
            return (await ask('read')).counts as ProxyCounts;
          },
          close() {
            return new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
              child.once('exit', () => {
                clearTimeout(timer);
                done();
              });
              child.send({ cmd: 'close', id: 0 });
            });
          },
        });
        return;
      }
      const resolveWaiting = waiting.get(message.id as number);
      if (resolveWaiting) {
        waiting.delete(message.id as number);
        resolveWaiting(message);
      }
    });
  });
}

/**
 * Waits until the server sends no statement for 300 ms: autocannon stops at its deadline without
 * waiting for the answers in flight, whose statements must not be counted with the next page view.
 */
export async function waitUntilQuiet(proxy: ProxyClient, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await proxy.reset();
    await new Promise((resolve) => setTimeout(resolve, 300));
    if ((await proxy.read()).statements === 0) return;
  }
  throw new Error('The server kept sending SQL statements with no request in flight');
}

/** Runs `action` with the proxy's counters reset before and read after. */
export async function counted<T>(
  proxy: ProxyClient,
  action: () => Promise<T>,
): Promise<{ value: T; counts: ProxyCounts }> {
  await proxy.reset();
  const value = await action();
  return { value, counts: await proxy.read() };
}
