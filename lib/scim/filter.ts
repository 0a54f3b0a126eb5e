// A SCIM `filter` (RFC 7644 §3.4.2.2) as SQL on the members' indexed columns. The expression is parsed by
// scim2-parse-filter, behind a linear check of our own (refuseHostile) that no filter gets past to the
// parser's backtracking; what it means is decided here: `eq` on `id`, `userName`
// (case-insensitive, as RFC 7643 defines it), `externalId` (case-exact), `emails.value` (and
// `emails[value eq "…"]`) and `active`, joined with `and`. Each becomes a condition an index answers
// (db/schema/organizations.ts); anything else is a 400 `invalidFilter` that says what is supported, never a scan.
import 'server-only';
import { parse, type Filter } from 'scim2-parse-filter';
import { sql, type SQL } from 'drizzle-orm';
import { memberships, users } from '@/db/schema';
import { MAX_SEARCH } from '../shared/limits';
import { fail } from '../shared/errors';
import { isUuid } from './protocol';

const SUPPORTED = 'Supported: eq on id, userName, externalId, emails.value and active, joined with and.';

function invalid(detail: string): never {
  fail('SCIM_INVALID_FILTER', `${detail} ${SUPPORTED}`);
}

/** The text a comparison compares with, or a 400 when it is not text. */
function textValue(value: unknown, attribute: string): string {
  if (typeof value !== 'string') invalid(`${attribute} is compared with a string.`);
  if (value.length > MAX_SEARCH) invalid(`The value compared with ${attribute} is too long.`);
  return value;
}

/**
 * The members with userName `value`, case-insensitively: a directory's own userName where it gave one,
 * else the account's address. Two index look-ups (memberships by userName, users by address) rather
 * than one condition across both tables, which no index could answer.
 */
function userNameIs(organizationId: string, value: string): SQL {
  const name = value.trim().toLowerCase();
  return sql`m.id IN (
    SELECT id FROM ${memberships} WHERE organization_id = ${organizationId} AND lower(scim_user_name) = ${name}
    UNION ALL
    SELECT m2.id FROM ${users} u2 JOIN ${memberships} m2 ON m2.user_id = u2.id
      WHERE u2.email = ${name} AND m2.organization_id = ${organizationId} AND m2.scim_user_name IS NULL)`;
}

function condition(organizationId: string, filter: Filter): SQL {
  if (filter.op === 'and')
    return sql.join(
      filter.filters.map((part) => sql`(${condition(organizationId, part)})`),
      sql` AND `,
    );
  if (filter.op === '[]') {
    // emails[value eq "…"]: the value path of the one multi-valued attribute filtered on.
    if (filter.attrPath.toLowerCase() !== 'emails' || filter.valFilter.op !== 'eq')
      invalid(`The filter ${filter.attrPath}[…] is not supported.`);
    return condition(organizationId, {
      ...filter.valFilter,
      attrPath: `emails.${filter.valFilter.attrPath}`,
    });
  }
  if (filter.op !== 'eq') invalid(`The operator ${filter.op} is not supported.`);
  const attribute = filter.attrPath
    .replace(/^urn:ietf:params:scim:schemas:core:2\.0:User:/i, '')
    .toLowerCase();
  switch (attribute) {
    case 'id': {
      const id = textValue(filter.compValue, 'id');
      return isUuid(id) ? sql`m.id = ${id}::uuid` : sql`false`;
    }
    case 'username':
      return userNameIs(organizationId, textValue(filter.compValue, 'userName'));
    case 'externalid':
      return sql`m.external_id = ${textValue(filter.compValue, 'externalId')}`;
    case 'emails.value':
    case 'emails':
      return sql`u.email = ${textValue(filter.compValue, 'emails.value').trim().toLowerCase()}`;
    case 'active': {
      const active = filter.compValue;
      if (typeof active !== 'boolean') invalid('active is compared with true or false.');
      return active ? sql`m.status = 'active'` : sql`m.status <> 'active'`;
    }
    default:
      invalid(`Filtering on ${filter.attrPath} is not supported.`);
  }
}

/** The longest filter read, the deepest nesting of ( and [, and the most comparisons joined. */
export const FILTER_BOUNDS = { length: 1000, depth: 8, terms: 50 } as const;

/**
 * Refuses, in one pass over the text, what scim2-parse-filter 0.2.10 must never see. Its quoted-string
 * pattern backtracks exponentially on line breaks inside an unclosed quote (22 newlines ≈ 25 ms, ×4 for
 * every two more: one request would stop the server for every organization), so control characters are
 * refused (no SCIM value holds one), and so is a quote left open. Nesting and the number of comparisons
 * are bounded too, so that neither the parser's recursion nor the SQL it becomes can grow without limit.
 * SECURITY.md, issue 12 finding 1.
 */
function refuseHostile(filter: string): void {
  if (filter.length > FILTER_BOUNDS.length) invalid('The filter is too long.');
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(filter))
    invalid('The filter holds a control character or a line break.');
  let quoted = false;
  let depth = 0;
  let deepest = 0;
  let outside = '';
  for (let index = 0; index < filter.length; index++) {
    const char = filter[index];
    if (quoted) {
      if (char === '\\') index++;
      else if (char === '"') quoted = false;
      continue;
    }
    if (char === '"') quoted = true;
    else if (char === '(' || char === '[') deepest = Math.max(deepest, ++depth);
    else if (char === ')' || char === ']') depth--;
    outside += quoted ? ' ' : char;
  }
  if (quoted) invalid('A quoted value is not closed.');
  if (deepest > FILTER_BOUNDS.depth)
    invalid(`The filter nests deeper than ${FILTER_BOUNDS.depth} levels of parentheses.`);
  const joins = outside.match(/(?:^|[\s)\]])(?:and|or)(?=[\s(])/gi)?.length ?? 0;
  if (joins + 1 > FILTER_BOUNDS.terms)
    invalid(`The filter joins more than ${FILTER_BOUNDS.terms} comparisons.`);
}

/** `filter` as a condition on `m` (memberships) and `u` (users), or null when there is none. */
export function filterCondition(organizationId: string, filter: string | null): SQL | null {
  if (filter === null || filter.trim() === '') return null;
  refuseHostile(filter);
  let parsed: Filter;
  try {
    parsed = parse(filter);
  } catch (error) {
    invalid(`The filter could not be read (${(error as Error).message}).`);
  }
  return condition(organizationId, parsed);
}
