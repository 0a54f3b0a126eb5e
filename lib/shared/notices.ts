// Text a page shows because its URL asked for it: the toast after a redirect (`?notice=<code>`) and the
// reason on /login (`?error=<code>`, set by Auth.js). Anyone can craft such a URL, so codes, never text,
// travel in it, and only a table's own entries are codes (Maps: `__proto__` or `toString` is no key, where
// `code in object` matched them and made the page throw or show "[object Object]").
import { endSentence } from './text';

export type NoticeCode = 'joined' | 'joined-already' | 'left' | 'lost-access' | 'deleted';

const notices = new Map<string, (organization: string) => string>([
  ['joined', (org) => `Welcome to ${org}!`],
  // A name may end with its own full stop ("Acme Inc."): endSentence adds one only when it does not.
  ['joined-already', (org) => endSentence(`You are already a member of ${org}`)],
  ['left', (org) => endSentence(`You left ${org}`)],
  ['lost-access', (org) => endSentence(`You no longer have access to the admin console of ${org}`)],
  ['deleted', (org) => `${org} was deleted.`],
] satisfies [NoticeCode, (organization: string) => string][]);

/**
 * The toast for `?notice=<code>`, or null for anything that is not one of the codes above.
 * `organizationName` must come from the database (an organization the page verified for the signed-in
 * person), never from the URL; without one the text says "the organization".
 */
export function noticeMessage(code: unknown, organizationName: string | null): string | null {
  const message = typeof code === 'string' ? notices.get(code) : undefined;
  if (!message) return null;
  if (organizationName) return message(organizationName);
  // "the organization" may open the sentence ("The organization was deleted.").
  const text = message('the organization');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The query a redirect adds for the next page's toast. `organizationSlug` is only a key: the next page
 * names the organization if it is one of the signed-in person's own (see app/page.tsx).
 */
export function noticeQuery(code: NoticeCode, organizationSlug?: string): string {
  const notice = `notice=${encodeURIComponent(code)}`;
  return organizationSlug ? `${notice}&org=${encodeURIComponent(organizationSlug)}` : notice;
}

const signInErrors = new Map<string, string>([
  ['Verification', 'That sign-in link has expired or was already used. Enter your email for a new one.'],
  ['Configuration', 'Sign-in is not available right now. Please try again later.'],
  // Auth.js's own endpoint refusing a link under Require SSO (app/auth.ts SsoRequired).
  [
    'AccessDenied',
    "This address signs in through its organization's identity provider. Enter it again to continue there.",
  ],
]);

/** The reason shown on /login for Auth.js's `?error=<code>`: its own message, a generic one, or null without a code. */
export function signInErrorMessage(code: unknown): string | null {
  if (typeof code !== 'string') return null;
  return signInErrors.get(code) ?? 'Sign-in failed. Please try again.';
}
