// The benchmark's view of the production build and of `next start` (tests/support/next-server.ts starts
// it): whether the build is fresh, which process of the server's tree serves, and that process's memory
// and CPU time, read from /proc.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp, distDir, root, startNextServer, type NextServer } from '../tests/support/next-server';

const buildId = path.join(distDir(), 'BUILD_ID');

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
  const sources = [
    'app',
    'components',
    'lib',
    'db',
    'emails',
    'next.config.mjs',
    'package-lock.json',
    'tsconfig.json',
  ];
  return sources.every((entry) => newestMtime(path.join(root, entry)) <= built);
}

export function hasBuild(): boolean {
  return fs.existsSync(buildId);
}

/** `next build` into the usual folder; returns how long it took in ms. */
export function build(logFile: string): number {
  return buildApp({ logFile });
}

export interface Server extends NextServer {
  /** The PID that owns the listening socket (the spawned one, or a child of it). */
  servingPid: number;
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
  for (let index = 0; index < all.length; index++) all.push(...childrenOf(all[index]));
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
      const localPort = Number.parseInt(fields[1].split(':')[1] ?? '', 16);
      if (localPort === port && fields[3] === '0A') inodes.add(fields[9]); // 0A = LISTEN
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
        if (match && inodes.has(match[1])) return pid;
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

/**
 * `next start` on 127.0.0.1 (autocannon loads nothing else) with the mailbox transport, on `databaseUrl`,
 * and the process that actually serves it.
 */
export async function startServer(options: {
  databaseUrl: string;
  authSecret: string;
  logFile: string;
}): Promise<Server> {
  const server = await startNextServer({
    host: '127.0.0.1',
    logFile: options.logFile,
    timeoutMs: 60_000,
    // The mailbox on a production server needs a loopback public URL (127.0.0.1 is one).
    // SCIM's per-token limit is lifted: the load would otherwise measure the 429s (bench/scim.ts).
    env: {
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: options.authSecret,
      EMAIL_TRANSPORT: 'mailbox',
      SCIM_REQUESTS_PER_MINUTE: '1000000000',
    },
  });
  const servingPid = findServingPid(server.pid, server.port);
  if (servingPid === null) {
    await server.stop();
    throw new Error(`Could not find the process listening on port ${server.port} under pid ${server.pid}`);
  }
  return { ...server, servingPid };
}
