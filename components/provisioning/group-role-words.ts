// The words of the provisioning page's Directory groups section: the mapping's choices, the rule in one
// sentence, and what a change did, for its toast (DESIGN §12). Pure.
import type { InvitationRole } from '@/db/values';
import { plural } from '@/lib/shared/text';

/** The select's choices as [value, text]: "none" stands for no role (a select's value is never empty). */
export const groupRoleOptions: ReadonlyArray<readonly [string, string]> = [
  ['none', 'No role'],
  ['member', 'Member'],
  ['admin', 'Admin'],
];

export const groupRoleRule =
  'Members of a mapped group get its role; with several, the highest wins; people who leave every mapped group go back to Member. Owners are never changed.';

export function groupRoleValue(role: InvitationRole | null): string {
  return role ?? 'none';
}

export function groupRoleOf(value: string): InvitationRole | null {
  return value === 'admin' || value === 'member' ? value : null;
}

/**
 * What a change of mapping did, for its toast: "3 people are now Admins", "1 person is now a Member";
 * when no role changed, what the group now gives.
 */
export function groupRoleChanged(change: {
  group: string;
  to: InvitationRole | null;
  changed: number;
}): string {
  const { group, to, changed } = change;
  // Taking a mapping away or mapping to Member can only bring a role down, to Member (the highest of the
  // other mapped groups, else the default): whoever changed is now a Member.
  const now = to === 'admin' ? 'Admin' : 'Member';
  if (changed > 0)
    return changed === 1
      ? `1 person is now ${now === 'Admin' ? 'an Admin' : 'a Member'}`
      : `${plural(changed, 'person', 'people')} are now ${now}s`;
  return to === null
    ? `“${group}” gives no role now; no one's role changed`
    : `Members of “${group}” are ${now}s; no one's role changed`;
}
