// The audit log: one event per change, written inside the change's own transaction.
import 'server-only';
import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { auditEvents, users } from '@/db/schema';
import type { AuditAction } from '@/db/values';
import type { Actor } from './shared/actor';
import { activityKinds, activityRange, type ActivityFilters } from './shared/activity-filters';
import { requireConsoleAccess } from './access';
import { MAX_PAGE_SIZE } from './shared/limits';
import { clampPage, pageWithin } from './shared/paging';
import { jsonb } from './sql';

export type { AuditAction };

export interface AuditEntry {
  action: AuditAction;
  targetType: 'member' | 'invitation' | 'organization' | 'group';
  targetId?: string | null;
  targetEmail?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Who an event names as having made the change: the account (its id and address), or, for the directory,
 * no account and the token's name in the details (the activity page reads "Directory (<name>)").
 */
function actorColumns(actor: Actor | null) {
  if (!actor) return { actorId: null, actorEmail: null, directory: null };
  if (actor.kind === 'directory') return { actorId: null, actorEmail: null, directory: actor.tokenName };
  return { actorId: actor.userId, actorEmail: actor.email, directory: null };
}

function detailsOf(entry: AuditEntry, directory: string | null): Record<string, unknown> {
  return directory ? { ...entry.details, directory } : (entry.details ?? {});
}

/** Writes `entries` in one statement; pass the transaction of the change they record. */
export async function recordAudit(
  tx: Transaction,
  organizationId: string,
  actor: Actor | null,
  entries: AuditEntry[],
) {
  if (entries.length === 0) return;
  const { actorId, actorEmail, directory } = actorColumns(actor);
  await tx.insert(auditEvents).values(
    entries.map((entry) => ({
      organizationId,
      actorId,
      actorEmail,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      targetEmail: entry.targetEmail ?? null,
      details: detailsOf(entry, directory),
    })),
  );
}

/**
 * The INSERT of `entries` as one set-based statement, for a change that writes its rows and their
 * events in a single statement (its data-modifying CTEs, then this, or this as one more CTE), so that a
 * bulk change stays one write whatever its size. With `onlyWritten`, an entry is written only when its
 * target's id is among the rows of the query given for its target type (the ids the change's CTEs
 * returned), so the log records what the statement changed rather than what was read before it.
 */
export function auditInsert(
  organizationId: string,
  actor: Actor | null,
  entries: readonly AuditEntry[],
  options: { onlyWritten?: Partial<Record<AuditEntry['targetType'], SQL>> } = {},
): SQL {
  const { actorId, actorEmail, directory } = actorColumns(actor);
  const recordset = entries.map((entry) => ({
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId ?? null,
    target_email: entry.targetEmail ?? null,
    details: detailsOf(entry, directory),
  }));
  const written = Object.entries(options.onlyWritten ?? {}).map(
    ([targetType, ids]) => sql`(x.target_type = ${targetType} AND x.target_id IN (${ids}))`,
  );
  return sql`INSERT INTO ${auditEvents} (organization_id, actor_id, actor_email, action, target_type, target_id, target_email, details)
    SELECT ${organizationId}, ${actorId}, ${actorEmail}, x.action::audit_action, x.target_type, x.target_id, x.target_email, x.details
    FROM jsonb_to_recordset(${jsonb(recordset)}) AS x(action text, target_type text, target_id uuid, target_email text, details jsonb)
    ${options.onlyWritten ? sql`WHERE ${written.length > 0 ? sql.join(written, sql` OR `) : sql`false`}` : sql``}`;
}

export interface AuditPage {
  events: {
    id: string;
    action: AuditAction;
    actorEmail: string | null;
    actorName: string | null;
    targetType: string;
    targetEmail: string | null;
    details: Record<string, unknown>;
    createdAt: Date;
  }[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Who made the change an event records, as the activity page shows and filters it: the actor's address,
 * or, for an invitation declined by someone signed out (no actor), the invited address. The same
 * expression is indexed (db/schema/audit.ts), so a filter by person reads its page straight from the index.
 */
export const eventPerson = sql<
  string | null
>`lower(coalesce(${auditEvents.actorEmail}, ${auditEvents.targetEmail}))`;

/** Whom the change an event records was made to: the member's or the invited address, any case. */
export const eventTarget = sql<string | null>`lower(${auditEvents.targetEmail})`;

/** The conditions of `filters` on the organization's events (see lib/shared/activity-filters.ts). */
function filterConditions(organizationId: string, filters: Partial<ActivityFilters>): SQL[] {
  const conditions = [eq(auditEvents.organizationId, organizationId)];
  // A person is whoever made the change or had it made to them: "what happened to frances@…?" finds her
  // removal as well as what she did. Each side is read from its own index (db/schema/audit.ts).
  if (filters.who) {
    const who = filters.who.toLowerCase();
    conditions.push(sql`(${eventPerson} = ${who} OR ${eventTarget} = ${who})`);
  }
  if (filters.kind) conditions.push(inArray(auditEvents.action, [...activityKinds[filters.kind].actions]));
  const { since, before } = activityRange({ who: null, kind: null, from: null, to: null, ...filters });
  if (since) conditions.push(gte(auditEvents.createdAt, since));
  if (before) conditions.push(lt(auditEvents.createdAt, before));
  return conditions;
}

/**
 * The organization's audit events, newest first, one page at a time, narrowed by `filters` (who made
 * the change, its kind, a range of days). Owners and Admins only.
 */
export async function listAuditEvents(
  actor: Actor,
  input: { organizationId: string; page?: number; pageSize?: number } & Partial<ActivityFilters>,
): Promise<AuditPage> {
  const { db } = await requireConsoleAccess(actor, input.organizationId);
  const pageSize = Math.min(Math.max(input.pageSize ?? 50, 1), MAX_PAGE_SIZE);
  const requested = clampPage(input.page ?? 1);
  const where = and(...filterConditions(input.organizationId, input));
  const readPage = (page: number) =>
    db
      .select({
        id: auditEvents.id,
        action: auditEvents.action,
        actorEmail: auditEvents.actorEmail,
        actorName: users.name,
        targetType: auditEvents.targetType,
        targetEmail: auditEvents.targetEmail,
        details: auditEvents.details,
        createdAt: auditEvents.createdAt,
      })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(where)
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
  const [events, [totalRow]] = await Promise.all([
    readPage(requested),
    db.select({ total: count() }).from(auditEvents).where(where),
  ]);
  const total = totalRow?.total ?? 0;
  // Past the end, the last page is read instead (lib/shared/paging.ts pageWithin): one more statement,
  // only for a page that does not exist.
  const page = pageWithin(requested, total, pageSize);
  return { events: page === requested ? events : await readPage(page), total, page, pageSize };
}
