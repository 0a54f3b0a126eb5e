// What a production server (`next start`) refuses to start without, through next.config.mjs itself:
// the public URL (findings 1 and 8 of the security review) next to AUTH_SECRET and the email transport.
// `next build` needs none of it. tests/e2e/host-header.e2e.ts starts a real `next start` the same way.
// And a malformed variable (finding 10 of issue 12): `next start`, `npm run dev` and `npm run worker`
// refuse it, naming the variable and what it must be, run here as the real commands.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from 'next/constants.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { freePort, root } from '../support/next-server';

// next.config.mjs is plain JavaScript with no type declarations; its default export takes the phase.
let config: (phase: string) => unknown;
beforeAll(async () => {
  // `as string` keeps TypeScript from looking for declarations the plain-JavaScript config does not have.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  ({ default: config } = (await import('@/next.config.mjs' as string)) as { default: typeof config });
});

const KEYS = [
  'APP_URL',
  'AUTH_URL',
  'AUTH_SECRET',
  'EMAIL_TRANSPORT',
  'RESEND_API_KEY',
  'PORT',
  'INVITATION_TTL_HOURS',
  'EMAIL_WORKER',
] as const;

class Exited extends Error {}

/** Runs next.config.mjs for `phase` with `settings` as the environment: the refusal printed, or null if it started. */
function start(settings: Record<string, string>, phase = PHASE_PRODUCTION_SERVER): string | null {
  for (const key of KEYS) vi.stubEnv(key, undefined);
  for (const [key, value] of Object.entries(settings)) vi.stubEnv(key, value);
  const printed: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
  const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Exited(`exit ${code}`);
  });
  try {
    config(phase);
    return null;
  } catch (error) {
    if (!(error instanceof Exited)) throw error;
    expect(exit).toHaveBeenCalledWith(1);
    return printed.join('\n');
  }
}

/** The refusal `next start` prints for `settings`; fails the test if the server would have started. */
function refusal(settings: Record<string, string>): string {
  const printed = start(settings);
  if (printed === null) expect.fail(`it started with ${JSON.stringify(settings)}`);
  return printed;
}

const SECRET = { AUTH_SECRET: 'a-secret' };

beforeEach(() => vi.restoreAllMocks());
afterEach(() => vi.restoreAllMocks());

describe('the public URL', () => {
  it('a production server without APP_URL refuses to start and says to set APP_URL', () => {
    const printed = refusal({ ...SECRET, RESEND_API_KEY: 're_x' });
    expect(printed).toMatch(/APP_URL is not set/);
    expect(printed).toContain('APP_URL=https://');
  });

  it('APP_URL and AUTH_URL that differ refuse to start, naming both', () => {
    const printed = refusal({
      ...SECRET,
      RESEND_API_KEY: 're_x',
      APP_URL: 'https://console.example.com',
      AUTH_URL: 'https://other.example.com',
    });
    expect(printed).toMatch(
      /APP_URL \(https:\/\/console\.example\.com\) and AUTH_URL \(https:\/\/other\.example\.com\) differ/,
    );
  });

  it('a public URL that is not an http(s) origin refuses to start', () => {
    expect(refusal({ ...SECRET, RESEND_API_KEY: 're_x', APP_URL: 'console.example.com' })).toMatch(
      /APP_URL must be/,
    );
    expect(refusal({ ...SECRET, RESEND_API_KEY: 're_x', APP_URL: 'https://example.com/console' })).toMatch(
      /APP_URL must be/,
    );
  });

  it('starts with APP_URL alone, with AUTH_URL alone, and with both when they agree', () => {
    expect(start({ ...SECRET, RESEND_API_KEY: 're_x', APP_URL: 'https://console.example.com' })).toBeNull();
    expect(start({ ...SECRET, RESEND_API_KEY: 're_x', AUTH_URL: 'https://console.example.com' })).toBeNull();
    expect(
      start({
        ...SECRET,
        RESEND_API_KEY: 're_x',
        APP_URL: 'https://console.example.com/',
        AUTH_URL: 'https://console.example.com',
      }),
    ).toBeNull();
  });

  it('`next build` and `next dev` need no public URL', () => {
    expect(start({}, PHASE_PRODUCTION_BUILD)).toBeNull();
    expect(start({}, PHASE_DEVELOPMENT_SERVER)).toBeNull();
  });
});

describe('the development mailbox on a production server', () => {
  it('refuses to start when the public URL is not this machine, and says why', () => {
    const printed = refusal({
      ...SECRET,
      EMAIL_TRANSPORT: 'mailbox',
      APP_URL: 'https://console.example.com',
    });
    expect(printed).toMatch(/EMAIL_TRANSPORT=mailbox/);
    expect(printed).toMatch(/loopback/);
    expect(printed).toContain('/dev/mailbox');
    // A host name that merely starts like a loopback address is not one.
    expect(
      refusal({ ...SECRET, EMAIL_TRANSPORT: 'mailbox', APP_URL: 'http://127.0.0.1.evil.example' }),
    ).toMatch(/EMAIL_TRANSPORT=mailbox/);
    expect(
      refusal({ ...SECRET, EMAIL_TRANSPORT: 'mailbox', APP_URL: 'http://localhost.evil.example:3000' }),
    ).toMatch(/EMAIL_TRANSPORT=mailbox/);
  });

  it('starts when the public URL is a loopback address: localhost, 127.0.0.0/8, [::1]', () => {
    for (const url of [
      'http://localhost:3000',
      'http://127.0.0.1:4000',
      'http://127.8.9.10',
      'http://[::1]:3000',
    ]) {
      expect(start({ ...SECRET, EMAIL_TRANSPORT: 'mailbox', APP_URL: url }), url).toBeNull();
    }
  });

  it('still refuses without AUTH_SECRET or without a chosen transport (the checks that were there)', () => {
    expect(refusal({ EMAIL_TRANSPORT: 'mailbox', APP_URL: 'http://localhost:3000' })).toMatch(
      /AUTH_SECRET is not set/,
    );
    expect(refusal({ ...SECRET, APP_URL: 'https://console.example.com' })).toMatch(/No email transport/);
  });
});

const TTL_REFUSAL = 'INVITATION_TTL_HOURS must be a whole number of hours ≥ 1, not "abc".';

describe('a malformed variable', () => {
  const trial = { ...SECRET, EMAIL_TRANSPORT: 'mailbox', APP_URL: 'http://localhost:3000' };

  it('a production server refuses to start with INVITATION_TTL_HOURS=abc, naming it and what it must be', () => {
    expect(start(trial)).toBeNull();
    expect(refusal({ ...trial, INVITATION_TTL_HOURS: 'abc' })).toContain(TTL_REFUSAL);
  });

  it('`next dev` refuses it the same way, and lists every malformed variable with the missing ones', () => {
    const printed = start({ INVITATION_TTL_HOURS: 'abc', EMAIL_WORKER: 'maybe' }, PHASE_DEVELOPMENT_SERVER);
    expect(printed).toContain(TTL_REFUSAL);
    expect(printed).toContain('EMAIL_WORKER must be "on" or "off", not "maybe".');
    expect(refusal({ INVITATION_TTL_HOURS: 'abc' })).toMatch(
      /AUTH_SECRET is not set[\s\S]*INVITATION_TTL_HOURS/,
    );
  });

  it('`next build` does not read them', () => {
    expect(start({ INVITATION_TTL_HOURS: 'abc' }, PHASE_PRODUCTION_BUILD)).toBeNull();
  });
});

/** Commands started by the tests below and not yet seen to exit: stopped after each test, by group. */
const running = new Set<number>();
afterEach(() => {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  running.clear();
});

/**
 * Runs `command` from the repository's root with the app's variables cleared and `env` on top; resolves
 * with its exit code and output once it exits, or rejects (after stopping it by its process group) if
 * it is still running after `timeoutMs`, that is, if it started.
 */
function runToRefusal(command: string[], env: Record<string, string>, timeoutMs = 40_000) {
  const cleared = Object.fromEntries(
    [
      'DATABASE_URL',
      'PGLITE_DIR',
      'RESEND_API_KEY',
      'EMAIL_TRANSPORT',
      'APP_URL',
      'AUTH_URL',
      'NODE_ENV',
    ].map((key) => [key, undefined]),
  );
  const child = spawn(command[0], command.slice(1), {
    cwd: root,
    env: { ...process.env, ...cleared, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that `next dev` and the server it forks are stopped with it.
    detached: true,
  });
  running.add(child.pid!);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      reject(new Error(`still running after ${timeoutMs / 1000} s, so it started:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      running.delete(child.pid!);
      resolve({ code, output });
    });
  });
}

describe('the real commands refuse a malformed variable', { timeout: 60_000 }, () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aihub-startup-'));
  afterEach(() => fs.rmSync(path.join(scratch, 'pglite'), { recursive: true, force: true }));

  it('`next start` with INVITATION_TTL_HOURS=abc exits non-zero with the variable and what it must be', async () => {
    const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
    const { code, output } = await runToRefusal(
      [process.execPath, next, 'start', '-p', String(await freePort()), '-H', '127.0.0.1'],
      {
        NODE_ENV: 'production',
        // No build there: were the variable taken, it would stop for the missing build, not this.
        NEXT_DIST_DIR: path.relative(root, path.join(scratch, 'no-build')),
        AUTH_SECRET: 'a-secret',
        EMAIL_TRANSPORT: 'mailbox',
        APP_URL: 'http://localhost:3000',
        INVITATION_TTL_HOURS: 'abc',
      },
    );
    expect(code).not.toBe(0);
    expect(output).toContain(TTL_REFUSAL);
  });

  it('`npm run dev` (scripts/dev.mjs) with INVITATION_TTL_HOURS=abc exits non-zero with the same sentence', async () => {
    const { code, output } = await runToRefusal(
      [process.execPath, 'scripts/dev.mjs', '-p', String(await freePort())],
      { AUTH_SECRET: 'a-secret', PGLITE_DIR: path.join(scratch, 'pglite'), INVITATION_TTL_HOURS: 'abc' },
    );
    expect(code).not.toBe(0);
    expect(output).toContain(TTL_REFUSAL);
  });

  it('`npm run worker` with INVITATION_TTL_HOURS=abc exits non-zero with the same sentence, before connecting', async () => {
    const { code, output } = await runToRefusal(
      [process.execPath, '--import', 'tsx', '--import', './scripts/outside-next.mjs', 'scripts/worker.ts'],
      // Port 9 (discard) refuses connections: a worker that got as far as the database says so instead.
      { DATABASE_URL: 'postgres://aihub@127.0.0.1:9/aihub', INVITATION_TTL_HOURS: 'abc' },
    );
    expect(code).not.toBe(0);
    expect(output).toContain(TTL_REFUSAL);
    expect(output).not.toMatch(/could not start/);
  });
});
