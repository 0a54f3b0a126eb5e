// The words of the console's chrome, the home page and the sign-in pages that moved to the catalogs: in
// English they read exactly as the sentences they replace, and a name's own full stop is not doubled.
import { describe, expect, it } from 'vitest';
import { ssoRefusalMessage } from '@/app/login/sso-error/refusal-message';
import { oneFullStop } from '@/components/shared/full-stop';
import { ssoRefusalValues } from '@/db/values';
import { translatorFor } from '@/lib/i18n/translator';
import { directoryMemberReason, soleOwnerReason } from '@/lib/shared/offers';
import { createdMessage, slugify } from '@/lib/shared/organization-names';
import { ssoRefusalForPerson } from '@/lib/shared/sso-refusals';
import { endSentence, plural } from '@/lib/shared/text';

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
      expect(ssoRefusalMessage('en', reason, 'Acme')).toBe(ssoRefusalForPerson(reason, 'Acme'));
      expect(ssoRefusalMessage('ko', reason, 'Acme')).not.toMatch(/[A-Za-z]{3,} [a-z]{3,}/);
      expect(ssoRefusalMessage('ja', reason, 'Acme')).not.toMatch(/[A-Za-z]{3,} [a-z]{3,}/);
    }
  });

  it('names a new organization, and its address when its name’s was taken', () => {
    const t = translatorFor('en', 'home');
    expect(t('create.created', { name: 'Acme' })).toBe(createdMessage('Acme', 'acme'));
    expect(t('create.createdElsewhere', { name: 'Acme', slug: 'acme-2', wanted: slugify('Acme') })).toBe(
      createdMessage('Acme', 'acme-2'),
    );
  });

  it('says why Leave is held back in the policy’s words', () => {
    const t = translatorFor('en', 'home');
    expect(t('leave.soleOwner')).toBe(soleOwnerReason);
    expect(t('leave.directoryManaged')).toBe(directoryMemberReason);
  });

  it('counts seats with their noun and thousands separators', () => {
    const t = translatorFor('en', 'settings');
    expect(t('seats.inUse', { used: 1 })).toBe(`${plural(1, 'seat')} in use`);
    expect(t('seats.inUseOf', { used: 1200, limit: 1000 })).toBe(`1,200 of ${plural(1000, 'seat')} in use`);
    expect(t('seats.set', { limit: 1 })).toBe(`Set the seat limit to ${plural(1, 'seat')}`);
    expect(translatorFor('ko', 'settings')('seats.inUse', { used: 1200 })).toBe('시트 1,200개 사용 중');
  });
});
