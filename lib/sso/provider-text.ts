// What an identity provider sends is anyone's text: an organization's Owner chooses the provider, and a
// provider's error page can be reached by whoever starts a sign-in. Before it reaches Activity, a page
// or the stored Test connection result, it is made one line of visible text, cut to a length, and a
// claim or attribute named `__proto__` is never let near an ordinary object.
import { foldWhitespace } from '../shared/text';

/** Control and invisible characters (C0, DEL, C1, direction marks and zero-width characters). */
const UNSEEN =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/** `raw` as one line of visible text, at most `max` characters (an ellipsis marks a cut). */
export function providerText(raw: string, max: number): string {
  const clean = foldWhitespace(raw.replace(UNSEEN, ' '));
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** How much of what a provider sends is kept for Test connection to show. */
export const MAX_ATTRIBUTES = 100;
const MAX_NAME = 100;
const MAX_VALUES = 50;
const MAX_VALUE = 1_000;

/**
 * Every attribute or claim as text values, by name, in a record with no prototype: a name like
 * `__proto__` or `constructor` is an own key like any other, and `__proto__` itself is dropped (copied
 * into an ordinary object by assignment, it would set that object's prototype). Objects become JSON text;
 * null and undefined values are left out. At most MAX_ATTRIBUTES names, each value cut to its length.
 */
export function attributesAsText(
  sources: ReadonlyArray<Record<string, unknown> | undefined>,
): Record<string, string[]> {
  const attributes = Object.create(null) as Record<string, string[]>;
  let count = 0;
  for (const source of sources) {
    if (!source) continue;
    for (const [rawName, value] of Object.entries(source)) {
      const name = providerText(rawName, MAX_NAME);
      if (!name || name === '__proto__' || Object.hasOwn(attributes, name)) continue;
      if (count >= MAX_ATTRIBUTES) return attributes;
      const values = (Array.isArray(value) ? value : [value])
        .slice(0, MAX_VALUES)
        .filter((one) => one !== null && one !== undefined)
        .map((one) => providerText(typeof one === 'object' ? JSON.stringify(one) : String(one), MAX_VALUE));
      attributes[name] = values;
      count += 1;
    }
  }
  return attributes;
}
