// Seats (docs/rules.md rule 8b): an organization may limit how many seats it uses, where a seat is an
// active member or a pending invitation that has not expired. A suspended member frees theirs. Over the
// limit, what would take a new seat (an invitation to a new address, a reactivation) is refused with its
// reason; nothing already in place is taken away, so lowering the limit below what is used is allowed.
// Counted under the organization's lock, which every change to membership takes first, so two admins
// inviting at the same moment never exceed it.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, type Database, type Transaction } from '@/db/client';
import { invitations, memberships } from '@/db/schema';
import { now } from '../clock';
import { refuse, type Refusal } from '../shared/errors';
import { plural } from '../shared/text';
import { activeMember, invitees, members, openInvitation } from '../conditions';
import { column, rows } from '../sql';
import { z } from 'zod';

/**
 * The seats of `organizationId` in use at `at`, as one column `used` (an index-only count for each half):
 * its active members and its open invitations (lib/conditions.ts).
 */
export function seatsUsedQuery(organizationId: string, at: Date): SQL {
  return sql`SELECT (SELECT count(*) FROM ${memberships} m WHERE m.organization_id = ${organizationId} AND ${activeMember(members)})
    + (SELECT count(*) FROM ${invitations} i WHERE i.organization_id = ${organizationId} AND ${openInvitation(at, invitees)}) AS used`;
}

/** The seats in use: call it inside the change's transaction, after the organization's lock. */
export async function readSeatsUsed(db: Database, organizationId: string, at: Date): Promise<number> {
  const [row] = await rows(db, seatsUsedQuery(organizationId, at), z.object({ used: column.count }));
  return row?.used ?? 0;
}

/** Seats left under `limit` with `used` of them taken (never below none); null without a limit. */
export function seatsLeft(limit: number | null, used: number): number | null {
  return limit === null ? null : Math.max(0, limit - used);
}

/**
 * The seats free in the organization at `at`, read inside the change's transaction after its lock; null
 * without a limit, and then without a statement.
 */
export async function freeSeats(
  tx: Transaction,
  organization: { id: string; seatLimit: number | null },
  at: Date,
): Promise<number | null> {
  if (organization.seatLimit === null) return null;
  return seatsLeft(organization.seatLimit, await readSeatsUsed(tx, organization.id, at));
}

/**
 * The one seat rule of a change that takes `count` seats at once (a reactivation): refused whole, with
 * SEAT_LIMIT and `reason`'s sentence, when fewer are free. An invitation list instead takes seats address by
 * address (lib/invitations/send.ts, with freeSeats), so that the others still go out.
 */
export async function assertSeats(
  tx: Transaction,
  organization: { id: string; seatLimit: number | null },
  count: number,
  at: Date,
  reason: (used: number, limit: number) => Refusal,
): Promise<void> {
  const limit = organization.seatLimit;
  if (limit === null || count === 0) return;
  const used = await readSeatsUsed(tx, organization.id, at);
  if (used + count > limit) refuse('SEAT_LIMIT', reason(used, limit), { used, limit });
}

/** The seats in use now, for a page whose guard has checked access (Settings). */
export async function seatsInUse(organizationId: string): Promise<number> {
  return readSeatsUsed(await getDb(), organizationId, now());
}

/** Why an address is not invited: no seat is left. */
export function noSeatReason(limit: number): string {
  return `No seat left: all ${plural(limit, 'seat')} are taken. Free a seat or raise the limit in Settings.`;
}

/** noSeatReason as a refusal, its sentence named in the catalogs. */
export function noSeatRefusal(limit: number): Refusal {
  return { message: noSeatReason(limit), detail: { key: 'noSeat', values: { limit } } };
}

/** Why reactivating `count` members is refused. */
export function reactivationSeatRefusal(count: number, used: number, limit: number): Refusal {
  return {
    message: `Nothing was changed: reactivating ${plural(count, 'member')} would use ${used + count} of ${plural(limit, 'seat')}. Free seats or raise the limit in Settings first.`,
    detail: { key: 'reactivationSeats', values: { count, total: String(used + count), limit } },
  };
}
