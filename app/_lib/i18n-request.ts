// next-intl's request configuration (next.config.mjs points its plugin here): the language of this
// request, chosen as lib/i18n/locales.ts says, from the session the page reads anyway, the cookie and
// the Accept-Language header; its catalog; UTC.
import { getRequestConfig } from 'next-intl/server';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { chooseLocale, type Locale } from '@/lib/i18n/locales';
import { LOCALE_COOKIE } from '@/lib/shared/locales';
import { catalogs, formatsFor, TIME_ZONE } from '@/lib/i18n/messages';
import { getAccountLocale } from './session';

/** This request's language. Deduplicated within one request. */
export const requestLocale = cache(async (): Promise<Locale> => {
  const [account, jar, list] = await Promise.all([getAccountLocale(), cookies(), headers()]);
  return chooseLocale({
    account,
    cookie: jar.get(LOCALE_COOKIE)?.value,
    acceptLanguage: list.get('accept-language'),
  });
});

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: catalogs[locale], formats: formatsFor(locale), timeZone: TIME_ZONE };
});
