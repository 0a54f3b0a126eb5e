// The message catalogs (messages/<locale>.json: one per language, the same keys in each; tests/i18n
// checks them) and the formats dates and numbers take in every language. Server code reads them here;
// the browser gets the namespaces its components use through NextIntlClientProvider (app/layout.tsx).
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';
import ja from '@/messages/ja.json';
import type { Formats } from 'use-intl/core';
import type { Locale } from './locales';

export type Messages = typeof en;
export type Namespace = keyof Messages;

export const catalogs: Record<Locale, Messages> = { en, ko, ja };

/** Read on the server only (an email is rendered there): not sent to the browser with every page. */
const serverOnly: readonly Namespace[] = ['emails'];

/** The namespaces the browser needs: every one but the server's own. */
export function clientMessages(locale: Locale): Partial<Messages> {
  const all = catalogs[locale];
  return Object.fromEntries(Object.entries(all).filter(([name]) => !serverOnly.includes(name as Namespace)));
}

/**
 * Dates and times always in UTC, so that the server's HTML and the browser's render agree; a text that
 * shows a time says so ("common.utc"). Named formats: `format.dateTime(date, 'date')`, or
 * `{when, date, date}` inside a message. Korean and Japanese show times on the 24-hour clock, as their
 * business software does: Node and Chromium also write the 12-hour Korean day period differently ("PM"
 * and "오후"), which would make a page's HTML and its hydration disagree.
 */
export function formatsFor(locale: Locale) {
  const clock = locale === 'en' ? {} : ({ hourCycle: 'h23' } as const);
  return {
    dateTime: {
      /** "Dec 1, 2026" · "2026. 12. 1." · "2026/12/01". */
      date: { dateStyle: 'medium', timeZone: 'UTC' },
      /** "December 1, 2026": in sentences and emails. */
      longDate: { dateStyle: 'long', timeZone: 'UTC' },
      /** "Dec 1, 2026, 2:05 PM" · "2026. 12. 1. 14:05" · "2026/12/01 14:05". */
      dateTime: { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC', ...clock },
      /** To the second (the development mailbox). */
      preciseTime: { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC', ...clock },
    },
    number: { integer: { maximumFractionDigits: 0 } },
  } satisfies Formats;
}

/** The named formats' shape (the same in every language): what typed `format` calls check against. */
export const formats = formatsFor('en');

export const TIME_ZONE = 'UTC';
