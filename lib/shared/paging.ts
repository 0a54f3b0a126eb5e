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

/** The last page of a list of `total` rows, `pageSize` a page: page 1 for an empty list. */
export function lastPage(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The page a list shows when `page` is asked for: that page, or the last one when it is past the end
 * (its rows were deleted meanwhile, or ?page=99999 was typed), never "Page 16 of 15" with no rows.
 */
export function pageWithin(page: number, total: number, pageSize: number): number {
  return Math.min(clampPage(page), lastPage(total, pageSize));
}

/**
 * The query string of a paged list's URL with its page set to `page` (page 1 left out), every other
 * parameter kept: where a list asked past its end sends the browser, so the address says the page shown.
 */
export function queryWithPage(params: Record<string, string | string[] | undefined>, page: number): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (name === 'page' || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) query.append(name, one);
  }
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `?${text}` : '';
}
