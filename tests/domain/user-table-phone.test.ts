// The phone's way to see and sort what the hidden columns hold (components/users/format.ts rowFacts,
// components/users/sort-choices.ts). Pure: no database.
import { describe, expect, it } from 'vitest';
import { rowFacts } from '@/components/users/format';
import { sortChangeOf, sortChoiceOf, sortChoices } from '@/components/users/sort-choices';
import { sortKeys } from '@/lib/shared/user-table';
import { english } from '../support/english-words';

describe("a row's second line on narrow screens", () => {
  it('a member: Added, Last active (or Never active) and who invited them; the dates hide from lg, Invited by from xl', () => {
    expect(
      rowFacts(
        {
          kind: 'member',
          date: '2026-03-03T10:00:00Z',
          lastActiveAt: '2026-04-05T12:00:00Z',
          invitedBy: 'Pat',
        },
        english,
      ),
    ).toEqual([
      { key: 'added', text: 'Added Mar 3, 2026', wide: 'lg' },
      { key: 'active', text: 'Last active Apr 5, 2026', wide: 'lg' },
      { key: 'invited-by', text: 'Invited by Pat', wide: 'xl' },
    ]);
    expect(
      rowFacts({ kind: 'member', date: '2026-03-03T10:00:00Z' }, english).map((fact) => fact.text),
    ).toEqual(['Added Mar 3, 2026', 'Never active']);
  });

  it('an invitation: when it was first sent and by whom, never a Last active', () => {
    expect(
      rowFacts({ kind: 'invitation', date: '2026-03-03T10:00:00Z', invitedBy: 'Pat' }, english).map(
        (fact) => fact.text,
      ),
    ).toEqual(['Invited Mar 3, 2026', 'Invited by Pat']);
  });
});

describe('the Sort by select', () => {
  it('offers every sort key in both directions, once each', () => {
    const values = sortChoices.map(([value]) => value);
    expect(new Set(values).size).toBe(values.length);
    expect(values.toSorted()).toEqual(sortKeys.flatMap((key) => [`${key}:asc`, `${key}:desc`]).toSorted());
  });

  it("names the table's order and turns a choice back into the URL's sort and dir", () => {
    expect(sortChoiceOf({ sort: 'active', direction: 'asc' })).toBe('active:asc');
    expect(sortChangeOf('active:asc')).toEqual({ sort: 'active', dir: 'asc' });
    expect(sortChangeOf('date:desc')).toEqual({ sort: 'date', dir: 'desc' });
  });
});
