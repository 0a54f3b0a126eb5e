// Settings read from the environment, each through its rule in the one schema (lib/config/settings.mjs): a
// malformed value throws ConfigurationError naming the variable, never falls back on the default. Read on
// each call (cheap) so that tests can change them; every function takes the environment to read.
import { ConfigurationError, mailboxRefusal, publicUrl } from './deployment.mjs';
import { MAX_INVITATIONS_PER_BATCH } from '../shared/limits';
import { SETTING_NAMES, setting, settingsProblems } from './settings.mjs';

export { ConfigurationError, publicUrl, SETTING_NAMES, settingsProblems };

/** The environment variables a function reads (process.env by default). */
export type Env = Record<string, string | undefined>;
export type EmailTransportName = 'resend' | 'mailbox';

/** The SCIM service's base URL, as identity providers are given it: under the one public URL. */
export function scimBaseUrl(env: Env = process.env): string {
  return `${publicUrl(env)}/api/scim/v2`;
}

/** The one public URL, which every emailed link starts with (the rule: publicUrl in deployment.mjs). */
export function appUrl(env: Env = process.env): string {
  setting('PORT', env); // a malformed PORT is refused here, not turned into a link
  return publicUrl(env);
}

export function emailFrom(env: Env = process.env): string {
  return setting('EMAIL_FROM', env);
}

/**
 * Which transport delivers email. RESEND_API_KEY → resend. Otherwise the development mailbox, but a
 * production server only takes the mailbox when EMAIL_TRANSPORT=mailbox is set on purpose and its public
 * URL is a loopback address: an open mailbox page would hand anyone every sign-in link. (A production
 * server refuses to start otherwise; this keeps the mailbox shut even if it was started some other way.)
 */
export function emailTransport(env: Env = process.env): EmailTransportName {
  const chosen = setting('EMAIL_TRANSPORT', env);
  if (chosen === 'resend') {
    if (!setting('RESEND_API_KEY', env))
      throw new ConfigurationError('EMAIL_TRANSPORT=resend needs RESEND_API_KEY.');
    return 'resend';
  }
  if (chosen === 'mailbox') {
    const refusal = mailboxRefusal(env);
    if (refusal) throw new ConfigurationError(refusal);
    return 'mailbox';
  }
  if (setting('RESEND_API_KEY', env)) return 'resend';
  if (env.NODE_ENV === 'production') {
    throw new ConfigurationError(
      'No email transport: set RESEND_API_KEY to send real email, or EMAIL_TRANSPORT=mailbox for a local ' +
        'trial (the development mailbox shows every sign-in link to anyone who opens /dev/mailbox).',
    );
  }
  return 'mailbox';
}

export function isMailboxActive(env: Env = process.env): boolean {
  try {
    return emailTransport(env) === 'mailbox';
  } catch {
    return false;
  }
}

export interface InvitationSettings {
  /** How long a link works. */
  ttlMs: number;
  /** The least time between two sends to one address of one organization. */
  resendCooldownMs: number;
  /** Emails an organization may send in one hour. */
  perOrganizationPerHour: number;
  /** Emails one inviting account may send per (UTC) day, across all its organizations. */
  perAccountPerDay: number;
  /** Emails one address may receive per (UTC) day, across all organizations. */
  perAddressPerDay: number;
  /** Addresses in one call. */
  maxPerBatch: number;
}

export function invitationSettings(env: Env = process.env): InvitationSettings {
  return {
    ttlMs: setting('INVITATION_TTL_HOURS', env) * 3_600_000,
    resendCooldownMs: setting('INVITATION_RESEND_COOLDOWN_SECONDS', env) * 1000,
    perOrganizationPerHour: setting('INVITATIONS_PER_ORGANIZATION_PER_HOUR', env),
    // Anyone can sign up and make organizations, so the per-organization cap alone does not stop one
    // person from mailing strangers. A team onboarding itself sends a few hundred at most and invites
    // an address once or twice; a spammer needs thousands, and many to each address.
    perAccountPerDay: setting('INVITATIONS_PER_ACCOUNT_PER_DAY', env),
    perAddressPerDay: setting('INVITATIONS_PER_ADDRESS_PER_DAY', env),
    maxPerBatch: MAX_INVITATIONS_PER_BATCH,
  };
}

/**
 * Organizations one account may create per (UTC) day. Each new organization would otherwise bring a
 * fresh invitation cap of its own; nobody sets up more than a handful in a day.
 */
export function organizationsPerAccountPerDay(env: Env = process.env): number {
  return setting('ORGANIZATIONS_PER_ACCOUNT_PER_DAY', env);
}

/**
 * The seat limit a new organization starts with (DEFAULT_SEAT_LIMIT, a positive whole number); unset or
 * empty: no limit. Owners and Admins change it on the Settings page.
 */
export function defaultSeatLimit(env: Env = process.env): number | null {
  return setting('DEFAULT_SEAT_LIMIT', env) ?? null;
}

/** Invitation look-ups and accepts allowed per client per minute (guessing links at speed is refused). */
export function invitationLookupsPerMinute(env: Env = process.env): number {
  return setting('INVITATION_LOOKUPS_PER_MINUTE', env);
}

/**
 * How many proxies in front of the app append to X-Forwarded-For (a load balancer: 1). The client is
 * the address that many places from the right; what stands left of it was sent by the client and
 * proves nothing. At least 1.
 */
export function trustedProxyHops(env: Env = process.env): number {
  return setting('TRUSTED_PROXY_HOPS', env);
}

/** Sign-in emails one address may be sent per hour (asking again and again would flood its inbox). */
export function signInEmailsPerAddressPerHour(env: Env = process.env): number {
  return setting('SIGN_IN_EMAILS_PER_ADDRESS_PER_HOUR', env);
}

export interface HousekeepingSettings {
  /** When the housekeeping job runs: a cron expression, UTC (a pg-boss schedule: one run per slot). */
  schedule: string;
  /** At most this many rows deleted per table per run, so one run stays short. */
  batch: number;
}

/** When, and how much, expired rate-limit windows, sign-in tokens and sessions are deleted. */
export function housekeepingSettings(env: Env = process.env): HousekeepingSettings {
  return {
    schedule: setting('HOUSEKEEPING_SCHEDULE', env),
    batch: setting('PRUNE_EXPIRED_BATCH', env),
  };
}

/**
 * Whether this web server works the job queue (lib/jobs) as well as adding to it. On by default, so
 * that `npm run dev` and `next start` need nothing more; EMAIL_WORKER=off leaves the jobs to
 * `npm run worker` processes (PostgreSQL only: the embedded database has one process).
 */
export function workerInServer(env: Env = process.env): boolean {
  return setting('EMAIL_WORKER', env) === 'on';
}

/** How long an invitation request waits for its emails before answering "Sending" (EMAIL_WAIT_MS). */
export function emailWaitMs(env: Env = process.env): number {
  return setting('EMAIL_WAIT_MS', env);
}

/** How many times an email batch is tried again after a temporary failure, and the first wait (seconds). */
export function emailRetrySettings(env: Env = process.env): { retryLimit: number; retryDelay: number } {
  return {
    retryLimit: setting('EMAIL_RETRY_LIMIT', env),
    retryDelay: setting('EMAIL_RETRY_DELAY_SECONDS', env),
  };
}

/**
 * SCIM provisioning (lib/scim): how long a token lives (SCIM_TOKEN_TTL_DAYS, a year by default) and how
 * many requests one token may make a minute (SCIM_REQUESTS_PER_MINUTE), past which it gets 429.
 */
export function scimSettings(env: Env = process.env): { tokenTtlMs: number; requestsPerMinute: number } {
  return {
    tokenTtlMs: setting('SCIM_TOKEN_TTL_DAYS', env) * 24 * 3_600_000,
    requestsPerMinute: setting('SCIM_REQUESTS_PER_MINUTE', env),
  };
}

/** How long to wait for the email API before counting a message as not delivered (EMAIL_TIMEOUT_MS). */
export function emailTimeoutMs(env: Env = process.env): number {
  return setting('EMAIL_TIMEOUT_MS', env);
}

/** The signing secret of Resend's webhook (RESEND_WEBHOOK_SECRET); unset: every event is refused. */
export function resendWebhookSecret(env: Env = process.env): string | undefined {
  return setting('RESEND_WEBHOOK_SECRET', env);
}

/** The Resend API key and the API's address (RESEND_BASE_URL: tests point it at a fake API). */
export function resendSettings(env: Env = process.env): { apiKey: string; baseUrl: string } {
  return { apiKey: setting('RESEND_API_KEY', env) ?? '', baseUrl: setting('RESEND_BASE_URL', env) ?? '' };
}

export {
  developmentDnsPort,
  dnsLookupSettings,
  dnsResolverChoice,
  domainRecheckSchedule,
  isDevelopmentResolverActive,
  type DnsLookupSettings,
  type DnsResolverChoice,
} from './dns';
export { DEFAULT_DEVELOPMENT_OIDC_PORT, developmentOidcPort } from './sso';
