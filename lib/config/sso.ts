// The settings of enterprise sign-in (lib/sso): where the development OpenID provider listens. Read
// through the one schema (./settings.mjs).
import { developmentOidcRefusal } from './deployment.mjs';
import { setting } from './settings.mjs';

type Env = Record<string, string | undefined>;

/** The development OpenID provider's port when no DEVELOPMENT_OIDC_PORT is set. */
export const DEFAULT_DEVELOPMENT_OIDC_PORT = 3901;

/**
 * The port on 127.0.0.1 of the development OpenID provider this server starts, or null when it starts
 * none: with DEVELOPMENT_OIDC_PORT=off; in production, unless set on purpose for a trial on this machine
 * (the public URL a loopback address, developmentOidcRefusal; the mailbox's rule).
 */
export function developmentOidcPort(env: Env = process.env): number | null {
  const chosen = setting('DEVELOPMENT_OIDC_PORT', env);
  if (chosen === 'off') return null;
  if (env.NODE_ENV === 'production')
    return chosen !== undefined && !developmentOidcRefusal(env) ? chosen : null;
  return chosen ?? DEFAULT_DEVELOPMENT_OIDC_PORT;
}
