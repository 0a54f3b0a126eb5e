// Audit events in words, for the activity page: who made the change, and what they did, so that the two
// read as one sentence ("heidi@example.com declined the invitation"). Pure.
import type { AuditAction, JoinPolicy } from '@/db/values';
import { isRole, roleLabels } from '@/lib/shared/roles';
import { joinPolicyLabels } from './join-policies';
import { describeGroupEvent } from './group-sentences';
import { describeSsoEvent } from './sso-sentences';

export interface DescribedEvent {
  action: AuditAction;
  actorEmail: string | null;
  actorName: string | null;
  targetEmail: string | null;
  details: Record<string, unknown>;
}

/** A detail as text: details are JSON written by the domain, so anything but a string is shown as nothing. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function role(value: unknown) {
  return isRole(value) ? roleLabels[value] : text(value);
}

/**
 * Who made the change, as shown: their name, else their address. An invitation declined by someone
 * signed out has no actor: the invited address declined it. Null when nobody is known (an account
 * since deleted that left no address).
 */
export function eventActor(event: DescribedEvent): { label: string; email: string | null } | null {
  // The identity provider over SCIM: no account, the token's name (lib/audit.ts).
  if (typeof event.details.directory === 'string')
    return { label: `Directory (${event.details.directory})`, email: null };
  // The daily re-check of verified domains (lib/domains) acts on no one's behalf.
  if (
    event.action === 'domain.failing' ||
    event.action === 'domain.unverified' ||
    (event.action === 'domain.verified' && !event.actorEmail)
  )
    return { label: 'The daily domain check', email: null };
  // A refused SSO sign-in: nobody signed in; the identity provider's answer was refused.
  if (event.action === 'sso.refused' && !event.actorEmail) return { label: 'AI Hub', email: null };
  const email = event.actorEmail ?? (event.action === 'invitation.declined' ? event.targetEmail : null);
  const label = event.actorName || email;
  return label ? { label, email } : null;
}

/**
 * What the person did, to follow their name: "changed the role of jane@acme.com from Member to Admin".
 * An address is named only when it is someone else's: the person who declined, accepted or left is
 * already the subject of the sentence.
 */
export function describeEvent(event: DescribedEvent): string {
  const { details } = event;
  const target = event.targetEmail ?? 'someone';
  switch (event.action) {
    case 'organization.created':
      return 'created the organization';
    case 'organization.renamed':
      return `renamed the organization from “${text(details.from)}” to “${text(details.to)}”`;
    case 'organization.ownership_transferred':
      return `transferred ownership to ${target}`;
    case 'organization.seat_limit_changed':
      return typeof details.to === 'number'
        ? `set the seat limit to ${details.to.toLocaleString('en-US')}`
        : 'removed the seat limit';
    case 'organization.notifications_changed':
      return details.to
        ? 'turned on emails to people whose role changes or who are removed'
        : 'turned off emails to people whose role changes or who are removed';
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
        ? 'accepted the invitation (already a member)'
        : `accepted the invitation and joined as ${role(details.role)}`;
    case 'invitation.declined':
      return 'declined the invitation';
    case 'member.role_changed':
      // A change a group mapping caused names the group (lib/scim/groups/roles.ts).
      return `changed the role of ${target} from ${role(details.from)} to ${role(details.to)}${text(details.group) ? `, from the group “${text(details.group)}”` : ''}`;
    case 'member.removed':
      return `removed ${target} (${role(details.role)})`;
    case 'member.left':
      return 'left the organization';
    case 'member.suspended':
      return `suspended ${target} (${role(details.role)})`;
    case 'member.reactivated':
      return `reactivated ${target} (${role(details.role)})`;
    case 'member.provisioned':
      return `added ${target} from the directory as ${role(details.role)}`;
    case 'member.directory_updated':
      return `updated ${target} from the directory`;
    case 'member.detached':
      return `detached ${target} from the directory: the console manages them now`;
    case 'provisioning.enabled':
      return 'turned on provisioning from an identity provider (SCIM)';
    case 'provisioning.disabled':
      return 'turned off provisioning from an identity provider (SCIM)';
    case 'provisioning.token_created':
      return details.replaced === true
        ? `replaced the provisioning token “${text(details.name)}”`
        : `created the provisioning token “${text(details.name)}”`;
    case 'provisioning.token_deleted':
      return `deleted the provisioning token “${text(details.name)}”`;
    case 'domain.added':
      return `added the domain ${text(details.domain)}`;
    case 'domain.verified':
      return details.recovered === true
        ? `found the verification record of ${text(details.domain)} again: it counts as verified as before`
        : `verified the domain ${text(details.domain)}`;
    case 'domain.failing':
      return `could not find the verification record of ${text(details.domain)}: it stops counting in 7 days unless the record is back`;
    case 'domain.unverified':
      return `unverified ${text(details.domain)}: its verification record was missing for 7 days`;
    case 'domain.removed':
      return `removed the domain ${text(details.domain)}`;
    case 'domain.join_policy_changed':
      return `changed how people at ${text(details.domain)} join from ${joinPolicyLabels[details.from as JoinPolicy] ?? text(details.from)} to ${joinPolicyLabels[details.to as JoinPolicy] ?? text(details.to)}`;
    case 'join.requested':
      return `asked to join through the domain ${text(details.domain)}`;
    case 'join.approved':
      return `approved ${target}'s request to join, as ${role(details.role)}`;
    case 'join.declined':
      return `declined ${target}'s request to join`;
    case 'join.withdrawn':
      return `withdrew their request to join (through the domain ${text(details.domain)})`;
    case 'member.joined':
      return `joined as ${role(details.role)} through the domain ${text(details.domain)}`;
    case 'members.exported':
      return `exported the user list as CSV (${exportedView(details)})`;
    case 'group.created':
    case 'group.updated':
    case 'group.members_changed':
    case 'group.deleted':
    case 'group.role_mapped':
      return describeGroupEvent(event.action, details);
    case 'sso.connection_added':
    case 'sso.connection_changed':
    case 'sso.connection_removed':
    case 'sso.tested':
    case 'sso.signed_in':
    case 'sso.joined':
    case 'sso.refused':
    case 'sso.required_changed':
    case 'sso.break_glass_changed':
      return describeSsoEvent(event.action, event.targetEmail ?? '', details);
  }
}

/** An export's rows and the view they came from: "1,234 rows, search “hopper”, role Admin". */
function exportedView(details: Record<string, unknown>): string {
  const count = typeof details.rows === 'number' ? details.rows : 0;
  const parts = [`${count.toLocaleString('en-US')} ${count === 1 ? 'row' : 'rows'}`];
  if (text(details.search)) parts.push(`search “${text(details.search)}”`);
  if (isRole(details.role)) parts.push(`role ${roleLabels[details.role]}`);
  if (text(details.status)) parts.push(`status ${text(details.status).replace('_', ' ')}`);
  if (typeof details.inactiveDays === 'number') parts.push(`inactive ${details.inactiveDays}+ days`);
  return parts.join(', ');
}

/** The whole event as one sentence: "heidi@example.com declined the invitation". */
export function eventSentence(event: DescribedEvent): string {
  return `${eventActor(event)?.label ?? 'Someone'} ${describeEvent(event)}`;
}
