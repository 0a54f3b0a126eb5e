// The catalogs as the users page's pure modules take them: a translator of every namespace and the
// formatter, handed in by the component that renders (useWords) so that the modules stay pure and a test
// can hand in English ones. Dates and times in UTC, with the named formats of lib/i18n/messages.ts.
import { useFormatter, useTranslations } from 'next-intl';

export type Translate = ReturnType<typeof useTranslations<never>>;
export type Format = ReturnType<typeof useFormatter>;

export interface Words {
  t: Translate;
  format: Format;
}

export function useWords(): Words {
  return { t: useTranslations(), format: useFormatter() };
}

/** "Dec 1, 2026". */
export function dateText({ format }: Words, iso: string): string {
  return format.dateTime(new Date(iso), 'date');
}

/** "Dec 1, 2026, 2:05 PM UTC": a time a person reads says it is UTC. */
export function dateTimeText({ t, format }: Words, iso: string): string {
  return t('common.utc', { time: format.dateTime(new Date(iso), 'dateTime') });
}

/** Items joined as the language lists them in a sentence ("a, b, c"; "a、b、c"). */
export function listText({ t }: Words, items: readonly string[]): string {
  return items.join(t('users.listSeparator'));
}
