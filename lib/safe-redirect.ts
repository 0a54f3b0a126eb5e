// Where to send someone after signing in or out: a path on this site, never another site.

const BASE = 'http://aihub.invalid';

/**
 * `url` when it is a path on this site (with its query and fragment), else '/'. Parsed the way a browser
 * would, so that `//evil.example`, `/\evil.example`, `/<tab>/evil.example` and `https://…` all fall back
 * to '/' (a check on the first characters alone missed `/\`, which browsers read as `//`).
 */
export function safeCallbackPath(url: string | null | undefined): string {
  if (typeof url !== 'string' || !url.startsWith('/')) return '/';
  try {
    const parsed = new URL(url, BASE);
    return parsed.origin === BASE ? `${parsed.pathname}${parsed.search}${parsed.hash}` : '/';
  } catch {
    return '/';
  }
}
