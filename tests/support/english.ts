// The whole English catalog as a translator, for tests of pure code that writes sentences with the one
// it is handed (Activity): what they assert is the English a person reads.
import { createTranslator } from 'use-intl/core';
import { catalogs, formats, TIME_ZONE } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/locales';

/** The catalog of `locale` as a translator without a namespace. */
export function translator(locale: Locale) {
  return createTranslator({ locale, messages: catalogs[locale], formats, timeZone: TIME_ZONE });
}

export const english = translator('en');
