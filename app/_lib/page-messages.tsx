'use client';
// The words a page's browser components read, taken from the catalogs that ship with the browser code (one
// script per build, which the browser keeps) instead of written into each page's HTML: a users page of 25
// rows stays under 100 KB whatever its language (the catalogs would add a fifth), and the same page in
// Korean or Japanese weighs what it does in English. The request's language, formats and time zone come
// from the provider of app/layout.tsx.
import { NextIntlClientProvider, useLocale } from 'next-intl';
import { useMemo } from 'react';
import { catalogs, everyPage, formatsFor, pickMessages, TIME_ZONE } from '@/lib/i18n/messages';
import { defaultLocale, isLocale } from '@/lib/shared/locales';

export function PageMessages({ paths, children }: { paths: readonly string[]; children: React.ReactNode }) {
  const requested = useLocale();
  const locale = isLocale(requested) ? requested : defaultLocale;
  const key = paths.join(',');
  const messages = useMemo(
    () => pickMessages(catalogs[locale], [...everyPage, ...key.split(',').filter(Boolean)]),
    [locale, key],
  );
  return (
    <NextIntlClientProvider
      locale={locale}
      messages={messages}
      formats={formatsFor(locale)}
      timeZone={TIME_ZONE}
    >
      {children}
    </NextIntlClientProvider>
  );
}
