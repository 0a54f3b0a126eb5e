// What a filter's attribute names mean in SQL: the shape of the attribute tables of Users
// (./user-attributes.ts) and Groups (./group-attributes.ts), and how a name is found in one. A name is
// matched case-insensitively, with or without its schema's URN (RFC 7644 §3.10); a sub-attribute of a
// multi-valued attribute is read on one element at a time, so that `emails[type eq "work"].value` and
// `phoneNumbers[type eq "work" and value sw "+1"]` hold for the same element. Pure.
import { type SQL } from 'drizzle-orm';
import { invalidFilter } from './parse';

/** The RFC 7643 type a comparison is checked against; `uuid` is an id, `complex` only answers `pr`. */
export type AttributeType = 'string' | 'boolean' | 'dateTime' | 'uuid' | 'complex';

/** One value of a resource (or of an element of a multi-valued attribute) and its SQL expression. */
export interface Scalar {
  kind: 'scalar';
  /** As the SCIM schema spells it, for messages. */
  name: string;
  type: AttributeType;
  /** Case-sensitive string comparison (RFC 7643 caseExact); otherwise lower() on both sides. */
  caseExact?: boolean;
  sql: SQL;
  /** `eq` in the shape an index answers, where the plain comparison would not use it. */
  eq?: (value: string) => SQL;
  /** Whether sortBy may name it (singular values only). */
  sortable?: boolean;
}

/** A multi-valued attribute: a condition on its elements holds when one element meets it. */
export interface Collection {
  kind: 'collection';
  name: string;
  /** `condition` (on the sub-attributes' SQL) held by at least one element. */
  some: (condition: SQL) => SQL;
  /** Keyed by the lower-cased sub-attribute name. */
  subs: Record<string, Scalar>;
  /** The sub-attribute a comparison on the bare name reads (`emails eq "…"` is `emails.value eq "…"`). */
  bare: string;
  /** For sortBy: the expression of its primary value, where there is one per resource. */
  sortSql?: SQL;
}

export interface AttributeTable {
  /** Lower-cased schema URNs (without the trailing colon) and the names keyed under each. */
  schemas: { urn: string; prefix: string }[];
  /** Keyed by the lower-cased name with its schema's prefix (`enterprise.department`) or none (core). */
  attributes: Record<string, Scalar | Collection>;
}

/** A path resolved: a resource's value, a collection's element value, or a whole collection. */
export type Resolved =
  | { kind: 'scalar'; scalar: Scalar }
  | { kind: 'element'; collection: Collection; scalar: Scalar }
  | { kind: 'collection'; collection: Collection };

/** `path` without its schema URN, keyed as the table keys it; unknown URNs are kept (and refused later). */
function key(table: AttributeTable, path: string): string {
  const lower = path.toLowerCase();
  for (const { urn, prefix } of table.schemas)
    if (lower.startsWith(`${urn}:`)) return prefix + lower.slice(urn.length + 1);
  return lower;
}

function unknown(path: string): never {
  invalidFilter(`The filter names ${path}, an attribute this service does not keep or cannot filter on.`);
}

/** What the table keys as `name`: a value, a whole collection, or one sub-attribute of a collection. */
function lookup(table: AttributeTable, name: string): Resolved | null {
  const found = table.attributes[name];
  if (found?.kind === 'scalar') return { kind: 'scalar', scalar: found };
  if (found?.kind === 'collection') return { kind: 'collection', collection: found };
  const dot = name.lastIndexOf('.');
  const parent = dot > 0 ? table.attributes[name.slice(0, dot)] : undefined;
  if (parent?.kind !== 'collection') return null;
  const scalar = parent.subs[name.slice(dot + 1)];
  return scalar ? { kind: 'element', collection: parent, scalar } : null;
}

/**
 * What `path` names in `table`, or a 400 naming it. A name given with its URN is looked up in that schema
 * only; a bare name in the core schema, then in each extension (`department` is the enterprise one).
 */
export function resolve(table: AttributeTable, path: string): Resolved {
  const name = key(table, path);
  const candidates = path.includes(':')
    ? [name]
    : [name, ...table.schemas.filter((schema) => schema.prefix).map((schema) => schema.prefix + name)];
  for (const candidate of candidates) {
    const found = lookup(table, candidate);
    if (found) return found;
  }
  unknown(path);
}

/** A sub-attribute of `collection` named inside its brackets, or a 400 naming it. */
export function resolveSub(collection: Collection, sub: string): Scalar {
  const found = collection.subs[sub.toLowerCase()];
  if (!found) unknown(`${collection.name}.${sub}`);
  return found;
}
