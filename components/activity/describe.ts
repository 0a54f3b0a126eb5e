import type { AuditAction } from '@/lib/audit';
import { isRole, roleLabels } from '@/lib/policy';

/** A detail as text: details are JSON written by the domain, so anything but a string is shown as nothing. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function role(value: unknown) {
  return isRole(value) ? roleLabels[value] : text(value);
}

/** One audit event in words: "changed the role of jane@acme.com from Member to Admin". */
export function describeEvent(action: AuditAction, target: string, details: Record<string, unknown>): string {
  switch (action) {
    case 'organization.created':
      return 'created the organization';
    case 'organization.renamed':
      return `renamed the organization from “${text(details.from)}” to “${text(details.to)}”`;
    case 'organization.ownership_transferred':
      return `transferred ownership to ${target}`;
    case 'invitation.sent':
      return `invited ${target} as ${role(details.role)}`;
    case 'invitation.resent':
      return `resent the invitation to ${target} as ${role(details.role)}`;
    case 'invitation.role_changed':
      return `changed the invited role of ${target} from ${role(details.from)} to ${role(details.to)}`;
    case 'invitation.revoked':
      return `revoked the invitation to ${target}`;
    case 'invitation.accepted':
      return details.alreadyMember
        ? `accepted an invitation (already a member)`
        : `accepted the invitation and joined as ${role(details.role)}`;
    case 'invitation.declined':
      return `declined the invitation for ${target}`;
    case 'member.role_changed':
      return `changed the role of ${target} from ${role(details.from)} to ${role(details.to)}`;
    case 'member.removed':
      return `removed ${target} (${role(details.role)})`;
    case 'member.left':
      return 'left the organization';
  }
}
