// The activity page's filters and their URL: whom a change involves (who made it or to whom), what kind of change, and a range of
// days (UTC, as the page shows times). Pure, so the browser can import it too. Every parameter is read
// strictly: one that does not parse is ignored, as if it were not in the URL (never an error page).
import { z } from 'zod';
import { auditActionValues, type AuditAction } from '@/db/values';
import { isValidEmail, normalizeEmail } from './email-address';
import { MAX_EMAIL_LENGTH } from './limits';
import { parsePage } from './paging';

/** The kinds of change an admin filters by (their words: the catalogs' `activity.filters.kinds`). */
export const activityKindKeys = [
  'invitations',
  'answers',
  'roles',
  'departures',
  'suspensions',
  'exports',
  'provisioning',
  'organization',
  'domains',
  'joins',
  'sso',
] as const;

export type ActivityKind = (typeof activityKindKeys)[number];

/**
 * The kind of each audit action: a table over every action (db/values.ts), so that an action added there
 * must be given its kind here before the code compiles.
 */
const kindOf: Record<AuditAction, ActivityKind> = {
  'organization.created': 'organization',
  'organization.renamed': 'organization',
  'organization.notifications_changed': 'organization',
  'organization.seat_limit_changed': 'organization',
  'organization.ownership_transferred': 'roles',
  'invitation.sent': 'invitations',
  'invitation.resent': 'invitations',
  'invitation.role_changed': 'invitations',
  'invitation.revoked': 'invitations',
  'invitation.accepted': 'answers',
  'invitation.declined': 'answers',
  'member.role_changed': 'roles',
  'member.removed': 'departures',
  'member.left': 'departures',
  'member.suspended': 'suspensions',
  'member.reactivated': 'suspensions',
  'members.exported': 'exports',
  'member.provisioned': 'provisioning',
  'member.directory_updated': 'provisioning',
  'member.detached': 'provisioning',
  'provisioning.enabled': 'provisioning',
  'provisioning.disabled': 'provisioning',
  'provisioning.token_created': 'provisioning',
  'provisioning.token_deleted': 'provisioning',
  'group.created': 'provisioning',
  'group.updated': 'provisioning',
  'group.members_changed': 'provisioning',
  'group.deleted': 'provisioning',
  'group.role_mapped': 'provisioning',
  'domain.added': 'domains',
  'domain.verified': 'domains',
  'domain.failing': 'domains',
  'domain.unverified': 'domains',
  'domain.removed': 'domains',
  'domain.join_policy_changed': 'domains',
  'join.requested': 'joins',
  'join.approved': 'joins',
  'join.declined': 'joins',
  'join.withdrawn': 'joins',
  'member.joined': 'joins',
  'sso.connection_added': 'sso',
  'sso.connection_changed': 'sso',
  'sso.connection_removed': 'sso',
  'sso.tested': 'sso',
  'sso.signed_in': 'sso',
  'sso.joined': 'sso',
  'sso.refused': 'sso',
  'sso.required_changed': 'sso',
  'sso.break_glass_changed': 'sso',
};

/** Each kind of change with the audit actions it covers. */
export const activityKinds = Object.fromEntries(
  activityKindKeys.map((kind) => [
    kind,
    { actions: auditActionValues.filter((action) => kindOf[action] === kind) },
  ]),
) as Record<ActivityKind, { actions: AuditAction[] }>;

/** A day as YYYY-MM-DD that exists on the calendar (2026-02-30 does not), as a Date at 00:00 UTC. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((text) => ({ text, date: new Date(`${text}T00:00:00.000Z`) }))
  .refine(({ text, date }) => !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text));

const person = z
  .string()
  .max(MAX_EMAIL_LENGTH)
  .transform(normalizeEmail)
  .refine((address) => isValidEmail(address));

const fields = {
  who: person,
  kind: z.enum(activityKindKeys),
  from: day,
  to: day,
} as const;

export interface ActivityFilters {
  /** The address of a person: the events of changes they made and of changes made to them. */
  who: string | null;
  kind: ActivityKind | null;
  /** The first day shown, YYYY-MM-DD (UTC). */
  from: string | null;
  /** The last day shown, YYYY-MM-DD (UTC), inclusive. */
  to: string | null;
}

export interface ActivityParams extends ActivityFilters {
  page: number;
}

/** Reads the page's URL; each parameter that is missing, repeated or malformed is left out. */
export function parseActivityParams(params: Record<string, string | string[] | undefined>): ActivityParams {
  const read = <T>(schema: z.ZodType<T>, value: unknown): T | null => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : null;
  };
  return {
    who: read(fields.who, params.who),
    kind: read(fields.kind, params.kind),
    from: read(fields.from, params.from)?.text ?? null,
    to: read(fields.to, params.to)?.text ?? null,
    page: parsePage(params.page),
  };
}

/** The query string of `filters` and `page` (page 1 is left out), with a leading "?" or empty. */
export function activityQuery(filters: ActivityFilters, page = 1): string {
  const query = new URLSearchParams();
  if (filters.who) query.set('who', filters.who);
  if (filters.kind) query.set('kind', filters.kind);
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', filters.to);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** True when any filter is set. */
export function isFiltered(filters: ActivityFilters): boolean {
  return Boolean(filters.who || filters.kind || filters.from || filters.to);
}

/** The range as instants: from the start of `from` up to, not including, the day after `to` (UTC). */
export function activityRange(filters: ActivityFilters): { since: Date | null; before: Date | null } {
  const since = filters.from ? new Date(`${filters.from}T00:00:00.000Z`) : null;
  const before = filters.to ? new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + 86_400_000) : null;
  return { since, before };
}
