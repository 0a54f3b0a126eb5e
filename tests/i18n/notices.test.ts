// The notices (lib/shared/notices.ts) from the catalogs: in English exactly as without a translator, a
// name that ends with its own full stop getting no second one, and in Korean and Japanese.
import { describe, expect, it } from 'vitest';
import { noticeMessage, signInErrorMessage } from '@/lib/shared/notices';
import { english, translator } from '../support/english';

const codes = ['joined', 'joined-already', 'left', 'lost-access', 'deleted'];

describe('notices in the reader’s language', () => {
  it('say in English what they say without a translator', () => {
    for (const code of codes)
      for (const name of ['Acme', 'Acme Inc.', 'Why?', null])
        expect(noticeMessage(code, name, english), `${code} ${name}`).toBe(noticeMessage(code, name));
    for (const code of ['Verification', 'Configuration', 'AccessDenied', 'Other', '__proto__', undefined])
      expect(signInErrorMessage(code, english)).toBe(signInErrorMessage(code));
  });

  it('say them in Korean and Japanese, and refuse the same codes', () => {
    expect(noticeMessage('joined', 'Acme', translator('ko'))).toBe('Acme에 오신 것을 환영합니다!');
    expect(noticeMessage('left', null, translator('ja'))).toBe('組織から退出しました。');
    expect(noticeMessage('toString', 'Acme', translator('ja'))).toBeNull();
    expect(signInErrorMessage('Nope', translator('ko'))).toBe('로그인하지 못했습니다. 다시 시도하세요.');
  });
});
