// The user table's orders as one choice each, for the sort select that stands in for the column headers
// where the columns are hidden (phones, tablets). Pure.
import type { SortKey, UserTableParams } from '@/lib/shared/user-table';

type Direction = UserTableParams['direction'];

/** Each order as [value, words]: "key:direction", in the order offered. */
export const sortChoices: ReadonlyArray<readonly [string, string]> = [
  ['date:desc', 'Newest first'],
  ['date:asc', 'Oldest first'],
  // Inactivity reviewed from the phone: never active since joining counts as the longest ago.
  ['active:asc', 'Least recently active'],
  ['active:desc', 'Most recently active'],
  ['name:asc', 'Name, A to Z'],
  ['name:desc', 'Name, Z to A'],
  ['role:asc', 'Role, Owners first'],
  ['role:desc', 'Role, Members first'],
  ['status:asc', 'Status, Active first'],
  ['status:desc', 'Status, Active last'],
  ['email:asc', 'Email, A to Z'],
  ['email:desc', 'Email, Z to A'],
];

/** The choice of the table's order now. */
export function sortChoiceOf(params: Pick<UserTableParams, 'sort' | 'direction'>): string {
  return `${params.sort}:${params.direction}`;
}

/** The URL's changes for a choice: its sort key and direction. */
export function sortChangeOf(choice: string): { sort: SortKey; dir: Direction } {
  const [sort, dir] = choice.split(':');
  return { sort: sort as SortKey, dir: dir === 'asc' ? 'asc' : 'desc' };
}
