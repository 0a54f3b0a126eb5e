// A parsed filter (./parse.ts) as one SQL condition on a resource's attribute table (./attributes.ts).
// `and` and `or` keep the tree's grouping; `not` treats an attribute that is absent as not matching what
// it negates (SQL's unknown made false first), so `not (title eq "x")` finds the people with no title. A
// condition on a multi-valued attribute holds when one element meets it, and every condition inside one
// value path (`emails[type eq "work"].value eq "…"`) is asked of the same element. Pure.
import { sql, type SQL } from 'drizzle-orm';
import { resolve, resolveSub, type AttributeTable, type Collection } from './attributes';
import { comparison } from './compare';
import { invalidFilter, type Comparison, type FilterNode } from './parse';

function leaf(table: AttributeTable, compare: Comparison): SQL {
  const found = resolve(table, compare.path);
  if (found.kind === 'scalar') return comparison(found.scalar, compare);
  if (found.kind === 'element') return found.collection.some(comparison(found.scalar, compare));
  const { collection } = found;
  if (compare.op === 'pr') return collection.some(sql`true`);
  return collection.some(comparison(collection.subs[collection.bare], compare));
}

function valuePath(table: AttributeTable, node: Extract<FilterNode, { kind: 'valuePath' }>): SQL {
  const found = resolve(table, node.path);
  if (found.kind !== 'collection')
    invalidFilter(`${node.path}[…] filters a multi-valued attribute; ${node.path} is not one.`);
  const { collection } = found;
  const inner = compile(table, node.filter, collection);
  if (!node.then) return collection.some(inner);
  const then = comparison(resolveSub(collection, node.then.path), node.then);
  return collection.some(sql`(${inner}) AND (${then})`);
}

/** `node` as a condition on `table`'s aliases; inside brackets, its names are `within`'s sub-attributes. */
export function compile(table: AttributeTable, node: FilterNode, within?: Collection): SQL {
  switch (node.kind) {
    case 'and':
    case 'or':
      return sql`(${sql.join(
        node.parts.map((part) => compile(table, part, within)),
        node.kind === 'and' ? sql` AND ` : sql` OR `,
      )})`;
    case 'not':
      return sql`(NOT coalesce(${compile(table, node.part, within)}, false))`;
    case 'compare':
      return within ? comparison(resolveSub(within, node.path), node) : leaf(table, node);
    case 'valuePath':
      return valuePath(table, node);
  }
}
