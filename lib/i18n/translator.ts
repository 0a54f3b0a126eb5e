// Messages outside a request's React tree: an email rendered by the worker, a sentence the domain writes
// for a person. The same catalogs and formats as the pages (./messages.ts), through use-intl's core.
import { createFormatter, createTranslator } from 'use-intl/core';
import { catalogs, formatsFor, TIME_ZONE, type Namespace } from './messages';
import type { Locale } from './locales';

/** `t` of one namespace in `locale`: `translatorFor('ko', 'emails')('invitation.subject', {...})`. */
export function translatorFor<N extends Namespace>(locale: Locale, namespace: N) {
  return createTranslator({
    locale,
    messages: catalogs[locale],
    namespace,
    formats: formatsFor(locale),
    timeZone: TIME_ZONE,
  });
}

/** The whole catalog of `locale` as one translator (keys with their namespace): tests and tools. */
export function catalogTranslator(locale: Locale) {
  return createTranslator({
    locale,
    messages: catalogs[locale],
    formats: formatsFor(locale),
    timeZone: TIME_ZONE,
  });
}

/** Dates, numbers and lists in `locale`, with the catalogs' named formats. */
export function formatterFor(locale: Locale) {
  return createFormatter({ locale, formats: formatsFor(locale), timeZone: TIME_ZONE });
}
