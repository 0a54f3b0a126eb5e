// SCIM filters as an attacker writes them (SECURITY.md, issue 12 finding 1). scim2-parse-filter 0.2.10
// backtracks exponentially on an unclosed quote followed by line breaks; one such filter stopped the
// server for every organization. filterCondition (lib/scim/filter.ts) must answer any filter, parsed or
// refused, in a few milliseconds: shown here for the filter that froze it, and with fast-check over
// generated hostile filters (quotes, escapes, line breaks, deep parentheses, long `and` chains).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FILTER_BOUNDS, filterCondition } from '@/lib/scim/filter';
import { DomainError } from '@/lib/shared/errors';
import { reportFigures } from './support/figures';

const ORGANIZATION = '00000000-0000-4000-8000-000000000001';
const LIMIT_MS = 50;

const figures: [string, string | number][] = [];
afterAll(() => reportFigures('scim-filter', 'SCIM filters: parsed or refused, timed', figures));

/** How `filter` ends (parsed, or refused with invalidFilter) and how long it took, in ms. */
function timed(filter: string): { outcome: 'parsed' | 'refused'; ms: number } {
  const started = performance.now();
  let outcome: 'parsed' | 'refused' = 'parsed';
  try {
    filterCondition(ORGANIZATION, filter);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'SCIM_INVALID_FILTER') throw error;
    outcome = 'refused';
  }
  return { outcome, ms: performance.now() - started };
}

describe('a filter never stops the server', () => {
  it('the filter that froze it (an unclosed quote, then 30 line breaks) is refused in well under 50 ms', () => {
    for (const breaks of ['\n', '\r\n', '\u2028']) {
      const result = timed(`userName eq "${breaks.repeat(30)}`);
      expect(result.outcome).toBe('refused');
      expect(result.ms).toBeLessThan(LIMIT_MS);
      const spelled = [...breaks].map(
        (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
      );
      figures.push([`unclosed quote + 30 × ${spelled.join(' ')} (ms)`, result.ms.toFixed(2)]);
    }
  });

  it('every generated hostile filter is parsed or refused in under 50 ms, and none throws anything else', () => {
    const piece = fc.constantFrom(
      '"',
      '\\"',
      '\\',
      '\n',
      '\r',
      '\t',
      '\u0000',
      '\u2028',
      '(',
      ')',
      '[',
      ']',
      ' and ',
      ' or ',
      ' not ',
      'userName eq "a"',
      'emails[value eq "x"]',
      'userName',
      ' eq ',
      ' pr',
      '1e99',
      '__proto__',
      'a'.repeat(50),
    );
    const shaped = fc.oneof(
      fc.array(piece, { maxLength: 120 }).map((parts) => parts.join('')),
      fc.integer({ min: 1, max: 600 }).map((n) => `${'('.repeat(n)}userName eq "a"${')'.repeat(n)}`),
      fc.integer({ min: 1, max: 120 }).map((n) => Array(n).fill('userName eq "a"').join(' and ')),
      fc.integer({ min: 1, max: 990 }).map((n) => `userName eq "${'\n'.repeat(n)}`),
      fc.string({ maxLength: 1000 }),
    );
    let runs = 0;
    let slowest = 0;
    const outcomes = { parsed: 0, refused: 0 };
    fc.assert(
      fc.property(shaped, (filter) => {
        const { outcome, ms } = timed(filter);
        runs += 1;
        outcomes[outcome] += 1;
        slowest = Math.max(slowest, ms);
        return ms < LIMIT_MS;
      }),
      { numRuns: 3000, seed: 12 },
    );
    figures.push(
      ['generated filters', runs],
      ['parsed', outcomes.parsed],
      ['refused', outcomes.refused],
      ['slowest (ms)', slowest.toFixed(2)],
    );
  });

  it(`filters within the bounds still work: ${FILTER_BOUNDS.depth} levels of parentheses, ${FILTER_BOUNDS.terms} comparisons, escaped quotes`, () => {
    const deep = `${'('.repeat(FILTER_BOUNDS.depth)}userName eq "a"${')'.repeat(FILTER_BOUNDS.depth)}`;
    const long = Array(FILTER_BOUNDS.terms).fill('userName eq "a"').join(' and ');
    for (const filter of [deep, long, 'userName eq "say \\"hi\\""', 'emails[value eq "a@b.c"]'])
      expect(timed(filter).outcome, filter).toBe('parsed');
    for (const filter of [
      `(${deep})`,
      `${long} and userName eq "b"`,
      'userName eq "open',
      'userName eq "x\\"',
    ])
      expect(timed(filter).outcome, filter).toBe('refused');
  });
});
