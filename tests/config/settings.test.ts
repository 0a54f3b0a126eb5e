// Every environment variable is read through one schema (lib/config/settings.mjs, finding 10 of issue 12,
// SECURITY.md): a malformed value is refused with the variable's name and what it must be, never
// replaced by the default; unset and empty values give the defaults they always gave.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  SETTING_NAMES,
  appUrl,
  defaultSeatLimit,
  emailFrom,
  emailRetrySettings,
  emailTimeoutMs,
  emailTransport,
  emailWaitMs,
  housekeepingSettings,
  invitationLookupsPerMinute,
  invitationSettings,
  organizationsPerAccountPerDay,
  resendWebhookSecret,
  scimSettings,
  settingsProblems,
  signInEmailsPerAddressPerHour,
  trustedProxyHops,
  workerInServer,
  type Env,
} from '@/lib/config';

type Reader = (env: Env) => unknown;

/** A variable, a malformed value, the sentence that refuses it, and a function the app reads it with. */
const MALFORMED: { name: string; value: string; message: string; read: Reader }[] = [
  {
    name: 'INVITATION_TTL_HOURS',
    value: 'abc',
    message: 'INVITATION_TTL_HOURS must be a whole number of hours ≥ 1, not "abc".',
    read: invitationSettings,
  },
  {
    name: 'INVITATION_TTL_HOURS',
    value: '0',
    message: 'INVITATION_TTL_HOURS must be a whole number of hours ≥ 1, not "0".',
    read: invitationSettings,
  },
  {
    name: 'INVITATION_RESEND_COOLDOWN_SECONDS',
    value: '-1',
    message: 'INVITATION_RESEND_COOLDOWN_SECONDS must be a whole number of seconds ≥ 0, not "-1".',
    read: invitationSettings,
  },
  {
    name: 'INVITATIONS_PER_ORGANIZATION_PER_HOUR',
    value: '1e3',
    message: 'INVITATIONS_PER_ORGANIZATION_PER_HOUR must be a whole number of invitations ≥ 1, not "1e3".',
    read: invitationSettings,
  },
  {
    name: 'INVITATIONS_PER_ACCOUNT_PER_DAY',
    value: '1,000',
    message: 'INVITATIONS_PER_ACCOUNT_PER_DAY must be a whole number of invitations ≥ 1, not "1,000".',
    read: invitationSettings,
  },
  {
    name: 'INVITATIONS_PER_ADDRESS_PER_DAY',
    value: '2.5',
    message: 'INVITATIONS_PER_ADDRESS_PER_DAY must be a whole number of invitations ≥ 1, not "2.5".',
    read: invitationSettings,
  },
  {
    name: 'ORGANIZATIONS_PER_ACCOUNT_PER_DAY',
    value: '0x10',
    message: 'ORGANIZATIONS_PER_ACCOUNT_PER_DAY must be a whole number of organizations ≥ 1, not "0x10".',
    read: organizationsPerAccountPerDay,
  },
  {
    name: 'DEFAULT_SEAT_LIMIT',
    value: '0',
    message: 'DEFAULT_SEAT_LIMIT must be a whole number of seats ≥ 1 (unset: no limit), not "0".',
    read: defaultSeatLimit,
  },
  {
    name: 'INVITATION_LOOKUPS_PER_MINUTE',
    value: 'sixty',
    message: 'INVITATION_LOOKUPS_PER_MINUTE must be a whole number of requests ≥ 1, not "sixty".',
    read: invitationLookupsPerMinute,
  },
  {
    name: 'TRUSTED_PROXY_HOPS',
    value: '0',
    message: 'TRUSTED_PROXY_HOPS must be a whole number of proxies ≥ 1, not "0".',
    read: trustedProxyHops,
  },
  {
    name: 'SIGN_IN_EMAILS_PER_ADDRESS_PER_HOUR',
    value: '20/h',
    message: 'SIGN_IN_EMAILS_PER_ADDRESS_PER_HOUR must be a whole number of emails ≥ 1, not "20/h".',
    read: signInEmailsPerAddressPerHour,
  },
  {
    name: 'HOUSEKEEPING_SCHEDULE',
    value: 'every ten minutes',
    message:
      'HOUSEKEEPING_SCHEDULE must be a cron expression of five fields, like "*/10 * * * *", not "every ten minutes".',
    read: housekeepingSettings,
  },
  {
    name: 'PRUNE_EXPIRED_BATCH',
    value: '0',
    message: 'PRUNE_EXPIRED_BATCH must be a whole number of rows ≥ 1, not "0".',
    read: housekeepingSettings,
  },
  {
    name: 'EMAIL_WORKER',
    value: 'of',
    message: 'EMAIL_WORKER must be "on" or "off", not "of".',
    read: workerInServer,
  },
  {
    name: 'EMAIL_WAIT_MS',
    value: '5s',
    message: 'EMAIL_WAIT_MS must be a whole number of milliseconds ≥ 0, not "5s".',
    read: emailWaitMs,
  },
  {
    name: 'EMAIL_RETRY_LIMIT',
    value: '-2',
    message: 'EMAIL_RETRY_LIMIT must be a whole number of retries ≥ 0, not "-2".',
    read: emailRetrySettings,
  },
  {
    name: 'EMAIL_RETRY_DELAY_SECONDS',
    value: '0',
    message: 'EMAIL_RETRY_DELAY_SECONDS must be a whole number of seconds ≥ 1, not "0".',
    read: emailRetrySettings,
  },
  {
    name: 'EMAIL_TIMEOUT_MS',
    value: '0',
    message: 'EMAIL_TIMEOUT_MS must be a whole number of milliseconds ≥ 1, not "0".',
    read: (env) => emailTimeoutMs(env),
  },
  {
    name: 'SCIM_TOKEN_TTL_DAYS',
    value: '1y',
    message: 'SCIM_TOKEN_TTL_DAYS must be a whole number of days ≥ 1, not "1y".',
    read: scimSettings,
  },
  {
    name: 'SCIM_REQUESTS_PER_MINUTE',
    value: 'unlimited',
    message: 'SCIM_REQUESTS_PER_MINUTE must be a whole number of requests ≥ 1, not "unlimited".',
    read: scimSettings,
  },
  {
    name: 'EMAIL_TRANSPORT',
    value: 'smtp',
    message: 'EMAIL_TRANSPORT must be "resend" or "mailbox", not "smtp".',
    read: emailTransport,
  },
  {
    name: 'EMAIL_FROM',
    value: 'no-reply',
    message: 'EMAIL_FROM must be an address or "Name <address>", not "no-reply".',
    read: emailFrom,
  },
  {
    name: 'PORT',
    value: 'eighty',
    message: 'PORT must be a port number from 1 to 65535, not "eighty".',
    read: appUrl,
  },
];

/** Secrets: refused with what they must be, never with their value. */
const MALFORMED_SECRETS: { name: string; value: string; message: RegExp; read?: Reader }[] = [
  {
    name: 'RESEND_WEBHOOK_SECRET',
    value: 'hunter2-webhook',
    message: /^RESEND_WEBHOOK_SECRET must be the signing secret Resend shows, whsec_ followed by base64/,
    read: (env) => resendWebhookSecret(env),
  },
  {
    name: 'DATABASE_URL',
    value: 'mysql://app:hunter2-database@db.example.com/aihub',
    message: /^DATABASE_URL must be a PostgreSQL URL, postgres:\/\/user:password@host:port\/database/,
  },
];

describe('a malformed variable', () => {
  it.each(MALFORMED)(
    '$name=$value is refused with its name and what it must be',
    ({ name, value, message, read }) => {
      const env = { [name]: value };
      expect(() => read(env)).toThrow(ConfigurationError);
      expect(() => read(env)).toThrow(message);
      expect(settingsProblems(env)).toEqual([message]);
    },
  );

  it.each(MALFORMED_SECRETS)(
    '$name is refused without its value being repeated',
    ({ name, value, message, read }) => {
      const env = { [name]: value };
      const problems = settingsProblems(env);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(message);
      expect(problems[0]).not.toContain('hunter2');
      if (read) expect(() => read(env)).toThrow(message);
    },
  );

  it('APP_URL and AUTH_URL are checked by the public URL’s own rule (lib/config/deployment.mjs)', () => {
    expect(settingsProblems({ APP_URL: 'console.example.com' })).toEqual([
      expect.stringMatching(/^APP_URL must be the public origin of the console/),
    ]);
    expect(settingsProblems({ APP_URL: 'https://a.example.com', AUTH_URL: 'https://b.example.com' })).toEqual(
      [expect.stringMatching(/differ/)],
    );
  });

  it('every malformed variable is listed at once, each in its own sentence', () => {
    const onePerName = MALFORMED.filter(
      (entry, index) => MALFORMED.findIndex((other) => other.name === entry.name) === index,
    );
    const env = Object.fromEntries(onePerName.map(({ name, value }) => [name, value]));
    expect(new Set(settingsProblems(env))).toEqual(new Set(onePerName.map(({ message }) => message)));
  });
});

describe('unset, empty and well-formed values', () => {
  it('every default is what it was before the schema', () => {
    for (const env of [{}, Object.fromEntries(SETTING_NAMES.map((name) => [name, '']))]) {
      expect(settingsProblems(env)).toEqual([]);
      expect(invitationSettings(env)).toEqual({
        ttlMs: 7 * 24 * 3_600_000,
        resendCooldownMs: 60_000,
        perOrganizationPerHour: 500,
        perAccountPerDay: 1000,
        perAddressPerDay: 5,
        maxPerBatch: 100,
      });
      expect(organizationsPerAccountPerDay(env)).toBe(10);
      expect(defaultSeatLimit(env)).toBeNull();
      expect(invitationLookupsPerMinute(env)).toBe(60);
      expect(trustedProxyHops(env)).toBe(1);
      expect(signInEmailsPerAddressPerHour(env)).toBe(20);
      expect(housekeepingSettings(env)).toEqual({ schedule: '*/10 * * * *', batch: 1000 });
      expect(workerInServer(env)).toBe(true);
      expect(emailWaitMs(env)).toBe(5000);
      expect(emailRetrySettings(env)).toEqual({ retryLimit: 5, retryDelay: 5 });
      expect(emailTimeoutMs(env)).toBe(10_000);
      expect(scimSettings(env)).toEqual({ tokenTtlMs: 365 * 24 * 3_600_000, requestsPerMinute: 600 });
      expect(emailFrom(env)).toBe('AI Hub <no-reply@aihub.localhost>');
      expect(emailTransport(env)).toBe('mailbox');
      expect(resendWebhookSecret(env)).toBeUndefined();
      expect(appUrl(env)).toBe('http://localhost:3000');
    }
  });

  it('a blank value is unset too, and a well-formed one is read as written (surrounding spaces aside)', () => {
    expect(invitationSettings({ INVITATION_TTL_HOURS: '   ' }).ttlMs).toBe(7 * 24 * 3_600_000);
    expect(invitationSettings({ INVITATION_TTL_HOURS: ' 48 ' }).ttlMs).toBe(48 * 3_600_000);
    expect(invitationSettings({ INVITATION_RESEND_COOLDOWN_SECONDS: '0' }).resendCooldownMs).toBe(0);
    expect(defaultSeatLimit({ DEFAULT_SEAT_LIMIT: '25' })).toBe(25);
    expect(workerInServer({ EMAIL_WORKER: 'OFF' })).toBe(false);
    expect(emailWaitMs({ EMAIL_WAIT_MS: '0' })).toBe(0);
    expect(emailTransport({ EMAIL_TRANSPORT: ' Mailbox ' })).toBe('mailbox');
    expect(emailFrom({ EMAIL_FROM: 'no-reply@example.com' })).toBe('no-reply@example.com');
    expect(housekeepingSettings({ HOUSEKEEPING_SCHEDULE: ' 0 3 * * 1-5 ' }).schedule).toBe('0 3 * * 1-5');
  });
});

describe('the one schema', () => {
  /** Every `process.env.X` and `env.X` the app's own code reads. */
  function variablesRead(): Set<string> {
    const root = path.resolve(import.meta.dirname, '..', '..');
    const found = new Set<string>();
    const read = (file: string) => {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\b(?:process\.env|env)\.([A-Z][A-Z0-9_]+)/g)) found.add(match[1]);
    };
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.mts')) read(full);
      }
    };
    for (const dir of ['app', 'lib', 'db', 'scripts', 'components', 'emails']) walk(path.join(root, dir));
    for (const file of ['next.config.mjs', 'instrumentation.ts', 'proxy.ts']) read(path.join(root, file));
    return found;
  }

  it('every variable the app reads is declared in it (Next’s own and the tests’ aside)', () => {
    const notOurs = /^(NODE_ENV|VITEST|NEXT_[A-Z_]+|TEST_[A-Z_]+|E2E_[A-Z_]+)$/;
    const undeclared = [...variablesRead()].filter(
      (name) => !notOurs.test(name) && !(SETTING_NAMES as readonly string[]).includes(name),
    );
    expect(undeclared).toEqual([]);
  });
});
