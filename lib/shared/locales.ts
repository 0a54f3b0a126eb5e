// The languages of the product (README: Languages). How one is chosen for a person: lib/i18n/locales.ts.
export const locales = ['en', 'ko', 'ja'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/** Each language by its own name, as the language menu offers it. */
export const localeNames: Record<Locale, string> = { en: 'English', ko: '한국어', ja: '日本語' };

/** The cookie that keeps a person's choice on this browser (signed out too). */
export const LOCALE_COOKIE = 'ai-hub-locale';
/** A year: the choice outlives sessions. */
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
