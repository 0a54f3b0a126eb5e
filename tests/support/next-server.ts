// The production build and `next start` for everything that drives the real app: the browser suite's
// global setup, the security suite's second server, the start-up refusal tests and the benchmark. A free
// port, an environment that takes no database, email service or public URL from the caller, a wait until
// the server answers, its output in a log file, and a stop by the PID we spawned.
//
// It lives with the test support and the benchmark imports it: the benchmark measures the same server the
// tests drive, and the tests must never depend on the benchmark. No test runner in here, so that the
// benchmark (a plain tsx script) can load it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

/** The folder of a build: `name`, else NEXT_DIST_DIR (next.config.mjs builds there when set), else .next. */
export function distDir(name = process.env.NEXT_DIST_DIR || '.next'): string {
  return path.join(root, name);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The last `lines` lines of a log file, to put in an error message. */
export function tail(file: string, lines = 60): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * The caller's environment for a production build or server, with everything that could point the app
 * at another database, a real email service or another public URL set empty, then `env` on top. Next
 * loads .env* files only for variables that are undefined, so these are set (empty) rather than deleted.
 */
export function productionEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: '',
    PGLITE_DIR: '',
    RESEND_API_KEY: '',
    RESEND_BASE_URL: '',
    EMAIL_TRANSPORT: '',
    APP_URL: '',
    AUTH_URL: '',
    ...env,
  };
}

/**
 * `next build` into `dist` (a folder name under the root; NEXT_DIST_DIR or .next by default), its output
 * in `logFile`. Returns how long it took in ms; throws with the log's tail when it fails. The build opens
 * no database (every page that reads one is dynamic).
 */
export function buildApp(options: { logFile: string; dist?: string; env?: Record<string, string> }): number {
  const started = Date.now();
  const result = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    env: productionEnv({ ...(options.dist ? { NEXT_DIST_DIR: options.dist } : {}), ...options.env }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  fs.writeFileSync(options.logFile, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  if (result.status !== 0) {
    throw new Error(
      `next build failed (status ${result.status}); log in ${options.logFile}:\n${tail(options.logFile, 40)}`,
    );
  }
  return Date.now() - started;
}

/**
 * `node …/next start` on 127.0.0.1:`port`: node itself, not an npm wrapper, so its PID is the server's.
 * With `--disable-proto=delete`, as `npm start` runs it (SECURITY.md, issue 12 finding 2).
 */
export function spawnNextStart(port: number, env: NodeJS.ProcessEnv, stdio: 'pipe' | number): ChildProcess {
  return spawn(
    process.execPath,
    ['--disable-proto=delete', nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: root,
      env,
      stdio: ['ignore', stdio, stdio],
    },
  );
}

export interface NextServer {
  /** `http://<host>:<port>`: the public URL the server was given (APP_URL). */
  url: string;
  port: number;
  /** The PID we spawned. */
  pid: number;
  logFile: string;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. Safe to call twice. */
  stop(): Promise<void>;
}

export interface NextServerOptions {
  /** Where its stdout and stderr go (the folder is made). */
  logFile: string;
  /**
   * The app's variables, on top of `productionEnv()` and `APP_URL` (the server's own URL); a function
   * when they depend on that URL.
   */
  env?: Record<string, string> | ((url: string) => Record<string, string>);
  /** The build to serve (a folder name under the root); NEXT_DIST_DIR or .next by default. */
  dist?: string;
  /** The host of the URL: `localhost` (the default) or `127.0.0.1`. It always listens on 127.0.0.1. */
  host?: 'localhost' | '127.0.0.1';
  /** How long to wait for its first answer; 90 s by default. */
  timeoutMs?: number;
}

/**
 * Starts `next start` on a free port and resolves once it answers /login (any status below 500). If it
 * exits or does not answer in time, it is stopped and the error carries the tail of its log. It is also
 * killed if this process exits first.
 */
export async function startNextServer(options: NextServerOptions): Promise<NextServer> {
  const port = await freePort();
  const url = `http://${options.host ?? 'localhost'}:${port}`;
  const appEnv = typeof options.env === 'function' ? options.env(url) : options.env;
  const env = productionEnv({
    APP_URL: url,
    ...(options.dist ? { NEXT_DIST_DIR: options.dist } : {}),
    ...appEnv,
  });
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const out = fs.openSync(options.logFile, 'w');
  const child = spawnNextStart(port, env, out);
  fs.closeSync(out);
  const pid = child.pid!;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const killNow = () => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  };
  process.once('exit', killNow);

  const stop = () => {
    process.off('exit', killNow);
    if (exited()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(killNow, 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        clearTimeout(timer);
        resolve();
      }
    });
  };

  const timeoutMs = options.timeoutMs ?? 90_000;
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    if (exited()) {
      await stop();
      throw new Error(
        `next start exited early (code ${child.exitCode}, signal ${child.signalCode}); log:\n${tail(options.logFile)}`,
      );
    }
    try {
      const response = await within(
        5_000,
        fetch(`${url}/login`, { redirect: 'manual', signal: AbortSignal.timeout(5_000) }).then(
          async (answer) => {
            await answer.arrayBuffer();
            return answer;
          },
        ),
      );
      // Any answer from Next (the login page is 200; a redirect is fine too) means it is up.
      if (response.status < 500) break;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String((error as Error).cause ?? error);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `next start did not answer ${url}/login within ${timeoutMs / 1000} s (last: ${last}); log:\n${tail(options.logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, port, pid, logFile: options.logFile, stop };
}

/**
 * `promise`, or a rejection after `ms`. A fetch's own abort signal did not always end it: a benchmark run
 * here waited 40 minutes on a first request to a server that was starting, with no socket left open; a
 * timer of our own always fires.
 */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
