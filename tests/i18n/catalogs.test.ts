// The catalogs (messages/<locale>.json) hold the same messages in every language: the same keys, each a
// valid ICU message with the same arguments, plurals that every language can choose between.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { locales } from '@/lib/shared/locales';

type Tree = { [key: string]: string | Tree };

function catalog(locale: string): Tree {
  return JSON.parse(
    readFileSync(path.join(import.meta.dirname, '../../messages', `${locale}.json`), 'utf8'),
  ) as Tree;
}

/** Every message of a catalog by its dotted key. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(full, value);
    else for (const [inner, text] of flatten(value, full)) found.set(inner, text);
  }
  return found;
}

/** The names of a message's arguments and tags (`{count}`, `<strong>`), and whether each plural has `other`. */
function argumentsOf(elements: MessageFormatElement[], names = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    names.add(element.type === TYPE.tag ? `<${element.value}>` : element.value);
    if (element.type === TYPE.tag) argumentsOf(element.children, names);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, names);
    }
  }
  return names;
}

function pluralsLackingOther(elements: MessageFormatElement[]): string[] {
  return elements.flatMap((element) => {
    if (element.type === TYPE.plural || element.type === TYPE.select)
      return [
        ...('other' in element.options ? [] : [element.value]),
        ...Object.values(element.options).flatMap((option) => pluralsLackingOther(option.value)),
      ];
    if (element.type === TYPE.tag) return pluralsLackingOther(element.children);
    return [];
  });
}

const english = flatten(catalog('en'));

describe('message catalogs', () => {
  it('English has messages, and no message is empty', () => {
    expect(english.size).toBeGreaterThan(10);
    expect([...english].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it.each(locales.filter((locale) => locale !== 'en'))('%s has exactly the keys English has', (locale) => {
    const keys = flatten(catalog(locale));
    expect(
      [...english.keys()].filter((key) => !keys.has(key)),
      'missing',
    ).toEqual([]);
    expect(
      [...keys.keys()].filter((key) => !english.has(key)),
      'extra',
    ).toEqual([]);
  });

  it.each(locales)('every %s message is valid ICU, each plural and select with an "other" case', (locale) => {
    const problems: string[] = [];
    for (const [key, text] of flatten(catalog(locale))) {
      try {
        const lacking = pluralsLackingOther(parse(text));
        if (lacking.length > 0) problems.push(`${key}: no "other" for ${lacking.join(', ')}`);
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(locales.filter((locale) => locale !== 'en'))(
    '%s messages take the same arguments and tags as the English ones',
    (locale) => {
      const problems: string[] = [];
      for (const [key, text] of flatten(catalog(locale))) {
        const source = english.get(key);
        if (source === undefined) continue;
        const want = [...argumentsOf(parse(source))].sort();
        const have = [...argumentsOf(parse(text))].sort();
        if (want.join() !== have.join())
          problems.push(`${key}: ${have.join(', ')} instead of ${want.join(', ')}`);
      }
      expect(problems).toEqual([]);
    },
  );
});
