// Text a page shows because its URL asked for it: the toast after a redirect (`?notice=<code>`) and the
// reason on /login (`?error=<code>`, set by Auth.js). Anyone can craft such a URL, so codes, never text,
// travel in it, and only a table's own entries are codes (Maps: `__proto__` or `toString` is no key, where
// `code in object` matched them and made the page throw or show "[object Object]"). The words are the
// catalogs' (namespace `notices`), through the translator the page hands in; without one, English.
import { endSentence } from './text';
import type { Translate } from './translate';

export type NoticeCode = 'joined' | 'joined-already' | 'left' | 'lost-access' | 'deleted';

type NoticeKey = 'joined' | 'joinedAlready' | 'left' | 'lostAccess' | 'deleted';

/** Each notice: its key in the catalogs, and its English for a caller without a translator. */
const notices = new Map<string, { key: NoticeKey; english: (organization: string) => string }>([
  ['joined', { key: 'joined', english: (org) => `Welcome to ${org}!` }],
  // A name may end with its own full stop ("Acme Inc."): endSentence adds one only when it does not.
  [
    'joined-already',
    { key: 'joinedAlready', english: (org) => endSentence(`You are already a member of ${org}`) },
  ],
  ['left', { key: 'left', english: (org) => endSentence(`You left ${org}`) }],
  [
    'lost-access',
    {
      key: 'lostAccess',
      english: (org) => endSentence(`You no longer have access to the admin console of ${org}`),
    },
  ],
  ['deleted', { key: 'deleted', english: (org) => `${org} was deleted.` }],
] satisfies [NoticeCode, { key: NoticeKey; english: (organization: string) => string }][]);

/** `text` without the full stop a message puts after `name` when the name ends a sentence of its own. */
function oneFullStop(text: string, name: string): string {
  return endSentence(name) === name ? text.replace(`${name}.`, name) : text;
}

/**
 * The toast for `?notice=<code>`, or null for anything that is not one of the codes above.
 * `organizationName` must come from the database (an organization the page verified for the signed-in
 * person), never from the URL; without one the text says "the organization". `t`: the page's translator
 * of the whole catalog (`getTranslations()`, `useTranslations()`).
 */
export function noticeMessage(code: unknown, organizationName: string | null, t?: Translate): string | null {
  const notice = typeof code === 'string' ? notices.get(code) : undefined;
  if (!notice) return null;
  if (t)
    return organizationName
      ? oneFullStop(t(`notices.named.${notice.key}`, { organization: organizationName }), organizationName)
      : t(`notices.unnamed.${notice.key}`);
  if (organizationName) return notice.english(organizationName);
  // "the organization" may open the sentence ("The organization was deleted.").
  const text = notice.english('the organization');
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

type SignInKey = 'verification' | 'configuration' | 'accessDenied';

const signInErrors = new Map<string, { key: SignInKey; english: string }>([
  [
    'Verification',
    {
      key: 'verification',
      english: 'That sign-in link has expired or was already used. Enter your email for a new one.',
    },
  ],
  [
    'Configuration',
    { key: 'configuration', english: 'Sign-in is not available right now. Please try again later.' },
  ],
  // Auth.js's own endpoint refusing a link under Require SSO (app/auth.ts SsoRequired).
  [
    'AccessDenied',
    {
      key: 'accessDenied',
      english:
        "This address signs in through its organization's identity provider. Enter it again to continue there.",
    },
  ],
]);

/**
 * The reason shown on /login for Auth.js's `?error=<code>`: its own message, a generic one, or null without
 * a code. `t`: the page's translator of the whole catalog; without one, English.
 */
export function signInErrorMessage(code: unknown, t?: Translate): string | null {
  if (typeof code !== 'string') return null;
  const known = signInErrors.get(code);
  if (t) return t(known ? `notices.signIn.${known.key}` : 'notices.signIn.failed');
  return known?.english ?? 'Sign-in failed. Please try again.';
}
