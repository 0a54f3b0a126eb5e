// The production build and the `next start` server of the benchmark: build (or reuse a fresh build),
// start on 127.0.0.1, find the process that actually serves, read its memory, stop it by PID.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
// next.config.mjs builds into NEXT_DIST_DIR when it is set.
const buildId = path.join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID');

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

function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** Whether .next holds a production build newer than every source file the build reads. */
export function buildIsFresh(): boolean {
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  const sources = ['app', 'components', 'lib', 'db', 'emails', 'next.config.mjs', 'package-lock.json', 'tsconfig.json'];
  return sources.every((entry) => newestMtime(path.join(root, entry)) <= built);
}

export function hasBuild(): boolean {
  return fs.existsSync(buildId);
}

export function build(logFile: string): number {
  const started = Date.now();
  const result = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    // The build opens no database (every database page is dynamic); keep .env files from pointing it at one.
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: '', PGLITE_DIR: '' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.writeFileSync(logFile, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  if (result.status !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(`next build failed (status ${result.status}); log in ${logFile}:\n${tail}`);
  }
  return Date.now() - started;
}

export interface Server {
  url: string;
  port: number;
  /** The PID we spawned (`node …/next start`). */
  pid: number;
  /** The PID that owns the listening socket (the spawned one, or a child of it). */
  servingPid: number;
  stop(): Promise<void>;
}

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return found;
  }
  for (const task of tasks) {
    try {
      const text = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) found.push(...text.split(/\s+/).map(Number));
    } catch {
      // the task ended
    }
  }
  return found;
}

/** The process tree under `pid`, `pid` first. */
export function processTree(pid: number): number[] {
  const all = [pid];
  for (let index = 0; index < all.length; index++) all.push(...childrenOf(all[index]!));
  return all;
}

/** Inodes of the sockets listening on 127.0.0.1:`port` (from /proc/net/tcp). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const localPort = Number.parseInt(fields[1]!.split(':')[1] ?? '', 16);
      if (localPort === port && fields[3] === '0A') inodes.add(fields[9]!); // 0A = LISTEN
    }
  }
  return inodes;
}

/** Which process of the tree holds the socket listening on `port`. */
export function findServingPid(rootPid: number, port: number): number | null {
  const inodes = listeningInodes(port);
  for (const pid of processTree(rootPid)) {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const match = /^socket:\[(\d+)\]$/.exec(link);
        if (match && inodes.has(match[1]!)) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

/** Resident memory of one process in bytes (VmRSS of /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`No VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

let clockTicks: number | undefined;

/** CPU time (user + system) a process has used so far, in milliseconds (/proc/<pid>/stat). */
export function cpuMs(pid: number): number {
  if (clockTicks === undefined) {
    const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    clockTicks = Number(result.stdout?.trim()) || 100;
  }
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: the fields after it start past the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

function tail(file: string, lines = 60): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function startServer(options: { databaseUrl: string; authSecret: string; logFile: string }): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const out = fs.openSync(options.logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      // Next loads .env files only for variables that are undefined: set these (empty) so none leak in.
      PGLITE_DIR: '',
      RESEND_API_KEY: '',
      RESEND_BASE_URL: '',
      AUTH_SECRET: options.authSecret,
      // The mailbox on a production server needs a loopback public URL (127.0.0.1 is one). APP_URL is
      // the one public URL; AUTH_URL is set empty so that none from the caller can disagree with it.
      EMAIL_TRANSPORT: 'mailbox',
      APP_URL: url,
      AUTH_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const pid = child.pid!;
  const exited = () => child.exitCode !== null || child.signalCode !== null;

  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited()) return resolve();
      const timer = setTimeout(() => {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }, 10_000);
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
  const onExit = () => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  };
  process.once('exit', onExit);

  const deadline = Date.now() + 60_000;
  let last = '';
  for (;;) {
    if (exited()) throw new Error(`next start exited early (code ${child.exitCode})\n${tail(options.logFile)}`);
    try {
      const response = await fetch(`${url}/login`, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status < 500) break;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String((error as Error).cause ?? error);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within 60 s (last: ${last})\n${tail(options.logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const servingPid = findServingPid(pid, port);
  if (servingPid === null) {
    await stop();
    throw new Error(`Could not find the process listening on port ${port} under pid ${pid}`);
  }
  return {
    url,
    port,
    pid,
    servingPid,
    async stop() {
      process.off('exit', onExit);
      await stop();
    },
  };
}
