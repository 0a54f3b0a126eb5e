// Where a sign-in by address goes (the login page asks for the address first, DESIGN §11), and starting
// one through an identity provider from the sign-in pages (the login form, the page that says Require
// SSO, the invitation page). Starting writes a request row, so each start is counted per client first: a
// script cannot fill the table of requests.
import 'server-only';
import { getDb } from '@/db/client';
import type { SsoConnection } from '@/db/schema';
import { now } from '../clock';
import { allow } from '../rate-limit';
import { fail } from '../shared/errors';
import { SSO_STARTS_PER_CLIENT_PER_MINUTE } from '../shared/limits';
import { safeCallbackPath } from '../shared/safe-redirect';
import { beginSso } from './begin';
import { connectionForAddress, loadConnection } from './connections';
import { ssoRequirementFor, type SsoRequirement } from './enforce';

export type SignInRoute =
  | { way: 'sso'; connection: SsoConnection }
  /** An emailed link; `requirement` when the address is under Require SSO (the link goes to break-glass Owners only). */
  | { way: 'email'; requirement: SsoRequirement | null };

/**
 * How `email` signs in: through the identity provider of the enabled connection serving its domain,
 * unless the person chose the emailed link instead (`emailChosen`), which Require SSO then limits. Decided
 * by the domain alone, never by whether the address has an account.
 */
export async function signInRoute(email: string, options: { emailChosen: boolean }): Promise<SignInRoute> {
  const db = await getDb();
  if (options.emailChosen) return { way: 'email', requirement: await ssoRequirementFor(db, email) };
  const served = await connectionForAddress(db, email);
  return served ? { way: 'sso', connection: served.connection } : { way: 'email', requirement: null };
}

/**
 * The identity provider's URL to send the browser to, signing in through `connection` (or the connection
 * of that id) and coming back to `callbackUrl` (a path on this site, else '/'), in the browser whose SSO
 * cookie is `browser` (app/_lib/sso-browser.ts). RATE_LIMITED past
 * SSO_STARTS_PER_CLIENT_PER_MINUTE for `clientKey`; NOT_FOUND for a connection unknown or turned off.
 */
export async function startSsoSignIn(
  connection: SsoConnection | string,
  input: { callbackUrl?: string | null; clientKey: string; browser: string },
): Promise<string> {
  const db = await getDb();
  if (!(await allow(db, `sso-start:${input.clientKey}`, SSO_STARTS_PER_CLIENT_PER_MINUTE, now(), 60_000)))
    fail('RATE_LIMITED');
  const found = typeof connection === 'string' ? await loadConnection(db, connection) : connection;
  if (!found?.enabled) fail('NOT_FOUND');
  return beginSso(found, {
    purpose: 'sign_in',
    callbackPath: safeCallbackPath(input.callbackUrl),
    browser: input.browser,
  });
}
