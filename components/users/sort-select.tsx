'use client';

import { OptionSelect } from '@/components/shared/option-select';
import type { UserTableParams } from '@/lib/shared/user-table';
import { sortChangeOf, sortChoiceOf, sortChoices } from './sort-choices';

/**
 * "Sort by" above the table where its Added and Last active columns are hidden (below lg): the same
 * orders as the column headers, so a phone can sort by them too.
 */
export function SortSelect({
  params,
  onChange,
}: {
  params: UserTableParams;
  onChange: (changes: Record<string, string | null>) => void;
}) {
  return (
    <div className="flex items-center gap-2 lg:hidden">
      <span id="users-sort-label" className="text-sm text-muted-foreground">
        Sort by
      </span>
      <OptionSelect
        aria-labelledby="users-sort-label"
        options={sortChoices}
        value={sortChoiceOf(params)}
        onValueChange={(choice) => onChange(sortChangeOf(choice))}
        className="w-52"
      />
    </div>
  );
}
