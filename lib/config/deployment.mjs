// What a server must be told about where it runs, and what a production server refuses to start
// without. Plain JavaScript because next.config.mjs, which Node loads as it is, checks these rules at
// start-up, and the app applies the very same functions at run time (types: deployment.d.mts).

export class ConfigurationError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

/** Auth.js's own base path, which AUTH_URL may carry (https://host/api/auth). */
const AUTH_BASE_PATH = '/api/auth';

/**
 * The origin of `value` (scheme://host[:port]), checked: http(s), no credentials, query or fragment,
 * and no path but `allowedPath`.
 * @param {string} name @param {string} value @param {string[]} allowedPaths
 */
function originOf(name, value, allowedPaths) {
  const shape = `${name} must be the public origin of the console, like https://console.example.com (no path)`;
  /** @type {URL} */
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigurationError(`${shape}, not "${value}".`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (
    !['http:', 'https:'].includes(url.protocol) ||
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    !allowedPaths.includes(path)
  ) {
    throw new ConfigurationError(`${shape}, not "${value}".`);
  }
  return url.origin;
}

/**
 * The one public URL of the app: every emailed link (sign-in, invitation) is built from it, Auth.js is
 * given it as AUTH_URL, and it decides whether cookies are `Secure`. Never taken from a request: a
 * client chooses its own Host and X-Forwarded-Host. APP_URL is the variable; AUTH_URL, if also set,
 * must be the same. A production server must be told; in development it is http://localhost:<PORT>.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string} the origin, without a trailing slash
 */
export function publicUrl(env = process.env) {
  const app = env.APP_URL?.trim() ? originOf('APP_URL', env.APP_URL, ['']) : undefined;
  const auth = env.AUTH_URL?.trim() ? originOf('AUTH_URL', env.AUTH_URL, ['', AUTH_BASE_PATH]) : undefined;
  if (app && auth && app !== auth) {
    throw new ConfigurationError(
      `APP_URL (${app}) and AUTH_URL (${auth}) differ. Set APP_URL only (the app gives Auth.js the same URL), or make them equal.`,
    );
  }
  const chosen = app ?? auth;
  if (chosen) return chosen;
  if (env.NODE_ENV === 'production') {
    throw new ConfigurationError(
      'APP_URL is not set. Set it to the address people open, e.g. APP_URL=https://console.example.com: sign-in and ' +
        "invitation links are built from it, never from a request's Host header, which the client chooses.",
    );
  }
  return `http://localhost:${env.PORT || 3000}`;
}

/**
 * Whether `url` points at this machine only: localhost, 127.0.0.0/8 or [::1]. (The URL parser has
 * already turned spellings like 127.1 or 0x7f.0.0.1 into 127.0.0.1.)
 * @param {string} url
 */
export function isLoopbackUrl(url) {
  const { hostname } = new URL(url);
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = hostname.split('.');
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)
  );
}

/**
 * Whether `link` points into the public URL `origin`. Next reports 127.0.0.0/8 and [::1] as localhost
 * in the requests it hands to route handlers, so Auth.js's own endpoints build links on localhost when
 * the public URL is such an address: with the same scheme and port that is the same server, and counts.
 * @param {string} link @param {string} origin
 */
export function isOnPublicUrl(link, origin) {
  const target = new URL(link);
  const own = new URL(origin);
  if (target.origin === own.origin) return true;
  return (
    isLoopbackUrl(target.origin) &&
    isLoopbackUrl(own.origin) &&
    target.protocol === own.protocol &&
    target.port === own.port
  );
}

/**
 * Why a development stand-in (`what`, set as `setting`) may not serve this production server, or null
 * when it may: one that shows or accepts anything anyone sends it is for a trial on this machine only, a
 * public URL on a loopback address. Outside production it is always allowed.
 * @param {Record<string, string | undefined>} env
 * @param {{ setting: string, risk: string, instead: string }} what
 */
function trialOnlyRefusal(env, what) {
  if (env.NODE_ENV !== 'production') return null;
  /** @type {string} */
  let url;
  try {
    url = publicUrl(env);
  } catch (error) {
    return /** @type {Error} */ (error).message;
  }
  if (isLoopbackUrl(url)) return null;
  return (
    `${what.setting} is only for a trial on this machine, and the public URL ${url} is not a loopback address ` +
    `(localhost, 127.0.0.0/8, [::1]): ${what.risk}. ${what.instead}`
  );
}

/**
 * The development stand-ins, each for a trial on this machine only (trialOnlyRefusal): what turns it on,
 * why a real deployment must not have it, and what to do instead. The mailbox shows every sign-in link at
 * /dev/mailbox to whoever opens it; the development resolver answers whatever anyone published on
 * /dev/dns, so a domain "verified" through it proves nothing; the development identity providers sign
 * anyone in as any address typed.
 */
const STAND_INS = {
  mailbox: {
    setting: 'EMAIL_TRANSPORT=mailbox',
    risk: '/dev/mailbox would show every sign-in link to anyone who opens it',
    instead: 'Set RESEND_API_KEY (and unset EMAIL_TRANSPORT) to send real email.',
  },
  resolver: {
    setting: 'DNS_SERVERS=development',
    risk: 'anyone could publish a record on /dev/dns and verify any domain',
    instead: 'Unset DNS_SERVERS to use the system resolvers, or list the DNS servers to ask.',
  },
  oidc: {
    setting: 'DEVELOPMENT_OIDC_PORT',
    risk: 'the development OpenID provider signs anyone in as any address they type',
    instead: 'Unset DEVELOPMENT_OIDC_PORT (or set it to "off") and connect your real identity provider.',
  },
  saml: {
    setting: 'The development SAML identity provider',
    risk: 'it signs anyone in as any address they type',
    instead: 'Connect your real identity provider.',
  },
};

/**
 * Why the development stand-in `kind` may not serve this production server, or null when it may.
 * @param {keyof typeof STAND_INS} kind
 * @param {Record<string, string | undefined>} [env]
 */
function standInRefusal(kind, env = process.env) {
  return trialOnlyRefusal(env, STAND_INS[kind]);
}

/** @param {Record<string, string | undefined>} [env] */
export const mailboxRefusal = (env = process.env) => standInRefusal('mailbox', env);
/** @param {Record<string, string | undefined>} [env] */
export const developmentResolverRefusal = (env = process.env) => standInRefusal('resolver', env);
/** @param {Record<string, string | undefined>} [env] */
export const developmentOidcRefusal = (env = process.env) => standInRefusal('oidc', env);
/** @param {Record<string, string | undefined>} [env] */
export const developmentSamlRefusal = (env = process.env) => standInRefusal('saml', env);

/**
 * Everything that keeps a production server (`next start`) from starting, each said in a sentence that
 * names what to set. Empty when it may start. `env.NODE_ENV` is taken to be production.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string[]}
 */
export function productionStartupProblems(env = process.env) {
  const production = { ...env, NODE_ENV: 'production' };
  const problems = [];
  if (!env.AUTH_SECRET) {
    problems.push(
      'AUTH_SECRET is not set. Generate one with `openssl rand -base64 32` and set it in the environment.',
    );
  }
  let urlProblem = null;
  try {
    publicUrl(production);
  } catch (error) {
    urlProblem = /** @type {Error} */ (error).message;
    problems.push(urlProblem);
  }
  const transport = env.EMAIL_TRANSPORT?.trim().toLowerCase();
  if (!env.RESEND_API_KEY && transport !== 'mailbox') {
    problems.push(
      'No email transport. Set RESEND_API_KEY to send real email, or EMAIL_TRANSPORT=mailbox for a trial on this machine ' +
        '(the development mailbox shows every sign-in link to anyone who opens /dev/mailbox).',
    );
  }
  // A missing or malformed public URL is reported once, above.
  if (transport === 'mailbox' && !urlProblem) {
    const refusal = mailboxRefusal(production);
    if (refusal) problems.push(refusal);
  }
  if (env.DNS_SERVERS?.trim().toLowerCase() === 'development' && !urlProblem) {
    const refusal = developmentResolverRefusal(production);
    if (refusal) problems.push(refusal);
  }
  const oidcPort = env.DEVELOPMENT_OIDC_PORT?.trim().toLowerCase();
  if (oidcPort && oidcPort !== 'off' && !urlProblem) {
    const refusal = developmentOidcRefusal(production);
    if (refusal) problems.push(refusal);
  }
  return problems;
}
