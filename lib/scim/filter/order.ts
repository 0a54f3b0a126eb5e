// sortBy and sortOrder (RFC 7644 §3.4.2.3) as an ORDER BY list: the attribute's value, compared as a
// filter compares it (case-insensitive strings by lower(), in code-point order on every database), its
// absent values last in either direction, then the id, so that pages never overlap. sortOrder is
// ascending or descending in any case, ascending by default; a sortBy this service cannot sort by (an
// unknown name, a complex or multi-valued attribute with no single value) is a 400 invalidValue that
// names it, never silently ignored. Pure.
import { sql, type SQL } from 'drizzle-orm';
import { DomainError, fail } from '../../shared/errors';
import { resolve, type AttributeTable, type Resolved, type Scalar } from './attributes';

function direction(sortOrder: string | null): SQL {
  const order = (sortOrder ?? '').trim().toLowerCase();
  if (order === '' || order === 'ascending') return sql`ASC`;
  if (order === 'descending') return sql`DESC`;
  fail('SCIM_INVALID_VALUE', `sortOrder is ascending or descending, not ${JSON.stringify(sortOrder)}.`);
}

function sortable(found: Resolved): Scalar | null {
  if (found.kind === 'scalar')
    return found.scalar.sortable && found.scalar.type !== 'complex' ? found.scalar : null;
  const { collection } = found;
  const sub = found.kind === 'element' ? found.scalar : collection.subs[collection.bare];
  if (!collection.sortSql || sub !== collection.subs[collection.bare]) return null;
  return { ...sub, sql: collection.sortSql };
}

function sortKey(table: AttributeTable, sortBy: string): SQL {
  let found: Resolved;
  try {
    found = resolve(table, sortBy);
  } catch (error) {
    if (error instanceof DomainError)
      fail('SCIM_INVALID_VALUE', `sortBy names ${sortBy}, an attribute this service does not keep.`);
    throw error;
  }
  const scalar = sortable(found);
  if (!scalar)
    fail('SCIM_INVALID_VALUE', `sortBy cannot sort by ${sortBy}: it has no single value to sort by.`);
  if (scalar.type !== 'string') return scalar.sql;
  return scalar.caseExact ? sql`${scalar.sql} COLLATE "C"` : sql`lower(${scalar.sql}) COLLATE "C"`;
}

/** The ORDER BY list for `sortBy`/`sortOrder` on `table`, `fallback` when no sortBy is given; ends with `id`. */
export function orderBy(
  table: AttributeTable,
  sortBy: string | null,
  sortOrder: string | null,
  defaults: { created: SQL; id: SQL },
): SQL {
  const dir = direction(sortOrder);
  if (sortBy === null || sortBy.trim() === '') return sql`${defaults.created}, ${defaults.id}`;
  return sql`${sortKey(table, sortBy.trim())} ${dir} NULLS LAST, ${defaults.id} ${dir}`;
}
