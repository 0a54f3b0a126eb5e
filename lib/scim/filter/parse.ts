// The SCIM filter grammar (RFC 7644 §3.4.2.2) read into a tree, in one pass and with bounded cost: a
// recursive descent over tokens, never a backtracking pattern (scim2-parse-filter, used before, backtracked
// exponentially on an unclosed quote before line breaks: SECURITY.md, issue 12 finding 1, and read
// `emails[type eq "work"].value eq "x"` as two conditions that two different addresses could meet). The
// text, its nesting and its comparisons are bounded (FILTER_BOUNDS) before any SQL is built. Precedence as
// the RFC gives it: `not` binds tightest, then `and`, then `or`; parentheses group. What the names mean is
// decided by the attribute tables (./compile.ts); here they are only read. Pure.
import { fail } from '../../shared/errors';

/** The longest filter read, the deepest nesting of ( and [, and the most comparisons in one filter. */
export const FILTER_BOUNDS = { length: 1000, depth: 8, terms: 50 } as const;

export type Operator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le' | 'pr';
export type Value = string | number | boolean | null;

/** `path op value` (`value` undefined for `pr`). */
export interface Comparison {
  kind: 'compare';
  path: string;
  op: Operator;
  value?: Value;
}
/** `path[filter]`, optionally followed by `.sub op value` on the same element. */
export interface ValuePath {
  kind: 'valuePath';
  path: string;
  filter: FilterNode;
  then?: Comparison;
}
export type FilterNode =
  Comparison | ValuePath | { kind: 'and' | 'or'; parts: FilterNode[] } | { kind: 'not'; part: FilterNode };

const OPERATORS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);

/** A refusal of the filter (400 invalidFilter) with what was wrong. */
export function invalidFilter(detail: string): never {
  fail('SCIM_INVALID_FILTER', detail);
}

interface Token {
  kind: 'word' | 'string' | '(' | ')' | '[' | ']';
  text: string;
  at: number;
}

/** Letters, digits and the punctuation of attribute paths (URNs, dots), numbers and keywords. */
const WORD = /[A-Za-z0-9:._$+-]/;

/** The filter's tokens, in one pass; a control character, an open quote or a stray character is refused. */
function tokens(filter: string): Token[] {
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(filter))
    invalidFilter('The filter holds a control character or a line break.');
  const found: Token[] = [];
  let index = 0;
  while (index < filter.length) {
    const char = filter[index];
    if (char === ' ') index++;
    else if ('()[]'.includes(char)) found.push({ kind: char as Token['kind'], text: char, at: index++ });
    else if (char === '"') {
      const start = index++;
      while (index < filter.length && filter[index] !== '"') index += filter[index] === '\\' ? 2 : 1;
      if (index >= filter.length) invalidFilter('A quoted value is not closed.');
      found.push({ kind: 'string', text: filter.slice(start, ++index), at: start });
    } else if (WORD.test(char)) {
      const start = index;
      while (index < filter.length && WORD.test(filter[index])) index++;
      found.push({ kind: 'word', text: filter.slice(start, index), at: start });
    } else invalidFilter(`Unexpected ${JSON.stringify(char)} at position ${index + 1}.`);
  }
  return found;
}

/** The JSON value a comparison compares with: a quoted string, true, false, null or a number. */
function value(token: Token | undefined): Value {
  if (!token || (token.kind !== 'string' && token.kind !== 'word'))
    invalidFilter('A comparison ends without its value.');
  if (token.kind === 'word' && !/^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)$/.test(token.text))
    invalidFilter(
      `${token.text} is not a value: quote a string ("…"), or use true, false, null or a number.`,
    );
  try {
    return JSON.parse(token.text) as Value;
  } catch {
    invalidFilter(`The quoted value at position ${token.at + 1} holds an invalid escape.`);
  }
}

/** Reads `filter` into a tree, or refuses it (400 invalidFilter) saying where and why. */
export function parseFilter(filter: string): FilterNode {
  if (filter.length > FILTER_BOUNDS.length)
    invalidFilter(`The filter is longer than ${FILTER_BOUNDS.length} characters.`);
  const list = tokens(filter);
  let next = 0;
  let depth = 0;
  let terms = 0;
  const peek = () => list[next];
  const keyword = (word: string) => {
    const token = peek();
    return token?.kind === 'word' && token.text.toLowerCase() === word;
  };
  const expect = (kind: Token['kind'], what: string) => {
    const token = list[next++];
    if (token?.kind !== kind)
      invalidFilter(
        token ? `Expected ${what} at position ${token.at + 1}.` : `The filter ends before ${what}.`,
      );
  };
  const nested = <T>(read: () => T): T => {
    if (++depth > FILTER_BOUNDS.depth)
      invalidFilter(`The filter nests deeper than ${FILTER_BOUNDS.depth} levels of parentheses or brackets.`);
    const result = read();
    depth--;
    return result;
  };

  /** `path op value` or `path pr`, its path already read. */
  function comparison(path: string): Comparison {
    const token = list[next++];
    const op = token?.kind === 'word' ? token.text.toLowerCase() : '';
    if (++terms > FILTER_BOUNDS.terms)
      invalidFilter(`The filter holds more than ${FILTER_BOUNDS.terms} comparisons.`);
    if (op === 'pr') return { kind: 'compare', path, op };
    if (!OPERATORS.has(op))
      invalidFilter(`Expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le or pr) after ${path}.`);
    return { kind: 'compare', path, op: op as Operator, value: value(list[next++]) };
  }

  /** A comparison, a value path, `not (…)` or `(…)`; inside brackets, no further value path. */
  function unary(inBrackets: boolean): FilterNode {
    const token = peek();
    if (!token) invalidFilter('The filter ends where a comparison was expected.');
    if (keyword('not')) {
      const after = list[next + 1];
      if (after?.kind === '(') {
        next++;
        return { kind: 'not', part: unary(inBrackets) };
      }
      if (!(
        after?.kind === 'word' &&
        (OPERATORS.has(after.text.toLowerCase()) || after.text.toLowerCase() === 'pr')
      ))
        invalidFilter(`not takes a filter in parentheses: not (…), at position ${token.at + 1}.`);
    }
    if (token.kind === '(') {
      next++;
      const inner = nested(() => disjunction(inBrackets));
      expect(')', 'a closing parenthesis');
      return inner;
    }
    if (token.kind !== 'word' || !/^[A-Za-z]/.test(token.text))
      invalidFilter(`Expected an attribute name at position ${token.at + 1}.`);
    next++;
    if (peek()?.kind !== '[') return comparison(token.text);
    if (inBrackets) invalidFilter(`A value path cannot hold another (${token.text}[…]).`);
    next++;
    const filter = nested(() => disjunction(true));
    expect(']', 'a closing bracket');
    const after = peek();
    if (after?.kind === 'word' && after.text.startsWith('.')) {
      next++;
      const sub = after.text.slice(1);
      if (!/^[A-Za-z][A-Za-z0-9_$-]*$/.test(sub)) invalidFilter(`${after.text} is not a sub-attribute.`);
      return { kind: 'valuePath', path: token.text, filter, then: comparison(sub) };
    }
    return { kind: 'valuePath', path: token.text, filter };
  }

  function conjunction(inBrackets: boolean): FilterNode {
    const parts = [unary(inBrackets)];
    while (keyword('and')) {
      next++;
      parts.push(unary(inBrackets));
    }
    return parts.length === 1 ? parts[0] : { kind: 'and', parts };
  }

  function disjunction(inBrackets: boolean): FilterNode {
    const parts = [conjunction(inBrackets)];
    while (keyword('or')) {
      next++;
      parts.push(conjunction(inBrackets));
    }
    return parts.length === 1 ? parts[0] : { kind: 'or', parts };
  }

  const tree = disjunction(false);
  const rest = peek();
  if (rest)
    invalidFilter(
      `Unexpected ${JSON.stringify(rest.text)} at position ${rest.at + 1}: expected and, or, or the end.`,
    );
  return tree;
}
