// The user table's URL state and its vocabulary. Pure, so the browser can import it too.
import { parsePage } from './paging';
import { MAX_SEARCH } from './limits';
import { memberStatusValues } from '@/db/values';
import { isRole } from '@/lib/shared/roles';

export const userStatuses = [
  ...memberStatusValues,
  'pending',
  'expired',
  'not_delivered',
  'declined',
] as const;
/** The statuses a member has (db/values.ts); the others are an invitation's. */
export const memberStatuses = memberStatusValues;
export type UserStatus = (typeof userStatuses)[number];
/** Each status in English words, as the CSV export writes it (the pages read common.statuses in the catalogs). */
export const statusLabels: Record<UserStatus, string> = {
  active: 'Active',
  suspended: 'Suspended',
  pending: 'Pending',
  expired: 'Expired',
  not_delivered: 'Not delivered',
  declined: 'Declined',
};
export const sortKeys = ['name', 'email', 'role', 'status', 'date', 'active'] as const;
/** The inactivity filter: members not active for this many days (never active: since they joined). */
export const inactivityDays = [30, 90] as const;
export type InactivityDays = (typeof inactivityDays)[number];
export type SortKey = (typeof sortKeys)[number];
/** The longest department the filter takes (a longer one matches nobody the directory could send). */
export const MAX_DEPARTMENT = 200;
export const pageSizes = [10, 25, 50, 100] as const;

/** `size` if it is one of pageSizes, else the default, 25. */
export function pageSizeOf(size: unknown): number {
  return (pageSizes as readonly unknown[]).includes(size) ? (size as number) : 25;
}

/** Reads the table's state from the page's URL; anything unknown falls back to the default. */
export function parseUserTableParams(params: Record<string, string | string[] | undefined>) {
  const one = (key: string) => {
    const value = params[key];
    return typeof value === 'string' ? value : undefined;
  };
  const role = one('role');
  const status = one('status');
  const sort = one('sort');
  const size = Number(one('size'));
  const inactive = Number(one('inactive'));
  return {
    // Control characters never match a name or an address (and PostgreSQL refuses NUL outright).
    search:
      one('q')
        ?.replace(/[\u0000-\u001f\u007f]/g, '')
        .slice(0, MAX_SEARCH) ?? '',
    role: isRole(role) ? role : null,
    status: userStatuses.find((s) => s === status) ?? null,
    inactive: inactivityDays.find((days) => days === inactive) ?? null,
    // Members outside every verified domain of the organization: `external=1`, nothing else.
    external: one('external') === '1',
    // One department as the directory sent it (the filter offers the organization's own).
    department:
      one('department')
        ?.replace(/[\u0000-\u001f\u007f]/g, '')
        .slice(0, MAX_DEPARTMENT) || null,
    sort: sortKeys.find((k) => k === sort) ?? 'date',
    direction: one('dir') === 'asc' ? ('asc' as const) : ('desc' as const),
    pageSize: pageSizeOf(size),
    page: parsePage(one('page')),
  };
}

export type UserTableParams = ReturnType<typeof parseUserTableParams>;

/** The view `params` describes, as the user table's query for `organizationId` (lib/user-table/list.ts). */
export function tableQuery(organizationId: string, params: UserTableParams) {
  return {
    organizationId,
    search: params.search,
    roles: params.role ? [params.role] : undefined,
    statuses: params.status ? [params.status] : undefined,
    inactiveDays: params.inactive,
    external: params.external,
    department: params.department,
    sort: params.sort,
    direction: params.direction,
    page: params.page,
    pageSize: params.pageSize,
  };
}

/** The query of the view `params` describes without its page: what an export of every page asks for. */
export function viewQuery(params: UserTableParams): string {
  const query = new URLSearchParams();
  if (params.search) query.set('q', params.search);
  if (params.role) query.set('role', params.role);
  if (params.status) query.set('status', params.status);
  if (params.inactive) query.set('inactive', String(params.inactive));
  if (params.external) query.set('external', '1');
  if (params.department) query.set('department', params.department);
  query.set('sort', params.sort);
  query.set('dir', params.direction);
  return query.toString();
}
