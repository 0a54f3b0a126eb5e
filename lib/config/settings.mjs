// Every environment variable the app reads, in one zod schema: each one's rule, its default, and the
// sentence that refuses a malformed value with the variable's name and what it must be. Plain JavaScript,
// like deployment.mjs, because next.config.mjs (which Node loads as it is) refuses to start on the same
// rules that lib/config/index.ts reads by at run time. Empty or blank means unset. A malformed value is never
// replaced by the default: `setting` throws, and `next start`, `npm run dev` and `npm run worker` refuse
// to start (`startupProblems`). Finding 10 of issue 12, SECURITY.md.
import { z } from 'zod';
import { ConfigurationError, productionStartupProblems, publicUrl } from './deployment.mjs';
import {
  cron,
  dnsServers,
  oneOf,
  optionalWholeNumber,
  port,
  portOrOff,
  ruled,
  text,
  urlWith,
  wholeNumber,
} from './setting-rules.mjs';

/** @typedef {Record<string, string | undefined>} Env */

/** The schema: one entry per variable. Next's own (NODE_ENV, NEXT_*) and the tests' are not here. */
const FIELDS = {
  // The database (db/client.ts reads these two itself: db/ does not depend on lib/).
  DATABASE_URL: ruled('DATABASE_URL', {
    must: 'a PostgreSQL URL, postgres://user:password@host:port/database',
    parse: (value) => urlWith(value, ['postgres:', 'postgresql:']),
    secret: true,
  }),
  PGLITE_DIR: text,
  // Sign-in. APP_URL and AUTH_URL are checked together by publicUrl (deployment.mjs), below.
  AUTH_SECRET: text,
  APP_URL: text,
  AUTH_URL: text,
  AUTH_TRUST_HOST: text,
  PORT: port('PORT'),
  // Email.
  RESEND_API_KEY: text,
  RESEND_BASE_URL: ruled('RESEND_BASE_URL', {
    must: 'an http(s) URL',
    parse: (value) => urlWith(value, ['http:', 'https:']),
  }),
  EMAIL_FROM: ruled('EMAIL_FROM', {
    must: 'an address or "Name <address>"',
    parse: (value) =>
      /^(?:[^<>\p{Cc}]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/u.test(value) ? value : undefined,
  }).transform((value) => value ?? 'AI Hub <no-reply@aihub.localhost>'),
  EMAIL_TRANSPORT: oneOf('EMAIL_TRANSPORT', /** @type {const} */ (['resend', 'mailbox'])),
  EMAIL_TIMEOUT_MS: wholeNumber('EMAIL_TIMEOUT_MS', 'milliseconds', 1, 10_000),
  RESEND_WEBHOOK_SECRET: ruled('RESEND_WEBHOOK_SECRET', {
    must: 'the signing secret Resend shows, whsec_ followed by base64',
    parse: (value) => (/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(value) ? value : undefined),
    secret: true,
  }),
  // Invitations and limits.
  INVITATION_TTL_HOURS: wholeNumber('INVITATION_TTL_HOURS', 'hours', 1, 7 * 24),
  INVITATION_RESEND_COOLDOWN_SECONDS: wholeNumber('INVITATION_RESEND_COOLDOWN_SECONDS', 'seconds', 0, 60),
  INVITATIONS_PER_ORGANIZATION_PER_HOUR: wholeNumber(
    'INVITATIONS_PER_ORGANIZATION_PER_HOUR',
    'invitations',
    1,
    500,
  ),
  INVITATIONS_PER_ACCOUNT_PER_DAY: wholeNumber('INVITATIONS_PER_ACCOUNT_PER_DAY', 'invitations', 1, 1000),
  INVITATIONS_PER_ADDRESS_PER_DAY: wholeNumber('INVITATIONS_PER_ADDRESS_PER_DAY', 'invitations', 1, 5),
  ORGANIZATIONS_PER_ACCOUNT_PER_DAY: wholeNumber('ORGANIZATIONS_PER_ACCOUNT_PER_DAY', 'organizations', 1, 10),
  DEFAULT_SEAT_LIMIT: optionalWholeNumber('DEFAULT_SEAT_LIMIT', 'seats', 1, ' (unset: no limit)'),
  SCIM_TOKEN_TTL_DAYS: wholeNumber('SCIM_TOKEN_TTL_DAYS', 'days', 1, 365),
  SCIM_REQUESTS_PER_MINUTE: wholeNumber('SCIM_REQUESTS_PER_MINUTE', 'requests', 1, 600),
  INVITATION_LOOKUPS_PER_MINUTE: wholeNumber('INVITATION_LOOKUPS_PER_MINUTE', 'requests', 1, 60),
  SIGN_IN_EMAILS_PER_ADDRESS_PER_HOUR: wholeNumber('SIGN_IN_EMAILS_PER_ADDRESS_PER_HOUR', 'emails', 1, 20),
  // Background jobs and housekeeping.
  EMAIL_WORKER: oneOf('EMAIL_WORKER', /** @type {const} */ (['on', 'off'])).transform(
    (value) => value ?? 'on',
  ),
  EMAIL_WAIT_MS: wholeNumber('EMAIL_WAIT_MS', 'milliseconds', 0, 5000),
  EMAIL_RETRY_LIMIT: wholeNumber('EMAIL_RETRY_LIMIT', 'retries', 0, 5),
  EMAIL_RETRY_DELAY_SECONDS: wholeNumber('EMAIL_RETRY_DELAY_SECONDS', 'seconds', 1, 5),
  HOUSEKEEPING_SCHEDULE: cron('HOUSEKEEPING_SCHEDULE', '*/10 * * * *'),
  PRUNE_EXPIRED_BATCH: wholeNumber('PRUNE_EXPIRED_BATCH', 'rows', 1, 1000),
  // Verified domains (lib/domains): the DNS servers the lookup asks, and the daily re-check.
  DNS_SERVERS: ruled('DNS_SERVERS', {
    must: '"development" or a comma-separated list of address[:port], like "1.1.1.1,[2606:4700:4700::1111]:53"',
    parse: dnsServers,
  }),
  DNS_TIMEOUT_MS: wholeNumber('DNS_TIMEOUT_MS', 'milliseconds', 1, 2000),
  DNS_TRIES: wholeNumber('DNS_TRIES', 'tries', 1, 2),
  DEV_DNS_PORT: port('DEV_DNS_PORT', { min: 0, zero: ' (0: chosen by the system)' }),
  // Enterprise sign-in: the development OpenID provider (lib/sso/development), run by `npm run dev`.
  DEVELOPMENT_OIDC_PORT: portOrOff('DEVELOPMENT_OIDC_PORT'),
  DOMAIN_RECHECK_SCHEDULE: cron('DOMAIN_RECHECK_SCHEDULE', '17 4 * * *'),
  // Behind a proxy (SERVER_ACTIONS_ALLOWED_ORIGINS is read by next.config.mjs).
  TRUSTED_PROXY_HOPS: wholeNumber('TRUSTED_PROXY_HOPS', 'proxies', 1, 1),
  SERVER_ACTIONS_ALLOWED_ORIGINS: text,
};

/** @typedef {typeof FIELDS} Fields */

/** The name of every variable in the schema. */
export const SETTING_NAMES = /** @type {(keyof Fields)[]} */ (Object.keys(FIELDS));

const schema = z.object(FIELDS);

/**
 * One variable, read by its rule: its value, or its default when unset. A malformed value throws
 * ConfigurationError with the sentence that names it, so that no code path quietly falls back.
 * @template {keyof Fields} Name
 * @param {Name} name
 * @param {Env} [env]
 * @returns {z.output<Fields[Name]>}
 */
export function setting(name, env = process.env) {
  const result = FIELDS[name].safeParse(env[name]);
  if (!result.success) throw new ConfigurationError(result.error.issues[0].message);
  return /** @type {z.output<Fields[Name]>} */ (result.data);
}

/**
 * Every malformed variable in `env`, each in a sentence naming it and what it must be; empty when all
 * are well formed. Whether a production server has what it needs is productionStartupProblems' question.
 * @param {Env} [env]
 * @returns {string[]}
 */
export function settingsProblems(env = process.env) {
  const values = Object.fromEntries(SETTING_NAMES.map((name) => [name, env[name]]));
  const result = schema.safeParse(values);
  const problems = result.success ? [] : result.error.issues.map((issue) => issue.message);
  try {
    publicUrl({ APP_URL: env.APP_URL, AUTH_URL: env.AUTH_URL });
  } catch (error) {
    problems.push(/** @type {Error} */ (error).message);
  }
  return problems;
}

/**
 * Everything that keeps a server from starting, each said once: every malformed variable, and for a
 * production server (`next start`) what it must be told (productionStartupProblems). Empty when it may.
 * @param {Env} [env]
 * @param {{ production?: boolean }} [options]
 * @returns {string[]}
 */
export function startupProblems(env = process.env, { production = false } = {}) {
  const problems = production ? productionStartupProblems(env) : [];
  for (const problem of settingsProblems(env)) if (!problems.includes(problem)) problems.push(problem);
  return problems;
}

/**
 * What a server or worker prints when it refuses to start.
 * @param {string[]} problems
 */
export function startupRefusal(problems) {
  return `\nAI Hub cannot start:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n`;
}
