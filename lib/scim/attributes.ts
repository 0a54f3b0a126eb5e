// `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5): which of a resource's attributes an answer
// holds. `schemas`, `id` and `meta` are always returned; a sub-attribute ("name.givenName") keeps its
// parent's object with that part alone; the enterprise extension's attributes are named by its URN
// ("urn:…:enterprise:2.0:User:department"). Pure.
import { ENTERPRISE_SCHEMA } from './profile';

const ALWAYS = new Set(['schemas', 'id', 'meta']);
const URN = /^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i;

/** An attribute path as [top, sub?] in lower case: the enterprise extension's URN is one top-level name. */
function pathOf(item: string): string[] {
  const extension = ENTERPRISE_SCHEMA.toLowerCase();
  const lower = item.toLowerCase();
  if (lower === extension) return [extension];
  if (lower.startsWith(`${extension}:`)) return [extension, ...lower.slice(extension.length + 1).split('.')];
  return lower.split('.');
}

function paths(list: string | null): string[][] {
  if (!list) return [];
  return list
    .split(',')
    .map((item) => item.trim().replace(URN, ''))
    .filter(Boolean)
    .map(pathOf);
}

function keyOf(object: Record<string, unknown>, name: string): string | undefined {
  return Object.keys(object).find((key) => key.toLowerCase() === name);
}

export function project<T extends object>(
  resource: T,
  attributes: string | null,
  excluded: string | null,
): Partial<T> {
  const source = resource as Record<string, unknown>;
  const wanted = paths(attributes);
  let result: Record<string, unknown>;
  if (wanted.length > 0) {
    result = {};
    for (const key of Object.keys(source)) if (ALWAYS.has(key)) result[key] = source[key];
    for (const [top, sub] of wanted) {
      const key = keyOf(source, top);
      if (!key) continue;
      const value = source[key];
      if (sub && value && typeof value === 'object' && !Array.isArray(value)) {
        const part = keyOf(value as Record<string, unknown>, sub);
        if (part)
          result[key] = {
            ...(result[key] ?? {}),
            [part]: (value as Record<string, unknown>)[part],
          };
      } else result[key] = value;
    }
  } else result = { ...source };
  for (const [top, sub] of paths(excluded)) {
    const key = keyOf(result, top);
    if (!key || ALWAYS.has(key)) continue;
    if (!sub) delete result[key];
    else if (result[key] && typeof result[key] === 'object' && !Array.isArray(result[key])) {
      const copy = { ...(result[key] as Record<string, unknown>) };
      const part = keyOf(copy, sub);
      if (part) delete copy[part];
      result[key] = copy;
    }
  }
  return result as Partial<T>;
}
