// Dates and times as the console and the emails write them: always in UTC, so that the server's HTML and
// the browser's render agree, and the text that shows a time says so. One formatter of each kind. Pure.

const formats = {
  /** "Dec 1, 2026". */
  date: new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }),
  /** "December 1, 2026": in sentences and emails. */
  longDate: new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }),
  /** "Dec 1, 2026, 2:05 PM". */
  dateTime: new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
  /** "Dec 1, 2026, 2:05:09 PM": to the second (the development mailbox). */
  preciseTime: new Intl.DateTimeFormat('en-US', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'UTC',
  }),
};

const dateOf = (value: string | Date) => (typeof value === 'string' ? new Date(value) : value);

/** "Dec 1, 2026". */
export function formatDate(value: string | Date): string {
  return formats.date.format(dateOf(value));
}

/** "December 1, 2026". */
export function formatLongDate(value: string | Date): string {
  return formats.longDate.format(dateOf(value));
}

/** "Dec 1, 2026, 2:05 PM UTC". */
export function formatDateTime(value: string | Date): string {
  return `${formats.dateTime.format(dateOf(value))} UTC`;
}

/** "Dec 1, 2026, 2:05:09 PM UTC". */
export function formatPreciseTime(value: string | Date): string {
  return `${formats.preciseTime.format(dateOf(value))} UTC`;
}
