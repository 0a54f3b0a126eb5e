// The audit log: one event per change, written inside the change's own transaction.
import { count, desc, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { auditEvents, users, type AuditAction } from '@/db/schema';
import type { Actor } from './actor';
import { requireConsoleAccess } from './access';
import { MAX_PAGE_SIZE } from './limits';
import { clampPage } from './paging';

export type { AuditAction };

export interface AuditEntry {
  action: AuditAction;
  targetType: 'member' | 'invitation' | 'organization';
  targetId?: string | null;
  targetEmail?: string | null;
  details?: Record<string, unknown>;
}

/** Writes `entries` in one statement; pass the transaction of the change they record. */
export async function recordAudit(tx: Database, organizationId: string, actor: Actor | null, entries: AuditEntry[]) {
  if (entries.length === 0) return;
  await tx.insert(auditEvents).values(
    entries.map((entry) => ({
      organizationId,
      actorId: actor?.userId ?? null,
      actorEmail: actor?.email ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      targetEmail: entry.targetEmail ?? null,
      details: entry.details ?? {},
    })),
  );
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

/** The organization's audit events, newest first, one page at a time. Owners and Admins only. */
export async function listAuditEvents(
  actor: Actor,
  input: { organizationId: string; page?: number; pageSize?: number },
): Promise<AuditPage> {
  const { db } = await requireConsoleAccess(actor, input.organizationId);
  const pageSize = Math.min(Math.max(input.pageSize ?? 50, 1), MAX_PAGE_SIZE);
  const page = clampPage(input.page ?? 1);
  const [events, [totalRow]] = await Promise.all([
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
      .where(eq(auditEvents.organizationId, input.organizationId))
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(auditEvents).where(eq(auditEvents.organizationId, input.organizationId)),
  ]);
  return { events, total: totalRow?.total ?? 0, page, pageSize };
}
