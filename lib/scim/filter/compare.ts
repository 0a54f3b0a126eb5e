// One comparison of a filter (RFC 7644 §3.4.2.2) as SQL on one attribute, checked against the attribute's
// type first: strings compare as the attribute's caseExact says (lower() on both sides when it is not),
// co/sw/ew as LIKE with the value's own %, _ and \ escaped, gt/ge/lt/le in code-point order (COLLATE "C":
// the same answer on every database), dates as instants to the millisecond, booleans only eq/ne, ids as
// UUIDs (one that is no UUID matches nothing, never a cast error). `ne` holds where the attribute is absent
// too (it is not equal), `pr` where it is neither null nor empty; comparing with null is refused in favour
// of `pr` and `not (… pr)`, which say what they mean. Every value is a bound parameter. Pure.
import { sql, type SQL } from 'drizzle-orm';
import { MAX_SEARCH } from '../../shared/limits';
import { isUuid } from '../protocol';
import type { Scalar } from './attributes';
import { invalidFilter, type Comparison } from './parse';

const ORDERING = { gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

/** An RFC 3339 date-time (the form meta.created is returned in). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

function text(scalar: Scalar, value: Comparison['value']): string {
  if (typeof value !== 'string')
    invalidFilter(
      `${scalar.name} is a ${scalar.type === 'uuid' ? 'id' : 'string'}: compare it with a quoted value, not ${JSON.stringify(value)}.`,
    );
  if (value.length > MAX_SEARCH) invalidFilter(`The value compared with ${scalar.name} is too long.`);
  return value;
}

/** `value` with LIKE's wildcards and its escape character taken literally (ESCAPE '\'). */
function literal(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function like(scalar: Scalar, op: 'co' | 'sw' | 'ew', value: string, target: SQL): SQL {
  const pattern = `${op === 'sw' ? '' : '%'}${literal(value)}${op === 'ew' ? '' : '%'}`;
  return scalar.caseExact
    ? sql`${target} LIKE ${pattern}::text ESCAPE '\\'`
    : sql`lower(${target}) LIKE lower(${pattern}::text) ESCAPE '\\'`;
}

function stringComparison(scalar: Scalar, compare: Comparison, target: SQL): SQL {
  if (compare.op === 'pr') return sql`(${target} IS NOT NULL AND ${target} <> '')`;
  const value = text(scalar, compare.value);
  const exact = Boolean(scalar.caseExact);
  const left = exact ? target : sql`lower(${target})`;
  const right = exact ? sql`${value}::text` : sql`lower(${value}::text)`;
  switch (compare.op) {
    case 'eq':
      return scalar.eq ? scalar.eq(value) : sql`${left} = ${right}`;
    case 'ne':
      return sql`${left} IS DISTINCT FROM ${right}`;
    case 'co':
    case 'sw':
    case 'ew':
      return like(scalar, compare.op, value, target);
    default:
      return sql`${left} COLLATE "C" ${sql.raw(ORDERING[compare.op])} ${right} COLLATE "C"`;
  }
}

function uuidComparison(scalar: Scalar, compare: Comparison): SQL {
  if (compare.op === 'pr') return sql`${scalar.sql} IS NOT NULL`;
  if (compare.op !== 'eq' && compare.op !== 'ne')
    return stringComparison(
      { ...scalar, caseExact: false, eq: undefined },
      compare,
      sql`${scalar.sql}::text`,
    );
  const value = text(scalar, compare.value);
  if (!isUuid(value)) return compare.op === 'eq' ? sql`false` : sql`true`;
  return compare.op === 'eq'
    ? sql`${scalar.sql} = ${value}::uuid`
    : sql`${scalar.sql} IS DISTINCT FROM ${value}::uuid`;
}

function booleanComparison(scalar: Scalar, compare: Comparison): SQL {
  if (compare.op === 'pr') return sql`${scalar.sql} IS NOT NULL`;
  if (compare.op !== 'eq' && compare.op !== 'ne')
    invalidFilter(`${scalar.name} is true or false: compare it with eq, ne or pr, not ${compare.op}.`);
  if (typeof compare.value !== 'boolean')
    invalidFilter(`${scalar.name} is compared with true or false, not ${JSON.stringify(compare.value)}.`);
  return compare.op === 'eq'
    ? sql`${scalar.sql} = ${compare.value}::boolean`
    : sql`${scalar.sql} IS DISTINCT FROM ${compare.value}::boolean`;
}

function dateComparison(scalar: Scalar, compare: Comparison): SQL {
  const instant = sql`date_trunc('milliseconds', ${scalar.sql})`;
  if (compare.op === 'pr') return sql`${scalar.sql} IS NOT NULL`;
  if (compare.op === 'co' || compare.op === 'sw' || compare.op === 'ew')
    invalidFilter(`${scalar.name} is a date-time: compare it with eq, ne, gt, ge, lt, le or pr.`);
  const value = compare.value;
  if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))
    invalidFilter(
      `${scalar.name} is a date-time: compare it with one such as "2026-01-31T09:00:00Z", not ${JSON.stringify(value)}.`,
    );
  const at = sql`${value}::timestamptz`;
  if (compare.op === 'eq') return sql`${instant} = ${at}`;
  if (compare.op === 'ne') return sql`${instant} IS DISTINCT FROM ${at}`;
  return sql`${instant} ${sql.raw(ORDERING[compare.op])} ${at}`;
}

/** `compare` on `scalar` as a condition, or a 400 when the operator or value does not fit its type. */
export function comparison(scalar: Scalar, compare: Comparison): SQL {
  if (compare.value === null)
    invalidFilter(`${scalar.name} is compared with null: to find it absent, use not (${scalar.name} pr).`);
  switch (scalar.type) {
    case 'string':
      return stringComparison(scalar, compare, scalar.sql);
    case 'uuid':
      return uuidComparison(scalar, compare);
    case 'boolean':
      return booleanComparison(scalar, compare);
    case 'dateTime':
      return dateComparison(scalar, compare);
    case 'complex':
      if (compare.op === 'pr') return sql`(${scalar.sql} IS NOT NULL AND ${scalar.sql} <> '{}'::jsonb)`;
      invalidFilter(
        `${scalar.name} is complex: filter on one of its sub-attributes (${scalar.name}.<sub-attribute>).`,
      );
  }
}
