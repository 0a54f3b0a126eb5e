// Global setup of the browser tests: build the app (unless E2E_SKIP_BUILD=1), make a fresh database
// (a temporary PGlite folder, or a new database on the PostgreSQL server of E2E_DATABASE_URL), seed the
// fixtures, start `next start` on a free port, and hand the base URL and the fixture file to the tests.
// Teardown stops the server by its PID and removes what this run made.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

const root = path.resolve(import.meta.dirname, '..', '..');
const artifacts = path.join(root, '.artifacts', 'e2e');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
/** Where the build lives: next.config.mjs honours NEXT_DIST_DIR (so two builds can live side by side). */
const distDir = process.env.NEXT_DIST_DIR || '.next';

function log(message: string) {
  process.stdout.write(`[e2e] ${message}\n`);
}

function freePort(): Promise<number> {
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

function tail(file: string, lines = 80): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** A new, empty database on the server of `baseUrl`; `drop` removes it (only it). */
async function createPostgresDatabase(baseUrl: string) {
  const { default: postgres } = await import('postgres');
  const name = `aihub_e2e_${randomBytes(6).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const again = postgres(baseUrl, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`next start exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      // Any answer from Next (the login page is 200; a redirect is fine too) means it is up.
      if (response.status < 500) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = String((error as Error).cause ?? error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer ${url} within ${timeoutMs / 1000} s (last: ${lastError})`);
}

function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(child.pid!, 'SIGKILL');
      } catch {
        // gone already
      }
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(child.pid!, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

export default async function setup(project: TestProject) {
  // Screenshots and axe reports of an earlier run would only confuse.
  for (const dir of ['screenshots', 'axe']) fs.rmSync(path.join(artifacts, dir), { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const started = Date.now();

  // 1. Build.
  if (process.env.E2E_SKIP_BUILD !== '1') {
    log('next build …');
    const buildLog = path.join(artifacts, 'build.log');
    const build = spawnSync(process.execPath, [nextBin, 'build'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    fs.writeFileSync(buildLog, `${build.stdout ?? ''}\n${build.stderr ?? ''}`);
    if (build.status !== 0) {
      throw new Error(`next build failed (status ${build.status}); log in ${buildLog}:\n${tail(buildLog, 60)}`);
    }
    log(`next build done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } else if (!fs.existsSync(path.join(root, distDir, 'BUILD_ID'))) {
    throw new Error(`E2E_SKIP_BUILD=1 but there is no build in ${distDir}: run \`next build\` first`);
  }

  // Never let the seed or the server take another database or a real email service from the caller's
  // environment or from .env files: Next loads .env* only for variables that are undefined, so these
  // are set (empty) rather than deleted.
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '', PGLITE_DIR: '', RESEND_API_KEY: '' };

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aihub-e2e-'));
  const fixturesFile = path.join(tempDir, 'fixtures.json');
  const databaseEnv: Record<string, string> = {};
  let dropDatabase: (() => Promise<void>) | undefined;
  let server: ChildProcess | undefined;
  const cleanup = async () => {
    await stopServer(server);
    server = undefined;
    await dropDatabase?.().catch((error) => log(`could not drop the database: ${error}`));
    dropDatabase = undefined;
    fs.rmSync(tempDir, { recursive: true, force: true });
  };

  try {
    // 2. A fresh database.
    if (process.env.E2E_DATABASE_URL) {
      const created = await createPostgresDatabase(process.env.E2E_DATABASE_URL);
      dropDatabase = created.drop;
      databaseEnv.DATABASE_URL = created.url;
      log(`database: PostgreSQL ${created.name}`);
    } else {
      databaseEnv.PGLITE_DIR = path.join(tempDir, 'pglite');
      log(`database: PGlite ${databaseEnv.PGLITE_DIR}`);
    }

    // 3. Fixtures, in their own process, which exits before the server opens the database.
    const seedLog = path.join(artifacts, 'seed.log');
    const seed = spawnSync(process.execPath, ['--import', 'tsx', '--import', './scripts/outside-next.mjs', path.join(root, 'tests', 'e2e', 'fixtures', 'seed.ts')], {
      cwd: root,
      env: { ...baseEnv, ...databaseEnv, E2E_FIXTURES_FILE: fixturesFile, NEXT_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
    });
    fs.writeFileSync(seedLog, `${seed.stdout ?? ''}\n${seed.stderr ?? ''}`);
    if (seed.status !== 0 || !fs.existsSync(fixturesFile)) {
      throw new Error(`The fixture step failed (status ${seed.status}):\n${tail(seedLog, 40)}`);
    }

    // 4. The server.
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const serverLogFile = path.join(artifacts, 'server.log');
    const out = fs.openSync(serverLogFile, 'w');
    server = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: root,
      env: {
        ...baseEnv,
        ...databaseEnv,
        NODE_ENV: 'production',
        AUTH_SECRET: randomBytes(32).toString('base64'),
        // The mailbox is allowed on a production server only because this public URL is a loopback
        // address. APP_URL alone, as the README says: the app hands Auth.js the same URL (AUTH_URL is set
        // empty so that a value from the caller or a .env file cannot disagree with it).
        EMAIL_TRANSPORT: 'mailbox',
        APP_URL: baseUrl,
        AUTH_URL: '',
        NEXT_TELEMETRY_DISABLED: '1',
        // invitations.e2e.ts resends an invitation right after sending it (the product's "add the same
        // address again"); the default 60 s cooldown would make that test wait a minute.
        INVITATION_RESEND_COOLDOWN_SECONDS: '0',
      },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    log(`next start (pid ${server.pid}) on ${baseUrl}; log in ${path.relative(root, serverLogFile)}`);
    try {
      await waitForServer(`${baseUrl}/login`, server, 90_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- server log (tail) ---\n${tail(serverLogFile)}`);
    }
    log(`ready after ${((Date.now() - started) / 1000).toFixed(0)} s`);

    project.provide('baseUrl', baseUrl);
    project.provide('fixturesFile', fixturesFile);
    project.provide('serverLogFile', serverLogFile);
  } catch (error) {
    await cleanup();
    throw error;
  }

  // Also stop the server if the run is interrupted.
  const onSignal = () => {
    if (server?.pid !== undefined) {
      try {
        process.kill(server.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  };
  process.once('exit', onSignal);

  return async () => {
    process.off('exit', onSignal);
    await cleanup();
  };
}
