// Every template in every language of the product (messages/*.json, namespace `emails`): no message is
// missing (use-intl reports one on console.error and writes its key instead), the document says its
// language, and Korean and Japanese are not the English text. English stays as it always was
// (tests/email/render.test.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPreviews, renderRemovedEmail, renderRoleChangedEmail } from '@/emails/render';
import { locales } from '@/lib/shared/locales';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('each template in en, ko and ja', () => {
  it('renders with no missing message, its language on <html>, and subject and body in that language', async () => {
    const errors = vi.spyOn(console, 'error');
    const english = await renderPreviews('en');
    for (const locale of locales) {
      const previews = await renderPreviews(locale);
      expect(previews.map((preview) => preview.name)).toEqual(english.map((preview) => preview.name));
      previews.forEach(({ name, email }, index) => {
        expect(email.html, `${name} in ${locale}`).toMatch(new RegExp(`<html[^>]* lang="${locale}"`));
        expect(email.text, `${name} in ${locale}`).not.toMatch(/emails\.|common\./);
        expect(email.subject, `${name} in ${locale}`).not.toMatch(/emails\.|common\./);
        if (locale === 'en') return;
        expect(email.subject, `the subject of ${name} in ${locale}`).not.toBe(english[index].email.subject);
        // Each English sentence of the template is gone: none of its words but names and the brand remain.
        const englishWords = /\b(?:you|your|the|and|this|will|can|Sign in|Open|Owner|Admin|Member)\b/;
        expect(email.text, `${name} in ${locale}`).not.toMatch(englishWords);
      });
    }
    expect(errors).not.toHaveBeenCalled();
  });
});

describe('who made a change, in Korean and Japanese', () => {
  const by = {
    organizationName: 'Northwind Labs',
    actorName: 'Maya Chen',
    actorEmail: 'maya@northwind.example',
  };
  const change = {
    fromRole: '멤버',
    toRole: '관리자',
    toRoleSummary: '사용자를 초대',
    url: 'https://x.example/',
  };

  it('a person is named with an honorific, the directory without one', async () => {
    const person = await renderRoleChangedEmail({ ...by, ...change, locale: 'ko' });
    expect(person.text).toContain('Maya Chen 님(maya@northwind.example)이 AI Hub의 Northwind Labs에서');
    expect(person.text).toContain('Maya Chen 님 또는 Northwind Labs의 다른 소유자에게 문의하세요.');
    const directory = await renderRoleChangedEmail({
      ...by,
      ...change,
      actorName: 'Okta',
      actorEmail: '',
      byDirectory: true,
      locale: 'ko',
    });
    expect(directory.text).toContain('조직의 ID 공급자 연동(Okta)이 AI Hub의 Northwind Labs에서');
    expect(directory.text).not.toMatch(/Okta\)? 님/);
    const removed = await renderRemovedEmail({ ...by, actorName: 'Okta', byDirectory: true, locale: 'ja' });
    expect(removed.subject).toBe('AI Hub の Northwind Labs から削除されました');
    expect(removed.text).toContain(
      '組織の ID プロバイダー（Okta）が、AI Hub の Northwind Labs からあなたを削除しました。',
    );
    expect(removed.text).not.toContain('様');
  });
});
