// The conditions the domain asks of a row, each written once: a membership that counts (active: a
// suspended member has no access and holds no seat, docs/rules.md rule 8a) and an invitation still open
// (pending and unexpired: it holds a seat, rule 8b, and its link works). Each takes the table it is asked
// of: the table itself, or an alias for raw SQL that names it `m` or `i` (`members`, `invitees` below).
import { and, eq, gt, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { invitations, memberships } from '@/db/schema';

/** `memberships` as `m`, `invitations` as `i`: for raw SQL that reads them under those names. */
export const members = alias(memberships, 'm');
export const invitees = alias(invitations, 'i');

/** An active membership. */
export function activeMember(table: { status: AnyPgColumn } = memberships): SQL {
  return eq(table.status, 'active');
}

/** An invitation still open at `at`: pending, and not expired. */
export function openInvitation(
  at: Date,
  table: { status: AnyPgColumn; expiresAt: AnyPgColumn } = invitations,
): SQL {
  return and(eq(table.status, 'pending'), gt(table.expiresAt, at))!;
}
