// Page numbers of every paged list (the user table, the activity log): how `?page=` is read and how far
// a list may be asked to page. Pure, so the browser can import it too.

/**
 * The highest page a list is asked for: far past any real list (a million pages), and low enough that the
 * OFFSET it makes, (page - 1) × at most MAX_PAGE_SIZE rows (lib/shared/limits.ts), stays a safe integer and a
 * valid bigint. Without a bound, ?page=1000000000000000000 made the activity log's OFFSET overflow and
 * showed the error page.
 */
export const MAX_PAGE = 1_000_000;

/** Any number as a page: a whole number from 1 to MAX_PAGE (NaN and anything below 1 are page 1). */
export function clampPage(page: number): number {
  if (Number.isNaN(page)) return 1;
  return Math.min(MAX_PAGE, Math.max(1, Math.floor(page)));
}

/** `?page=` as a page number: plain digits only (`1e3`, `0x10`, `2.5`, a repeated parameter are page 1). */
export function parsePage(value: unknown): number {
  return typeof value === 'string' && /^[0-9]+$/.test(value) ? clampPage(Number(value)) : 1;
}
