// The directory groups' events of the audit log in words (lib/shared/activity-sentences.ts hands them
// here; DESIGN §12), from the catalogs' `activity.groups`. Pure.
import type { Translate } from './translate';

export type GroupAction =
  'group.created' | 'group.updated' | 'group.members_changed' | 'group.deleted' | 'group.role_mapped';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function count(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/**
 * What was done to a group, to follow the actor's name. Details: `group` (its name), `from`/`to` (a
 * rename or a mapping), `added`/`removed` (how many members).
 */
export function describeGroupEvent(
  action: GroupAction,
  details: Record<string, unknown>,
  t: Translate,
): string {
  const group = text(details.group);
  switch (action) {
    case 'group.created':
      return t('activity.groups.created', { group });
    case 'group.updated':
      return text(details.from) && text(details.from) !== group
        ? t('activity.groups.renamed', { from: text(details.from), group })
        : t('activity.groups.updated', { group });
    case 'group.members_changed': {
      const added = details.added ? count(details.added) : 0;
      const removed = details.removed ? count(details.removed) : 0;
      if (details.added && details.removed)
        return t('activity.groups.membersAddedAndRemoved', { added, removed, group });
      if (details.added) return t('activity.groups.membersAdded', { added, group });
      if (details.removed) return t('activity.groups.membersRemoved', { removed, group });
      return t('activity.groups.membersUnchanged', { group });
    }
    case 'group.deleted':
      return t('activity.groups.deleted', { group });
    case 'group.role_mapped':
      // A mapping taken away (no role) reads "its members get no role from it": the message's `other`.
      return t('activity.groups.roleMapped', { group, role: text(details.to) || 'none' });
  }
}
