// A Groups list's `filter` (RFC 7644 §3.4.2.2), as much of it as the identity providers send for groups:
// `displayName eq "…"` (case-insensitive, as RFC 7643 defines displayName; the lower() index answers it),
// `externalId eq "…"` and `id eq "…"`, alone. Read by one anchored pattern, linear in the text, so no
// input can make it backtrack; anything else is a 400 `invalidFilter` that says what is supported.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { fail } from '../../shared/errors';
import { isUuid } from '../protocol';
import { MAX_GROUP_NAME } from './input';

const SUPPORTED = 'Supported for Groups: displayName eq "…", externalId eq "…" or id eq "…".';

const COMPARISON =
  /^\s*(?:urn:ietf:params:scim:schemas:core:2\.0:Group:)?(displayName|externalId|id)\s+eq\s+"((?:[^"\\]|\\["\\/])*)"\s*$/i;

/** `filter` as a condition on `g` (scim_groups), or null when there is none. */
export function groupFilter(_organizationId: string, filter: string | null): SQL | null {
  if (filter === null || filter.trim() === '') return null;
  if (filter.length > MAX_GROUP_NAME + 100)
    fail('SCIM_INVALID_FILTER', `The filter is too long. ${SUPPORTED}`);
  const match = COMPARISON.exec(filter);
  if (!match)
    fail('SCIM_INVALID_FILTER', `The filter ${JSON.stringify(filter)} is not supported. ${SUPPORTED}`);
  const value = match[2].replace(/\\(["\\/])/g, '$1');
  switch (match[1].toLowerCase()) {
    case 'displayname':
      return sql`lower(g.display_name) = lower(${value.trim()})`;
    case 'externalid':
      return sql`g.external_id = ${value}`;
    default:
      return isUuid(value) ? sql`g.id = ${value}::uuid` : sql`false`;
  }
}

/** The order of a Groups list: oldest first, ties by id (the index on organization, created, id). */
export function groupOrder(): SQL {
  return sql`g.created_at, g.id`;
}
