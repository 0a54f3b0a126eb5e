// The words of the console's chrome, the home page and the sign-in pages that moved to the catalogs: in
// English they read exactly as the sentences they replace, and a name's own full stop is not doubled.
import { describe, expect, it } from 'vitest';
import { oneFullStop } from '@/components/shared/full-stop';
import { ssoRefusalValues } from '@/db/values';
import { translatorFor } from '@/lib/i18n/translator';
import { directoryMemberReason, ownerRowReason, soleOwnerReason } from '@/lib/shared/offers';
import { ssoRefusalForPerson } from '@/lib/shared/sso-refusals';
import { endSentence, plural } from '@/lib/shared/text';
import { translator } from '../support/english';

describe('a sentence that ends with a name', () => {
  it('keeps one full stop when the name brings its own', () => {
    const t = translatorFor('en', 'home');
    expect(oneFullStop(t('leave.left', { organization: 'Acme Inc.' }))).toBe('You left Acme Inc.');
    expect(oneFullStop(t('leave.left', { organization: 'Acme' }))).toBe(endSentence('You left Acme'));
    const done = translatorFor('en', 'settings')('transfer.done', {
      email: 'ann@acme.test',
      organization: 'Acme Inc.',
    });
    expect(oneFullStop(done)).toBe('ann@acme.test is now an Owner of Acme Inc. You are an Admin.');
  });

  it('leaves other text alone', () => {
    expect(oneFullStop('Wait… then go.')).toBe('Wait… then go.');
    expect(oneFullStop('{organization}から退出しました。')).toBe('{organization}から退出しました。');
  });
});

describe('the English of the moved sentences', () => {
  it('tells a refused SSO sign-in as before, for every reason', () => {
    for (const reason of ssoRefusalValues) {
      expect(ssoRefusalForPerson(reason, 'Acme', translator('en'))).toBe(ssoRefusalForPerson(reason, 'Acme'));
      expect(ssoRefusalForPerson(reason, 'Acme', translator('ko'))).not.toMatch(/[A-Za-z]{3,} [a-z]{3,}/);
      expect(ssoRefusalForPerson(reason, 'Acme', translator('ja'))).not.toMatch(/[A-Za-z]{3,} [a-z]{3,}/);
    }
  });

  it('says why Leave is held back in the policy’s words', () => {
    const t = translatorFor('en', 'errors');
    expect(t('detail.soleOwner')).toBe(soleOwnerReason);
    expect(t('detail.directoryMember')).toBe(directoryMemberReason);
    expect(t('detail.ownerRow')).toBe(ownerRowReason);
  });

  it('counts seats with their noun and thousands separators', () => {
    const t = translatorFor('en', 'settings');
    expect(t('seats.inUse', { used: 1 })).toBe(`${plural(1, 'seat')} in use`);
    expect(t('seats.inUseOf', { used: 1200, limit: 1000 })).toBe(`1,200 of ${plural(1000, 'seat')} in use`);
    expect(t('seats.set', { limit: 1 })).toBe(`Set the seat limit to ${plural(1, 'seat')}`);
    expect(translatorFor('ko', 'settings')('seats.inUse', { used: 1200 })).toBe('시트 1,200개 사용 중');
  });
});
