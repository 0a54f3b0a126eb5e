// Where to send someone after signing in or out: a path on this site, never another site.

const BASE = 'http://aihub.invalid';

/** One '/', then the end or anything but '/' and '\': no browser or router reads that as a host. */
const SITE_PATH = /^\/(?:$|[^/\\])/;

/**
 * `url` when it is a path on this site (with its query and fragment), else '/'. Parsed the way a browser
 * would, so that `//evil.example`, `/\evil.example`, `/<tab>/evil.example` and `https://…` all fall back
 * to '/' (a check on the first characters alone missed `/\`, which browsers read as `//`).
 *
 * Parsing also removes dot segments, and that can produce a new leading `//`: `/.//evil.example`,
 * `/%2e//evil.example` and `/a/..//evil.example` all have the pathname `//evil.example`, which a browser
 * (in a Location header) or Next's router resolves as the host evil.example. So the leading run of
 * slashes of the parsed pathname is collapsed to one, and the answer is checked once more as it will be
 * read: it must resolve to itself on this site.
 */
export function safeCallbackPath(url: string | null | undefined): string {
  if (typeof url !== 'string' || !url.startsWith('/')) return '/';
  try {
    const parsed = new URL(url, BASE);
    if (parsed.origin !== BASE) return '/';
    const path = `${parsed.pathname.replace(/^\/+/, '/')}${parsed.search}${parsed.hash}`;
    const reread = new URL(path, BASE);
    const stable = reread.origin === BASE && `${reread.pathname}${reread.search}${reread.hash}` === path;
    return stable && SITE_PATH.test(path) ? path : '/';
  } catch {
    return '/';
  }
}
