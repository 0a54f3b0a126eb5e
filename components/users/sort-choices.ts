// The user table's orders as one choice each, for the sort select that stands in for the column headers
// where the columns are hidden (phones, tablets). Pure.
import type { SortKey, UserTableParams } from '@/lib/shared/user-table';

type Direction = UserTableParams['direction'];

/** Each order as [value, its words' key in users.sort]: "key:direction", in the order offered. */
export const sortChoices = [
  ['date:desc', 'newestFirst'],
  ['date:asc', 'oldestFirst'],
  // Inactivity reviewed from the phone: never active since joining counts as the longest ago.
  ['active:asc', 'leastRecentlyActive'],
  ['active:desc', 'mostRecentlyActive'],
  ['name:asc', 'nameAscending'],
  ['name:desc', 'nameDescending'],
  ['role:asc', 'ownersFirst'],
  ['role:desc', 'membersFirst'],
  ['status:asc', 'activeFirst'],
  ['status:desc', 'activeLast'],
  ['email:asc', 'emailAscending'],
  ['email:desc', 'emailDescending'],
] as const;

/** The choice of the table's order now. */
export function sortChoiceOf(params: Pick<UserTableParams, 'sort' | 'direction'>): string {
  return `${params.sort}:${params.direction}`;
}

/** The URL's changes for a choice: its sort key and direction. */
export function sortChangeOf(choice: string): { sort: SortKey; dir: Direction } {
  const [sort, dir] = choice.split(':');
  return { sort: sort as SortKey, dir: dir === 'asc' ? 'asc' : 'desc' };
}
