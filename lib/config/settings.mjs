// Every environment variable the app reads, in one zod schema: each one's rule, its default, and the
// sentence that refuses a malformed value with the variable's name and what it must be. Plain JavaScript,
// like deployment.mjs, because next.config.mjs (which Node loads as it is) refuses to start on the same
// rules that lib/config/index.ts reads by at run time. Empty or blank means unset. A malformed value is never
// replaced by the default: `setting` throws, and `next start`, `npm run dev` and `npm run worker` refuse
// to start (`startupProblems`). Finding 10 of issue 12, SECURITY.md.
import { isIP } from 'node:net';
import { z } from 'zod';
import { ConfigurationError, productionStartupProblems, publicUrl } from './deployment.mjs';

/** @typedef {Record<string, string | undefined>} Env */

/** The value as set, trimmed; undefined when unset, empty or blank. */
const given = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

/**
 * A rule on a set value: `parse` returns the value read, or undefined when it is malformed, and `must`
 * says what it must be. `secret`: the sentence never repeats the value.
 * @template T
 * @param {string} name
 * @param {{ must: string, parse: (value: string) => T | undefined, secret?: boolean }} rule
 */
function ruled(name, { must, parse, secret = false }) {
  return given.transform((value, context) => {
    if (value === undefined) return undefined;
    const read = parse(value);
    if (read !== undefined) return read;
    const shown = secret ? ' (its value is not repeated here)' : `, not "${value}"`;
    context.addIssue({ code: 'custom', message: `${name} must be ${must}${shown}.` });
    return z.NEVER;
  });
}

/**
 * A whole number of `unit`, at least `min`; `fallback` when unset.
 * @param {string} name @param {string} unit @param {number} min @param {number} fallback
 */
function wholeNumber(name, unit, min, fallback) {
  return optionalWholeNumber(name, unit, min).transform((value) => value ?? fallback);
}

/**
 * A whole number of `unit`, at least `min`, or undefined when unset.
 * @param {string} name @param {string} unit @param {number} min @param {string} [unset]
 */
function optionalWholeNumber(name, unit, min, unset = '') {
  return ruled(name, {
    must: `a whole number of ${unit} ≥ ${min}${unset}`,
    parse: (value) =>
      /^\d+$/.test(value) && Number.isSafeInteger(Number(value)) && Number(value) >= min
        ? Number(value)
        : undefined,
  });
}

/**
 * One of `choices`, any case; undefined when unset.
 * @template {string} C
 * @param {string} name @param {readonly C[]} choices
 */
function oneOf(name, choices) {
  return ruled(name, {
    must: choices.map((choice) => `"${choice}"`).join(' or '),
    parse: (value) => choices.find((choice) => choice === value.toLowerCase()),
  });
}

/** @param {string} value @param {string[]} protocols */
function urlWith(value, protocols) {
  try {
    return protocols.includes(new URL(value).protocol) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A string exactly as set (a secret, a path, a list read elsewhere); undefined when empty or blank. */
const text = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value : undefined));

/**
 * One DNS server as `address[:port]` (an IPv6 address with a port in brackets: `[::1]:53`), in the
 * form node:dns's setServers takes; undefined when malformed.
 * @param {string} entry
 */
function dnsServer(entry) {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(entry);
  const [address, port] = bracketed
    ? [bracketed[1], bracketed[2]]
    : isIP(entry) === 6
      ? [entry, undefined]
      : entry.split(/:(?=\d{1,5}$)/);
  if (!address || !isIP(address)) return undefined;
  if (port !== undefined && !(+port >= 1 && +port <= 65535)) return undefined;
  if (port === undefined) return address;
  return isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

/**
 * DNS_SERVERS: the word `development`, or a comma-separated list of servers.
 * @param {string} value
 * @returns {'development' | string[] | undefined}
 */
function dnsServers(value) {
  if (value.toLowerCase() === 'development') return 'development';
  const servers = value.split(',').map((entry) => dnsServer(entry.trim()));
  return servers.length > 0 && servers.every((server) => server !== undefined)
    ? /** @type {string[]} */ (servers)
    : undefined;
}

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
  PORT: ruled('PORT', {
    must: 'a port number from 1 to 65535',
    parse: (value) => (/^\d{1,5}$/.test(value) && +value >= 1 && +value <= 65535 ? +value : undefined),
  }),
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
  HOUSEKEEPING_SCHEDULE: ruled('HOUSEKEEPING_SCHEDULE', {
    must: 'a cron expression of five fields, like "*/10 * * * *"',
    parse: (value) => (/^[\w*/,?#-]+(?:\s+[\w*/,?#-]+){4}$/.test(value) ? value : undefined),
  }).transform((value) => value ?? '*/10 * * * *'),
  PRUNE_EXPIRED_BATCH: wholeNumber('PRUNE_EXPIRED_BATCH', 'rows', 1, 1000),
  // Verified domains (lib/domains): the DNS servers the lookup asks, and the daily re-check.
  DNS_SERVERS: ruled('DNS_SERVERS', {
    must: '"development" or a comma-separated list of address[:port], like "1.1.1.1,[2606:4700:4700::1111]:53"',
    parse: dnsServers,
  }),
  DNS_TIMEOUT_MS: wholeNumber('DNS_TIMEOUT_MS', 'milliseconds', 1, 2000),
  DNS_TRIES: wholeNumber('DNS_TRIES', 'tries', 1, 2),
  DEV_DNS_PORT: ruled('DEV_DNS_PORT', {
    must: 'a port number from 0 to 65535 (0: chosen by the system)',
    parse: (value) => (/^\d{1,5}$/.test(value) && +value <= 65535 ? +value : undefined),
  }),
  // Enterprise sign-in: the development OpenID provider (lib/sso/development), run by `npm run dev`.
  DEVELOPMENT_OIDC_PORT: ruled('DEVELOPMENT_OIDC_PORT', {
    must: 'a port number from 1 to 65535, or "off"',
    parse: (value) =>
      value.toLowerCase() === 'off'
        ? /** @type {const} */ ('off')
        : /^\d{1,5}$/.test(value) && +value >= 1 && +value <= 65535
          ? +value
          : undefined,
  }),
  DOMAIN_RECHECK_SCHEDULE: ruled('DOMAIN_RECHECK_SCHEDULE', {
    must: 'a cron expression of five fields, like "17 4 * * *"',
    parse: (value) => (/^[\w*/,?#-]+(?:\s+[\w*/,?#-]+){4}$/.test(value) ? value : undefined),
  }).transform((value) => value ?? '17 4 * * *'),
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
