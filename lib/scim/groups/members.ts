// A group's members, written set-based (docs/rules.md rule 32): however many members a request adds or
// removes, one statement inserts them (INSERT … SELECT, ON CONFLICT DO NOTHING: adding a member again is
// no error) and removes the others (DELETE … WHERE membership_id = ANY(…)), and in the same statement
// reports the ids it was given that are no members of the organization, so that the caller refuses the
// whole request and its transaction writes nothing.
import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Transaction } from '@/db/client';
import { memberships, scimGroupMembers } from '@/db/schema';
import { fail } from '../../shared/errors';
import { column, rows, uuidArray } from '../../sql';
import type { MemberChange } from './change';

const written = z.object({
  added: column.count,
  removed: column.count,
  unknown: column.json(z.array(z.string())),
});

/**
 * Writes `change` to the group in one statement; returns how many members were added and removed. An id
 * to add that is no membership of the organization (unknown, another organization's) is refused, 400
 * invalidValue naming it: the caller's transaction then writes nothing.
 */
export async function writeMembers(
  tx: Transaction,
  organizationId: string,
  groupId: string,
  change: MemberChange,
): Promise<{ added: number; removed: number }> {
  if (!change.fromNone && change.add.size === 0 && change.remove.size === 0) return { added: 0, removed: 0 };
  const add = uuidArray([...change.add]);
  const removal = change.fromNone
    ? sql`membership_id <> ALL(${add})`
    : sql`membership_id = ANY(${uuidArray([...change.remove])})`;
  const [result] = await rows(
    tx,
    sql`WITH known AS (
          SELECT m.id FROM ${memberships} m WHERE m.organization_id = ${organizationId} AND m.id = ANY(${add})
        ), added AS (
          INSERT INTO ${scimGroupMembers} (group_id, membership_id, organization_id)
          SELECT ${groupId}::uuid, id, ${organizationId}::uuid FROM known
          ON CONFLICT DO NOTHING RETURNING membership_id
        ), removed AS (
          DELETE FROM ${scimGroupMembers} WHERE group_id = ${groupId}::uuid AND ${removal}
          RETURNING membership_id
        )
        SELECT (SELECT count(*) FROM added)::int AS added, (SELECT count(*) FROM removed)::int AS removed,
          (SELECT coalesce(json_agg(w.id ORDER BY w.id), '[]'::json) FROM unnest(${add}) AS w(id)
            WHERE w.id NOT IN (SELECT id FROM known)) AS unknown`,
    written,
  );
  if (result.unknown.length > 0) {
    const named = result.unknown.slice(0, 5).join(', ') + (result.unknown.length > 5 ? ', …' : '');
    fail(
      'SCIM_INVALID_VALUE',
      `${result.unknown.length === 1 ? 'The member' : `${result.unknown.length} members`} ${named} ` +
        `${result.unknown.length === 1 ? 'is' : 'are'} not a User of this organization. Nothing was changed.`,
    );
  }
  return { added: result.added, removed: result.removed };
}
