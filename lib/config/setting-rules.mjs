// The rules of lib/config/settings.mjs's schema: a variable set or unset, a whole number, one of some
// words, a URL, a port, a cron expression, DNS servers. Each refuses a malformed value with a sentence
// naming the variable and what it must be. Plain JavaScript, like settings.mjs (next.config.mjs loads it).
import { isIP } from 'node:net';
import { z } from 'zod';

/** @typedef {Record<string, string | undefined>} Env */

/** The value as set, trimmed; undefined when unset, empty or blank. */
export const given = z
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
export function ruled(name, { must, parse, secret = false }) {
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
export function wholeNumber(name, unit, min, fallback) {
  return optionalWholeNumber(name, unit, min).transform((value) => value ?? fallback);
}

/**
 * A whole number of `unit`, at least `min`, or undefined when unset.
 * @param {string} name @param {string} unit @param {number} min @param {string} [unset]
 */
export function optionalWholeNumber(name, unit, min, unset = '') {
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
export function oneOf(name, choices) {
  return ruled(name, {
    must: choices.map((choice) => `"${choice}"`).join(' or '),
    parse: (value) => choices.find((choice) => choice === value.toLowerCase()),
  });
}

/** @param {string} value @param {string[]} protocols */
export function urlWith(value, protocols) {
  try {
    return protocols.includes(new URL(value).protocol) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A string exactly as set (a secret, a path, a list read elsewhere); undefined when empty or blank. */
export const text = z
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
export function dnsServers(value) {
  if (value.toLowerCase() === 'development') return 'development';
  const servers = value.split(',').map((entry) => dnsServer(entry.trim()));
  return servers.length > 0 && servers.every((server) => server !== undefined)
    ? /** @type {string[]} */ (servers)
    : undefined;
}

/**
 * A port number from `min` to 65535.
 * @param {string} name @param {{ min?: number, zero?: string }} [options]
 */
export function port(name, { min = 1, zero = '' } = {}) {
  return ruled(name, {
    must: `a port number from ${min} to 65535${zero}`,
    parse: (value) => portIn(value, min),
  });
}

/**
 * A port number from 1 to 65535, or the word "off".
 * @param {string} name
 */
export function portOrOff(name) {
  return ruled(name, {
    must: 'a port number from 1 to 65535, or "off"',
    parse: (value) => (value.toLowerCase() === 'off' ? /** @type {const} */ ('off') : portIn(value, 1)),
  });
}

/** @param {string} value @param {number} min */
function portIn(value, min) {
  return /^\d{1,5}$/.test(value) && +value >= min && +value <= 65535 ? +value : undefined;
}

/**
 * A cron expression of five fields; `fallback` when unset.
 * @param {string} name @param {string} fallback
 */
export function cron(name, fallback) {
  return ruled(name, {
    must: `a cron expression of five fields, like "${fallback}"`,
    parse: (value) => (/^[\w*/,?#-]+(?:\s+[\w*/,?#-]+){4}$/.test(value) ? value : undefined),
  }).transform((value) => value ?? fallback);
}
