// The email confirmation modal's order and summary (lib/shared/invite-outcomes.ts), and how the invite
// dialog counts an address still being typed (components/users/invite/chips.ts). Pure: no database.
import { describe, expect, it } from 'vitest';
import { withAddresses } from '@/components/users/invite/chips';
import { notSentFirst, notSentLine, summarize, type InviteResult } from '@/lib/shared/invite-outcomes';

const result = (email: string, outcome: InviteResult['outcome']): InviteResult => ({ email, outcome });

describe('the results of inviting, problems first', () => {
  const results = [
    result('a@x.test', 'invited'),
    result('b@x.test', 'already_member'),
    result('c', 'invalid'),
    result('d@x.test', 'resent'),
    result('e@x.test', 'no_seat'),
    result('f@x.test', 'sending'),
  ];

  it('puts the addresses not sent first, each half in the order typed', () => {
    expect(notSentFirst(results).map((each) => each.email)).toEqual([
      'b@x.test',
      'c',
      'e@x.test',
      'a@x.test',
      'd@x.test',
      'f@x.test',
    ]);
  });

  it('counts the ones not sent by why, singular and plural', () => {
    const summary = summarize(
      results.map((each) => each.email),
      results,
    );
    expect(notSentLine(summary)).toBe('3 not sent: 1 not an address, 1 already a member, 1 no seat left');
    const two = [result('p', 'invalid'), result('q', 'invalid'), result('r@x.test', 'rate_limited')];
    expect(notSentLine(summarize(['p', 'q', 'r@x.test'], two))).toBe(
      '3 not sent: 2 not addresses, 1 over a sending limit',
    );
  });

  it('has no line when every address went out (sending counts as sent)', () => {
    const sent = [result('a@x.test', 'invited'), result('b@x.test', 'sending')];
    expect(notSentLine(summarize(['a@x.test', 'b@x.test'], sent))).toBeNull();
  });
});

describe('an address still being typed', () => {
  it('becomes one more address, marked invalid when it is not one, without repeating a chip', () => {
    const chips = [{ email: 'a@x.test', valid: true }];
    expect(withAddresses(chips, 'B@x.test', 50)).toEqual([...chips, { email: 'b@x.test', valid: true }]);
    expect(withAddresses(chips, 'a@x.test', 50)).toEqual(chips);
    expect(withAddresses(chips, 'nope', 50)).toEqual([...chips, { email: 'nope', valid: false }]);
    expect(withAddresses(chips, '   ', 50)).toEqual(chips);
  });

  it('stops at the most a batch may hold', () => {
    expect(withAddresses([], 'a@x.test b@x.test c@x.test', 2).map((chip) => chip.email)).toEqual([
      'a@x.test',
      'b@x.test',
    ]);
  });
});
