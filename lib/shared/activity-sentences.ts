// Audit events in words, for the activity page: who made the change, and what they did, so that the two
// read as one sentence ("heidi@example.com declined the invitation"). Pure: the words come from the
// catalogs (namespace `activity`) through the translator the caller hands in, in the reader's language.
import type { AuditAction, JoinPolicy } from '@/db/values';
import { isRole } from '@/lib/shared/roles';
import { describeGroupEvent } from './group-sentences';
import { describeSsoEvent } from './sso-sentences';
import type { Translate } from './translate';

export interface DescribedEvent {
  action: AuditAction;
  actorEmail: string | null;
  actorName: string | null;
  targetEmail: string | null;
  details: Record<string, unknown>;
}

/** A detail as text: details are JSON written by the domain, so anything but a string is shown as nothing. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A role's name in the reader's language; a value that is no role (an old row) as it was written. */
export function roleName(t: Translate, value: unknown): string {
  return isRole(value) ? t(`common.roles.${value}`) : text(value);
}

const joinPolicies: readonly JoinPolicy[] = ['off', 'suggest', 'automatic'];

function joinPolicy(t: Translate, value: unknown): string {
  return joinPolicies.includes(value as JoinPolicy)
    ? t(`activity.joinPolicies.${value as JoinPolicy}`)
    : text(value);
}

/**
 * Who made the change, as shown: their name, else their address. An invitation declined by someone
 * signed out has no actor: the invited address declined it. Null when nobody is known (an account
 * since deleted that left no address).
 */
export function eventActor(
  event: DescribedEvent,
  t: Translate,
): { label: string; email: string | null } | null {
  // The identity provider over SCIM: no account, the token's name (lib/audit.ts).
  if (typeof event.details.directory === 'string')
    return { label: t('activity.actors.directory', { name: event.details.directory }), email: null };
  // The daily re-check of verified domains (lib/domains) acts on no one's behalf.
  if (
    event.action === 'domain.failing' ||
    event.action === 'domain.unverified' ||
    (event.action === 'domain.verified' && !event.actorEmail)
  )
    return { label: t('activity.actors.domainCheck'), email: null };
  // A refused SSO sign-in: nobody signed in; the identity provider's answer was refused.
  if (event.action === 'sso.refused' && !event.actorEmail)
    return { label: t('activity.actors.aiHub'), email: null };
  const email = event.actorEmail ?? (event.action === 'invitation.declined' ? event.targetEmail : null);
  const label = event.actorName || email;
  return label ? { label, email } : null;
}

/**
 * What the person did, to follow their name: "changed the role of jane@acme.com from Member to Admin".
 * An address is named only when it is someone else's: the person who declined, accepted or left is
 * already the subject of the sentence.
 */
export function describeEvent(event: DescribedEvent, t: Translate): string {
  const { details } = event;
  const target = event.targetEmail ?? t('activity.someone');
  const role = (value: unknown) => roleName(t, value);
  const domain = text(details.domain);
  switch (event.action) {
    case 'organization.created':
      return t('activity.events.organizationCreated');
    case 'organization.renamed':
      return t('activity.events.organizationRenamed', { from: text(details.from), to: text(details.to) });
    case 'organization.ownership_transferred':
      return t('activity.events.ownershipTransferred', { target });
    case 'organization.seat_limit_changed':
      return typeof details.to === 'number'
        ? t('activity.events.seatLimitSet', { limit: details.to })
        : t('activity.events.seatLimitRemoved');
    case 'organization.notifications_changed':
      return details.to ? t('activity.events.notificationsOn') : t('activity.events.notificationsOff');
    case 'invitation.sent':
      return t('activity.events.invitationSent', { target, role: role(details.role) });
    case 'invitation.resent':
      return t('activity.events.invitationResent', { target, role: role(details.role) });
    case 'invitation.role_changed':
      return t('activity.events.invitationRoleChanged', {
        target,
        from: role(details.from),
        to: role(details.to),
      });
    case 'invitation.revoked':
      return t('activity.events.invitationRevoked', { target });
    case 'invitation.accepted':
      return details.alreadyMember
        ? t('activity.events.invitationAcceptedAlready')
        : t('activity.events.invitationAccepted', { role: role(details.role) });
    case 'invitation.declined':
      return t('activity.events.invitationDeclined');
    case 'member.role_changed': {
      // A change a group mapping caused names the group (lib/scim/groups/roles.ts).
      const change = { target, from: role(details.from), to: role(details.to) };
      return text(details.group)
        ? t('activity.events.memberRoleChangedByGroup', { ...change, group: text(details.group) })
        : t('activity.events.memberRoleChanged', change);
    }
    case 'member.removed':
      return t('activity.events.memberRemoved', { target, role: role(details.role) });
    case 'member.left':
      return t('activity.events.memberLeft');
    case 'member.suspended':
      return t('activity.events.memberSuspended', { target, role: role(details.role) });
    case 'member.reactivated':
      return t('activity.events.memberReactivated', { target, role: role(details.role) });
    case 'member.provisioned':
      return t('activity.events.memberProvisioned', { target, role: role(details.role) });
    case 'member.directory_updated':
      return t('activity.events.memberDirectoryUpdated', { target });
    case 'member.detached':
      return t('activity.events.memberDetached', { target });
    case 'provisioning.enabled':
      return t('activity.events.provisioningEnabled');
    case 'provisioning.disabled':
      return t('activity.events.provisioningDisabled');
    case 'provisioning.token_created':
      return details.replaced === true
        ? t('activity.events.tokenReplaced', { name: text(details.name) })
        : t('activity.events.tokenCreated', { name: text(details.name) });
    case 'provisioning.token_deleted':
      return t('activity.events.tokenDeleted', { name: text(details.name) });
    case 'domain.added':
      return t('activity.events.domainAdded', { domain });
    case 'domain.verified':
      return details.recovered === true
        ? t('activity.events.domainRecovered', { domain })
        : t('activity.events.domainVerified', { domain });
    case 'domain.failing':
      return t('activity.events.domainFailing', { domain });
    case 'domain.unverified':
      return t('activity.events.domainUnverified', { domain });
    case 'domain.removed':
      return t('activity.events.domainRemoved', { domain });
    case 'domain.join_policy_changed':
      return t('activity.events.joinPolicyChanged', {
        domain,
        from: joinPolicy(t, details.from),
        to: joinPolicy(t, details.to),
      });
    case 'join.requested':
      return t('activity.events.joinRequested', { domain });
    case 'join.approved':
      return t('activity.events.joinApproved', { target, role: role(details.role) });
    case 'join.declined':
      return t('activity.events.joinDeclined', { target });
    case 'join.withdrawn':
      return t('activity.events.joinWithdrawn', { domain });
    case 'member.joined':
      return t('activity.events.memberJoined', { role: role(details.role), domain });
    case 'members.exported':
      return t('activity.events.membersExported', { view: exportedView(details, t) });
    case 'group.created':
    case 'group.updated':
    case 'group.members_changed':
    case 'group.deleted':
    case 'group.role_mapped':
      return describeGroupEvent(event.action, details, t);
    case 'sso.connection_added':
    case 'sso.connection_changed':
    case 'sso.connection_removed':
    case 'sso.tested':
    case 'sso.signed_in':
    case 'sso.joined':
    case 'sso.refused':
    case 'sso.required_changed':
    case 'sso.break_glass_changed':
      return describeSsoEvent(event.action, event.targetEmail ?? '', details, t);
  }
}

/** An export's rows and the view they came from: "1,234 rows, search “hopper”, role Admin". */
function exportedView(details: Record<string, unknown>, t: Translate): string {
  const count = typeof details.rows === 'number' ? details.rows : 0;
  const parts = [t('activity.export.rows', { count })];
  if (text(details.search)) parts.push(t('activity.export.search', { search: text(details.search) }));
  if (isRole(details.role)) parts.push(t('activity.export.role', { role: roleName(t, details.role) }));
  if (text(details.status)) parts.push(t('activity.export.status', { status: text(details.status) }));
  if (typeof details.inactiveDays === 'number')
    parts.push(t('activity.export.inactive', { days: String(details.inactiveDays) }));
  return parts.join(t('activity.export.separator'));
}

/** The whole event as one sentence: "heidi@example.com declined the invitation". */
export function eventSentence(event: DescribedEvent, t: Translate): string {
  const actor = eventActor(event, t)?.label ?? t('activity.actors.someone');
  return t('activity.sentence', { actor, action: describeEvent(event, t) });
}
