// A SCIM request's JSON, read so that nothing in it can reach an object's prototype. scim-patch 0.8.3
// follows a path such as `__proto__.externalId`, or a value key such as `"__proto__.roles"`, up to
// Object.prototype (advisory GHSA-9m6g-wc8r-q59c; fixed upstream in 0.9.2, which this registry does not
// carry yet), and whatever lands there is read afterwards by every object in the process, in every
// organization. So a body whose keys or PATCH paths name `__proto__`, `constructor` or `prototype`, at
// any depth, in any case, alone or as a part of a dotted path, is refused before any library sees it.
// Pure.
import { fail } from '../shared/errors';

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/** The attribute names a SCIM path or key is made of: quoted filter values dropped, split on . [ ] : and spaces. */
function namesIn(path: string): string[] {
  return path
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .split(/[.[\]:\s]+/)
    .filter(Boolean);
}

/** Whether `path` (a PATCH path or an object key, possibly dotted) names a prototype. */
export function namesPrototype(path: string): boolean {
  return namesIn(path).some((name) => UNSAFE.has(name.toLowerCase()));
}

function refuse(where: string): never {
  fail(
    'SCIM_INVALID_PATH',
    `${where} names __proto__, constructor or prototype, which are not SCIM attributes.`,
  );
}

/**
 * Refuses `value` when any key at any depth, or any PATCH operation's `path`, names a prototype. Keys are
 * an object's own (JSON has no others); the walk is iterative, so a deeply nested body cannot overflow
 * the stack.
 */
export function refusePrototypeNames(value: unknown): void {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (Array.isArray(next)) {
      pending.push(...(next as unknown[]));
    } else if (next && typeof next === 'object') {
      for (const [key, child] of Object.entries(next)) {
        if (namesPrototype(key)) refuse(`The key "${key.slice(0, 80)}"`);
        if (key.toLowerCase() === 'path' && typeof child === 'string' && namesPrototype(child))
          refuse(`The path "${child.slice(0, 80)}"`);
        pending.push(child);
      }
    }
  }
}

/** A request body as JSON, refused (400) when it is not JSON or names a prototype anywhere. */
export function parseScimBody(text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    fail('SCIM_INVALID_SYNTAX', 'The body is not JSON.');
  }
  refusePrototypeNames(body);
  return body;
}

/** `object[key]` when `key` is the object's own property, else undefined: never a prototype's. */
export function own(object: unknown, key: string): unknown {
  return object !== null && typeof object === 'object' && Object.hasOwn(object, key)
    ? (object as Record<string, unknown>)[key]
    : undefined;
}
