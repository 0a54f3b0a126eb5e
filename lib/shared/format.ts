// Dates and times as the console and the emails write them: always in UTC, so that the server's HTML and
// the browser's render agree, and the text that shows a time says so. One formatter of each kind and
// language, made on first use. Pure. Pages read dates through next-intl's formatter (lib/i18n/messages.ts
// names the same formats); these serve code outside React, in English unless given a locale.

const options = {
  /** "Dec 1, 2026". */
  date: { dateStyle: 'medium', timeZone: 'UTC' },
  /** "December 1, 2026": in sentences and emails. */
  longDate: { dateStyle: 'long', timeZone: 'UTC' },
  /** "Dec 1, 2026, 2:05 PM". */
  dateTime: { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' },
  /** "Dec 1, 2026, 2:05:09 PM": to the second (the development mailbox). */
  preciseTime: { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

type Kind = keyof typeof options;

const made = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: Kind, locale: string): Intl.DateTimeFormat {
  const key = `${kind} ${locale}`;
  let found = made.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options[kind]);
    made.set(key, found);
  }
  return found;
}

const dateOf = (value: string | Date) => (typeof value === 'string' ? new Date(value) : value);

/** "Dec 1, 2026". `locale`: a BCP 47 tag ('ko', 'ja'); English (en-US) by default. */
export function formatDate(value: string | Date, locale = 'en-US'): string {
  return formatter('date', locale).format(dateOf(value));
}

/** "December 1, 2026". */
export function formatLongDate(value: string | Date, locale = 'en-US'): string {
  return formatter('longDate', locale).format(dateOf(value));
}

/** "Dec 1, 2026, 2:05 PM UTC". */
export function formatDateTime(value: string | Date, locale = 'en-US'): string {
  return `${formatter('dateTime', locale).format(dateOf(value))} UTC`;
}

/** "Dec 1, 2026, 2:05:09 PM UTC". */
export function formatPreciseTime(value: string | Date, locale = 'en-US'): string {
  return `${formatter('preciseTime', locale).format(dateOf(value))} UTC`;
}
