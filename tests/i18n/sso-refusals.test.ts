// A refused SSO sign-in in words from the catalogs: in English as the tables say it, and in Korean and
// Japanese, for the person refused and for Activity.
import { describe, expect, it } from 'vitest';
import { ssoRefusalValues } from '@/db/values';
import { ssoRefusalForPerson, ssoRefusalReasons } from '@/lib/shared/sso-refusals';
import { ssoRefusalReason } from '@/lib/shared/sso-sentences';
import { english, translator } from '../support/english';

describe('SSO refusals in the reader’s language', () => {
  it('say in English what the tables say', () => {
    for (const reason of ssoRefusalValues) {
      expect(ssoRefusalReason(reason, english)).toBe(ssoRefusalReasons[reason]);
      for (const name of ['Acme', null])
        expect(ssoRefusalForPerson(reason, name, english), reason).toBe(ssoRefusalForPerson(reason, name));
    }
  });

  it('say them in Korean and Japanese', () => {
    expect(ssoRefusalForPerson('jit_off', 'Acme', translator('ko'))).toBe(
      'Acme의 멤버가 아닙니다. 조직의 관리자에게 초대를 요청하세요.',
    );
    expect(ssoRefusalForPerson('unsigned', null, translator('ja'))).toBe(
      'サインインを確認できませんでした（応答が署名されていませんでした）。もう一度お試しいただくか、組織の管理者に接続の確認を依頼してください。',
    );
  });
});
