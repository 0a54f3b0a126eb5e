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

/**
 * What every page's browser code reads: the shared words, the console's chrome (skip link, toasts,
 * selects) and the two refusals the browser writes itself (no answer from the server).
 */
export const everyPage = ['common', 'console', 'errors.codes.UNREACHABLE', 'errors.codes.NO_ANSWER'] as const;

/**
 * The messages of `paths` (a namespace, or a dotted path to a message or a group of them): what a page
 * hands to its browser components, so that a page carries its own words and not the whole catalog.
 */
export function pickMessages(messages: Messages, paths: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const path of paths) {
    const keys = path.split('.');
    let from: unknown = messages;
    for (const key of keys)
      from =
        from && typeof from === 'object' && Object.hasOwn(from, key)
          ? (from as Record<string, unknown>)[key]
          : undefined;
    if (from === undefined) continue;
    let into = picked;
    for (const key of keys.slice(0, -1)) into = (into[key] ??= {}) as Record<string, unknown>;
    into[keys.at(-1)!] = from;
  }
  return picked;
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
