// The language an email is written in: its template's messages (the `emails` namespace of the catalogs)
// and the brand's name. English when the caller names none, as every email was before it had a language.
import { translatorFor } from '@/lib/i18n/translator';
import { defaultLocale, type Locale } from '@/lib/shared/locales';

export type { Locale } from '@/lib/shared/locales';

/** What every template's props may carry: the language of its recipient (lib/email/render-queued.ts). */
export interface EmailLanguage {
  locale?: Locale;
}

/** `t` of the `emails` namespace in `locale`. */
export function emailTranslator(locale: Locale = defaultLocale) {
  return translatorFor(locale, 'emails');
}

export type EmailTranslator = ReturnType<typeof emailTranslator>;

/** The product's name as the wordmark writes it (the same in every language). */
export function appName(locale: Locale = defaultLocale): string {
  return translatorFor(locale, 'common')('appName');
}
