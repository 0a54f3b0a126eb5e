// Codes in the URL that pages turn into text (lib/shared/notices.ts): the toast of `?notice=` and the reason
// of `/login?error=`. Only the tables' own codes count, and the text is fixed (the organization's name
// comes from the page, which read it from the database, never from the URL).
import { describe, expect, it } from 'vitest';
import { noticeMessage, noticeQuery, signInErrorMessage } from '@/lib/shared/notices';

const INHERITED = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
];

describe('noticeMessage', () => {
  it.each(INHERITED)('an inherited property name (%s) is no notice: no toast, no throw', (code) => {
    expect(noticeMessage(code, 'Acme')).toBeNull();
    expect(noticeMessage(code, null)).toBeNull();
  });

  it('a known code gives fixed text around the name the page verified, or "the organization"', () => {
    expect(noticeMessage('joined', 'Acme')).toBe('Welcome to Acme!');
    expect(noticeMessage('joined', null)).toBe('Welcome to the organization!');
    expect(noticeMessage('left', null)).toBe('You left the organization.');
    expect(noticeMessage(['joined'], 'Acme')).toBeNull();
    expect(noticeMessage('nope', 'Acme')).toBeNull();
  });

  it('a sentence that opens with "the organization" starts with a capital letter', () => {
    expect(noticeMessage('deleted', null)).toBe('The organization was deleted.');
    expect(noticeMessage('deleted', 'acme labs')).toBe('acme labs was deleted.');
  });

  it('the query a redirect adds carries the code and at most a slug, never a name', () => {
    expect(noticeQuery('joined', 'acme-2')).toBe('notice=joined&org=acme-2');
    expect(noticeQuery('left')).toBe('notice=left');
  });
});

describe('signInErrorMessage', () => {
  it.each(INHERITED)(
    'an inherited property name (%s) gives the generic message, not an object or a function',
    (code) => {
      expect(signInErrorMessage(code)).toBe('Sign-in failed. Please try again.');
    },
  );

  it("Auth.js's codes get their own message; no code, no message", () => {
    expect(signInErrorMessage('Verification')).toMatch(/^That sign-in link has expired/);
    expect(signInErrorMessage(undefined)).toBeNull();
    expect(signInErrorMessage(['Verification'])).toBeNull();
  });
});
