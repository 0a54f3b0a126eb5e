// The cookie that keeps a person's language on this browser (lib/shared/locales.ts), for the pages it
// opens signed out; set by the language menu's action and, from the account's choice, at sign-out.
import 'server-only';
import { cookies } from 'next/headers';
import { sessionCookie } from '@/lib/auth/session';
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS, type Locale } from '@/lib/shared/locales';
import { getAccountLocale } from './session';

/** Keeps `locale` in this browser's cookie. */
export async function keepLanguageOnBrowser(locale: Locale): Promise<void> {
  const jar = await cookies();
  jar.set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS,
    sameSite: 'lax',
    httpOnly: true,
    secure: sessionCookie().options.secure,
  });
}

/**
 * Before signing out: the account's language stays with this browser, so the sign-in page that follows
 * (and every signed-out page after it) is in the language the person chose, wherever they chose it.
 */
export async function keepAccountLanguageOnBrowser(): Promise<void> {
  const locale = await getAccountLocale();
  if (isLocale(locale)) await keepLanguageOnBrowser(locale);
}
