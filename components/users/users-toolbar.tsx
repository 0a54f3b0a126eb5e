'use client';

import { useEffect, useState } from 'react';
import { Search, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { OptionSelect } from '@/components/shared/option-select';
import { useChosenValue } from '@/components/shared/use-chosen-value';
import { MAX_SEARCH } from '@/lib/shared/limits';
import { roles } from '@/lib/shared/roles';
import { inactivityDays, userStatuses, type UserTableParams } from '@/lib/shared/user-table';

/** A department as a choice of the Department filter ('all' stays free for "All departments"). */
const departmentValue = (department: string) => `d:${department}`;

/**
 * Search (name, address, title, department), role, status, activity, address and department filters.
 * They change the URL; the server does the filtering.
 */
export function UsersToolbar({
  params,
  onChange,
  externalFilter = false,
  departments = [],
  children,
}: {
  params: UserTableParams;
  /** The organization's departments as the directory sent them: the Department filter's choices. */
  departments?: string[];
  /** The organization has a verified domain: members outside it can be filtered (External). */
  externalFilter?: boolean;
  onChange: (changes: Record<string, string | null>) => void;
  children?: React.ReactNode;
}) {
  const t = useTranslations();
  const [search, setSearch] = useState(params.search);
  // When the URL's search changes (back button, a cleared filter), the box follows it: adjusted while
  // rendering, as React advises, rather than in an effect that would render twice.
  const [urlSearch, setUrlSearch] = useState(params.search);
  if (urlSearch !== params.search) {
    setUrlSearch(params.search);
    setSearch(params.search);
  }
  useEffect(() => {
    if (search === params.search) return;
    const timer = setTimeout(() => onChange({ q: search.trim() || null }), 300);
    return () => clearTimeout(timer);
  }, [search, params.search, onChange]);

  const filtered = Boolean(
    params.search || params.role || params.status || params.inactive || params.external || params.department,
  );
  // Each filter shows the choice made at once, while its page loads (not the old value until then).
  const [role, chooseRole] = useChosenValue(params.role ?? 'all');
  const [status, chooseStatus] = useChosenValue(params.status ?? 'all');
  const [inactive, chooseInactive] = useChosenValue(params.inactive ? String(params.inactive) : 'all');
  const [external, chooseExternal] = useChosenValue(params.external ? '1' : 'all');
  const [department, chooseDepartment] = useChosenValue(
    params.department ? departmentValue(params.department) : 'all',
  );
  // The chosen department stays a choice even when no member holds it any more.
  const shownDepartments =
    params.department && !departments.includes(params.department)
      ? [params.department, ...departments]
      : departments;
  // Each filter's choices as [value, text], in the order shown; its trigger names the choice itself, so
  // the server's HTML shows "All roles" before hydration, not an empty box.
  const roleOptions: [string, string][] = [
    ['all', t('users.toolbar.allRoles')],
    ...roles.map((value): [string, string] => [value, t(`common.roles.${value}`)]),
  ];
  const statusOptions: [string, string][] = [
    ['all', t('users.toolbar.allStatuses')],
    ...userStatuses.map((value): [string, string] => [value, t(`common.statuses.${value}`)]),
  ];
  const activityOptions: [string, string][] = [
    ['all', t('users.toolbar.anyActivity')],
    ...inactivityDays.map((days): [string, string] => [String(days), t('users.toolbar.inactive', { days })]),
  ];
  const addressOptions: [string, string][] = [
    ['all', t('users.toolbar.anyAddress')],
    ['1', t('users.toolbar.external')],
  ];
  const departmentOptions: [string, string][] = [
    ['all', t('users.toolbar.allDepartments')],
    ...shownDepartments.map((name): [string, string] => [departmentValue(name), name]),
  ];
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="relative w-full sm:w-72">
        <Search
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
          aria-hidden="true"
        />
        <Input
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') onChange({ q: search.trim() || null });
          }}
          placeholder={t('users.toolbar.searchPlaceholder')}
          aria-label={t('users.toolbar.searchLabel')}
          className="pl-8"
          maxLength={MAX_SEARCH}
        />
      </div>
      <OptionSelect
        aria-label={t('users.toolbar.filterRole')}
        options={roleOptions}
        value={role}
        onValueChange={(value) => {
          chooseRole(value);
          onChange({ role: value === 'all' ? null : value });
        }}
        className="w-[calc(50%-0.25rem)] sm:w-auto sm:min-w-36"
      />
      <OptionSelect
        aria-label={t('users.toolbar.filterStatus')}
        options={statusOptions}
        value={status}
        onValueChange={(value) => {
          chooseStatus(value);
          onChange({ status: value === 'all' ? null : value });
        }}
        className="w-[calc(50%-0.25rem)] sm:w-auto sm:min-w-40"
      />
      <OptionSelect
        aria-label={t('users.toolbar.filterActivity')}
        options={activityOptions}
        value={inactive}
        onValueChange={(value) => {
          chooseInactive(value);
          onChange({ inactive: value === 'all' ? null : value });
        }}
        className="w-[calc(50%-0.25rem)] sm:w-auto sm:min-w-44"
      />
      {externalFilter || params.external ? (
        <OptionSelect
          aria-label={t('users.toolbar.filterAddress')}
          options={addressOptions}
          value={external}
          onValueChange={(value) => {
            chooseExternal(value);
            onChange({ external: value === 'all' ? null : '1' });
          }}
          className="w-[calc(50%-0.25rem)] sm:w-auto sm:min-w-40"
        />
      ) : null}
      {shownDepartments.length > 0 ? (
        <OptionSelect
          aria-label={t('users.toolbar.filterDepartment')}
          options={departmentOptions}
          value={department}
          onValueChange={(value) => {
            chooseDepartment(value);
            onChange({ department: value === 'all' ? null : value.slice(2) });
          }}
          className="w-[calc(50%-0.25rem)] sm:w-auto sm:min-w-44"
          contentClassName="max-h-72"
        />
      ) : null}
      {filtered ? (
        <Button
          variant="ghost"
          size="sm"
          onClick={() =>
            onChange({ q: null, role: null, status: null, inactive: null, external: null, department: null })
          }
        >
          <X aria-hidden="true" />
          {t('users.toolbar.clearFilters')}
        </Button>
      ) : null}
      {children}
    </div>
  );
}
