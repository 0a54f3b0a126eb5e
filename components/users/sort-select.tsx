'use client';

import { useTranslations } from 'next-intl';
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
  const t = useTranslations('users.sort');
  const options = sortChoices.map(([value, key]): [string, string] => [value, t(key)]);
  return (
    <div className="flex items-center gap-2 lg:hidden">
      <span id="users-sort-label" className="text-sm text-muted-foreground">
        {t('label')}
      </span>
      <OptionSelect
        aria-labelledby="users-sort-label"
        options={options}
        value={sortChoiceOf(params)}
        onValueChange={(choice) => onChange(sortChangeOf(choice))}
        className="w-52"
      />
    </div>
  );
}
