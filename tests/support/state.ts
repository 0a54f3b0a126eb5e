// Helpers for asserting on the database state and on domain errors.
import { asc, count, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditEvents,
  invitations,
  mailboxMessages,
  memberships,
  organizations,
  rateLimitBuckets,
} from '@/db/schema';
import { DomainError, type ErrorCode } from '@/lib/shared/errors';

/** Every row that a membership or invitation change could touch, in a stable order. */
export async function snapshot() {
  const db = await getDb();
  const [orgs, members, invites, audit, mail, buckets] = await Promise.all([
    db.select().from(organizations).orderBy(asc(organizations.id)),
    db.select().from(memberships).orderBy(asc(memberships.id)),
    db.select().from(invitations).orderBy(asc(invitations.id)),
    db.select({ n: count() }).from(auditEvents),
    db.select({ n: count() }).from(mailboxMessages),
    db.select().from(rateLimitBuckets).orderBy(asc(rateLimitBuckets.key)),
  ]);
  return { orgs, members, invites, auditEvents: audit[0].n, mailbox: mail[0].n, buckets };
}

export async function auditActions(organizationId: string) {
  const db = await getDb();
  return db
    .select({
      action: auditEvents.action,
      targetId: auditEvents.targetId,
      targetEmail: auditEvents.targetEmail,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(eq(auditEvents.organizationId, organizationId))
    .orderBy(asc(auditEvents.createdAt), asc(auditEvents.id));
}

export async function auditCount(organizationId?: string) {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(organizationId ? eq(auditEvents.organizationId, organizationId) : sql`true`);
  return row.n;
}

/** Awaits `promise`, expects it to reject with a DomainError of `code`, and returns that error. */
export async function expectDomainError(promise: Promise<unknown>, code: ErrorCode): Promise<DomainError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected DomainError ${code}, but the call succeeded`).toBeDefined();
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe(code);
  return caught as DomainError;
}

/** The code of a rejected call, 'ok' for a fulfilled one. */
export async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

/** The raw token of the invitation link in a message's text part. */
export function tokenFrom(text: string): string {
  const match = /\/invite\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`No invitation link in:\n${text}`);
  return match[1];
}
