// What each role may do in its organization (DESIGN §2): a permission table per role, asked by the
// policy and by every domain function. Pure.
import type { MemberRole } from '@/db/values';
import { roles } from './roles';

export type Permission =
  | 'org:settings'
  | 'members:invite'
  | 'members:manage'
  | 'members:export'
  | 'billing:manage'
  | 'org:delete'
  | 'console:access'
  /** See the verified domains and their join policies. */
  | 'domains:view'
  /** Add or remove a domain, change its join policy (Owners only, docs/rules.md). */
  | 'domains:manage'
  /** See the SSO connections and Require SSO. */
  | 'sso:view'
  /** Add, change, test or remove a connection; Require SSO and its break-glass Owners (Owners only). */
  | 'sso:manage';

export const rolePermissions: Record<MemberRole, readonly Permission[]> = {
  owner: [
    'org:settings',
    'members:invite',
    'members:manage',
    'members:export',
    'billing:manage',
    'org:delete',
    'console:access',
    'domains:view',
    'domains:manage',
    'sso:view',
    'sso:manage',
  ],
  admin: [
    'org:settings',
    'members:invite',
    'members:manage',
    'members:export',
    'billing:manage',
    'console:access',
    'domains:view',
    'sso:view',
  ],
  member: [],
};

export function can(role: MemberRole | null | undefined, permission: Permission): boolean {
  return role ? rolePermissions[role].includes(permission) : false;
}

/** The roles that hold `permission` (for a query that must admit the same roles as `can`). */
export function rolesWith(permission: Permission): MemberRole[] {
  return roles.filter((role) => can(role, permission));
}
