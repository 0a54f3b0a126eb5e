// Global setup of the browser tests: build the app (unless E2E_SKIP_BUILD=1), make a fresh database
// (a temporary PGlite folder, or a new database on the PostgreSQL server of E2E_DATABASE_URL), seed the
// fixtures, start `next start` on a free port, and hand the base URL and the fixture file to the tests.
// Teardown stops the server by its PID and removes what this run made.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  buildApp,
  distDir,
  freePort,
  root,
  startNextServer,
  tail,
  type NextServer,
} from '../support/next-server';
import { E2E_WEBHOOK_SECRET } from './support/webhook-secret';

const artifacts = path.join(root, '.artifacts', 'e2e');

function log(message: string) {
  process.stdout.write(`[e2e] ${message}\n`);
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

export default async function setup(project: TestProject) {
  // Screenshots and axe reports of an earlier run would only confuse.
  for (const dir of ['screenshots', 'axe'])
    fs.rmSync(path.join(artifacts, dir), { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const started = Date.now();

  // 1. Build.
  if (process.env.E2E_SKIP_BUILD !== '1') {
    log('next build …');
    buildApp({ logFile: path.join(artifacts, 'build.log') });
    log(`next build done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } else if (!fs.existsSync(path.join(distDir(), 'BUILD_ID'))) {
    throw new Error(`E2E_SKIP_BUILD=1 but there is no build in ${distDir()}: run \`next build\` first`);
  }

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aihub-e2e-'));
  const fixturesFile = path.join(tempDir, 'fixtures.json');
  const databaseEnv: Record<string, string> = {};
  let dropDatabase: (() => Promise<void>) | undefined;
  let server: NextServer | undefined;
  const cleanup = async () => {
    await server?.stop();
    server = undefined;
    await dropDatabase?.().catch((error) => log(`could not drop the database: ${error}`));
    dropDatabase = undefined;
    fs.rmSync(tempDir, { recursive: true, force: true });
  };

  try {
    // 2. A fresh database.
    if (process.env.E2E_DATABASE_URL) {
      const created = await createPostgresDatabase(process.env.E2E_DATABASE_URL);
      dropDatabase = () => created.drop();
      databaseEnv.DATABASE_URL = created.url;
      log(`database: PostgreSQL ${created.name}`);
    } else {
      databaseEnv.PGLITE_DIR = path.join(tempDir, 'pglite');
      log(`database: PGlite ${databaseEnv.PGLITE_DIR}`);
    }

    // 3. Fixtures, in their own process, which exits before the server opens the database. Like the
    // server, it takes no database or email service from the caller's environment or .env files.
    const seedLog = path.join(artifacts, 'seed.log');
    const seed = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        './scripts/outside-next.mjs',
        path.join(root, 'tests', 'e2e', 'fixtures', 'seed.ts'),
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: '',
          PGLITE_DIR: '',
          RESEND_API_KEY: '',
          ...databaseEnv,
          E2E_FIXTURES_FILE: fixturesFile,
          NEXT_TELEMETRY_DISABLED: '1',
        },
        encoding: 'utf8',
      },
    );
    fs.writeFileSync(seedLog, `${seed.stdout ?? ''}\n${seed.stderr ?? ''}`);
    if (seed.status !== 0 || !fs.existsSync(fixturesFile)) {
      throw new Error(`The fixture step failed (status ${seed.status}):\n${tail(seedLog, 40)}`);
    }

    // 4. The server.
    const oidcPort = await freePort();
    const serverLogFile = path.join(artifacts, 'server.log');
    log(`next start …; log in ${path.relative(root, serverLogFile)}`);
    server = await startNextServer({
      logFile: serverLogFile,
      env: {
        ...databaseEnv,
        AUTH_SECRET: randomBytes(32).toString('base64'),
        // The mailbox is allowed on a production server only because the public URL (APP_URL, the
        // server's own) is a loopback address. AUTH_URL stays empty: the app hands Auth.js APP_URL.
        EMAIL_TRANSPORT: 'mailbox',
        // Domains are looked up with the development resolver, which answers the records published on
        // /dev/dns (domains.e2e.ts publishes one there, as a newcomer would).
        DNS_SERVERS: 'development',
        // invitations.e2e.ts resends an invitation right after sending it (the product's "add the same
        // address again"); the default 60 s cooldown would make that test wait a minute.
        INVITATION_RESEND_COOLDOWN_SECONDS: '0',
        // delivery.e2e.ts signs Resend's webhook events with the suite's own secret.
        RESEND_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET,
        // sso.e2e.ts signs in through the development OpenID provider, which a production server starts
        // only when set on purpose (its public URL being loopback), on a port of its own.
        DEVELOPMENT_OIDC_PORT: String(oidcPort),
      },
    });
    log(
      `next start (pid ${server.pid}) on ${server.url}: ready after ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );

    project.provide('baseUrl', server.url);
    project.provide('fixturesFile', fixturesFile);
    project.provide('serverLogFile', serverLogFile);
    project.provide('developmentOidcIssuer', `http://127.0.0.1:${oidcPort}`);
  } catch (error) {
    await cleanup();
    throw error;
  }

  return cleanup;
}
