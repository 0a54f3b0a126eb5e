// How a language is chosen for a person: their own choice (kept on the account, and in a cookie for
// signed-out pages), else the browser's Accept-Language, else English. URLs never carry the language.
// Pure: the request's cookie and header are read in app/.
import { match } from '@formatjs/intl-localematcher';
import { defaultLocale, isLocale, locales, type Locale } from '../shared/locales';

export { defaultLocale, isLocale, locales, type Locale } from '../shared/locales';

/** At most this many languages of an Accept-Language header are weighed (a header can be long). */
const MAX_ACCEPTED = 20;

/**
 * The best of our languages for an Accept-Language header ("ko-KR,ko;q=0.9,en;q=0.8"), or null when it
 * names none of them. Ranges are read in order of their weight; `*` and malformed ones are skipped.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .slice(0, 1_000)
    .split(',', MAX_ACCEPTED)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), weight: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, weight }) => weight > 0 && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag))
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map(({ tag }) => tag);
  if (ranked.length === 0) return null;
  try {
    const found = match(ranked, [...locales], '', { algorithm: 'best fit' });
    return isLocale(found) ? found : null;
  } catch {
    return null;
  }
}

/** The person's language: the account's choice, else this browser's cookie, else Accept-Language, else English. */
export function chooseLocale(sources: {
  account?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(sources.account)) return sources.account;
  if (isLocale(sources.cookie)) return sources.cookie;
  return localeFromAcceptLanguage(sources.acceptLanguage) ?? defaultLocale;
}
