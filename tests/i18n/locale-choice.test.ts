// Which language a person reads: their account's choice, else this browser's cookie, else the browser's
// Accept-Language, else English.
import { describe, expect, it } from 'vitest';
import { chooseLocale, localeFromAcceptLanguage } from '@/lib/i18n/locales';

describe('the language of a request', () => {
  it('takes the best of ko, ja and en from Accept-Language, by weight, regions included', () => {
    expect(localeFromAcceptLanguage('ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('ko');
    expect(localeFromAcceptLanguage('fr-FR,fr;q=0.9,ja;q=0.8,en;q=0.5')).toBe('ja');
    expect(localeFromAcceptLanguage('en;q=0.2, ja-JP;q=0.9')).toBe('ja');
    expect(localeFromAcceptLanguage('de-DE,fr')).toBeNull();
  });

  it('reads hostile headers without throwing: empty, q=0, *, junk, a huge list', () => {
    expect(localeFromAcceptLanguage('')).toBeNull();
    expect(localeFromAcceptLanguage('ko;q=0')).toBeNull();
    expect(localeFromAcceptLanguage('*')).toBeNull();
    expect(localeFromAcceptLanguage(';;;,,,=q"\u0000<script>')).toBeNull();
    expect(localeFromAcceptLanguage(`${'x-'.repeat(50_000)},ja`)).toBeNull();
    expect(localeFromAcceptLanguage(`${'fr,'.repeat(10_000)}ja`)).toBeNull();
  });

  it('prefers the account, then the cookie, then the header, then English; unknown values are ignored', () => {
    expect(chooseLocale({ account: 'ja', cookie: 'ko', acceptLanguage: 'en' })).toBe('ja');
    expect(chooseLocale({ account: null, cookie: 'ko', acceptLanguage: 'ja' })).toBe('ko');
    expect(chooseLocale({ cookie: 'fr', acceptLanguage: 'ja-JP' })).toBe('ja');
    expect(chooseLocale({ cookie: '__proto__' })).toBe('en');
    expect(chooseLocale({})).toBe('en');
  });
});
