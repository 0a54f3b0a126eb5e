// The directory groups' events of the audit log in words (lib/shared/activity-sentences.ts hands them
// here; DESIGN §12). Pure.
import { isRole, roleLabels } from './roles';

export type GroupAction =
  'group.created' | 'group.updated' | 'group.members_changed' | 'group.deleted' | 'group.role_mapped';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function count(value: unknown, one: string, many: string): string {
  const n = typeof value === 'number' ? value : 0;
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** A mapped role in words: "are Admins", or "get no role from it" for a mapping taken away. */
function mapping(value: unknown): string {
  return isRole(value) ? `its members are ${roleLabels[value]}s` : 'its members get no role from it';
}

/**
 * What was done to a group, to follow the actor's name. Details: `group` (its name), `from`/`to` (a
 * rename or a mapping), `added`/`removed` (how many members).
 */
export function describeGroupEvent(action: GroupAction, details: Record<string, unknown>): string {
  const group = `the group “${text(details.group)}”`;
  switch (action) {
    case 'group.created':
      return `created ${group} from the directory`;
    case 'group.updated':
      return text(details.from) && text(details.from) !== text(details.group)
        ? `renamed the group “${text(details.from)}” to “${text(details.group)}”`
        : `updated ${group} from the directory`;
    case 'group.members_changed': {
      const parts = [
        details.added ? `added ${count(details.added, 'member', 'members')} to ${group}` : '',
        details.removed ? `removed ${count(details.removed, 'member', 'members')} from ${group}` : '',
      ].filter(Boolean);
      return parts.join(' and ') || `changed no members of ${group}`;
    }
    case 'group.deleted':
      return `deleted ${group}`;
    case 'group.role_mapped':
      return `changed ${group}: ${mapping(details.to)}`;
  }
}
