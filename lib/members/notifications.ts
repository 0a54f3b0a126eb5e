// Emails to the people a change is about (docs/email-delivery.md): their role changed, they were removed,
// they were made Owner. Built here and queued by the change in its own transaction, so a commit always
// has its emails and a rollback never does; an organization can turn them off (Settings). Nobody is
// emailed about their own change, and an invitee is not emailed when their pending invitation changes:
// its link shows what it offers when they open it.
import 'server-only';
import type { MemberRole } from '@/db/values';
import { accountOf, type Actor } from '../shared/actor';
import type { LockedOrganization } from '../access';
import type { QueuedEmail } from '../email/queue';
import { senderLocale } from '../email/locale';
import type { Locale } from '../i18n/locales';
import type { Target } from './targets';

/** What every notification says about who made the change and where. */
export interface ChangeFacts {
  organizationName: string;
  organizationSlug: string;
  /** A person's name and address; for the directory, its token's name and no address. */
  actorName: string;
  actorEmail: string;
  /** The organization's identity provider made the change (docs/rules.md rule 13). */
  byDirectory?: true;
  /** The language of the request the change came from (lib/email/locale.ts), when known. */
  locale?: Locale;
}

export interface RoleChangedFacts extends ChangeFacts {
  fromRole: MemberRole;
  toRole: MemberRole;
}

function changeFacts(org: LockedOrganization, actor: Actor): ChangeFacts {
  const where = { organizationName: org.name, organizationSlug: org.slug };
  return actor.kind === 'directory'
    ? { ...where, actorName: actor.tokenName, actorEmail: '', byDirectory: true }
    : { ...where, actorName: actor.name ?? '', actorEmail: actor.email, ...senderLocale(actor) };
}

/** The members (never invitations, never the actor) a change to `targets` is news to, if the organization wants it. */
function toTell(org: LockedOrganization, actor: Actor, targets: readonly Target[]): Target[] {
  if (!org.notifyMemberChanges) return [];
  return targets.filter((target) => target.kind === 'member' && target.userId !== accountOf(actor));
}

/** One email to each member of `changed` (their role before the change) whose role is now `role`. */
export function roleChangedEmails(
  org: LockedOrganization,
  actor: Actor,
  changed: readonly Target[],
  role: MemberRole,
): QueuedEmail[] {
  const facts = changeFacts(org, actor);
  return toTell(org, actor, changed).map((target) => ({
    kind: 'role_changed',
    recipient: target.email,
    organizationId: org.id,
    payload: { ...facts, fromRole: target.role, toRole: role } satisfies RoleChangedFacts,
  }));
}

/** One email to each member of `removed` (no link into the console: they have no access now). */
export function removedEmails(
  org: LockedOrganization,
  actor: Actor,
  removed: readonly Target[],
): QueuedEmail[] {
  const facts = changeFacts(org, actor);
  return toTell(org, actor, removed).map((target) => ({
    kind: 'removed',
    recipient: target.email,
    organizationId: org.id,
    payload: { ...facts } satisfies ChangeFacts,
  }));
}

/** The email to the member who is the organization's Owner now (the actor becomes Admin). */
export function ownershipTransferredEmails(
  org: LockedOrganization,
  actor: Actor,
  newOwner: { email: string },
): QueuedEmail[] {
  if (!org.notifyMemberChanges) return [];
  return [
    {
      kind: 'ownership_transferred',
      recipient: newOwner.email,
      organizationId: org.id,
      payload: { ...changeFacts(org, actor) } satisfies ChangeFacts,
    },
  ];
}
