// The errors' English catalog reads exactly as lib/shared/errors.ts, which logs, SCIM and the domain's
// tests read; and a refusal's own sentences, named by key, read as the domain writes them.
import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/lib/i18n/translator';
import { errorTextIn } from '@/app/_lib/error-text';
import {
  errorMessages,
  errorValues,
  roleFromGroupDetail,
  roleFromGroupMessage,
  type ErrorCode,
} from '@/lib/shared/errors';
import { noSeatRefusal, reactivationSeatRefusal } from '@/lib/organizations/seats';

describe('error messages in the catalogs', () => {
  it('says every code in English as the table does', () => {
    const t = translatorFor('en', 'errors');
    for (const code of Object.keys(errorMessages) as ErrorCode[])
      expect(t(`codes.${code}`, errorValues[code]), code).toBe(errorMessages[code]);
  });

  it('says a refusal’s own sentence in English as the domain writes it, and in Korean and Japanese', () => {
    const refusals = [
      { message: roleFromGroupMessage('Lee', 'Leads'), detail: roleFromGroupDetail('Lee', 'Leads') },
      { message: roleFromGroupMessage(null, 'Leads'), detail: roleFromGroupDetail(null, 'Leads') },
      noSeatRefusal(1),
      noSeatRefusal(1200),
      reactivationSeatRefusal(1, 4, 5),
      reactivationSeatRefusal(3, 1000, 1001),
    ];
    for (const { message, detail } of refusals) {
      expect(errorTextIn('en', 'SEAT_LIMIT', message, detail)).toBe(message);
      expect(errorTextIn('ko', 'SEAT_LIMIT', message, detail)).not.toBe(message);
    }
    expect(errorTextIn('ja', 'SEAT_LIMIT', noSeatRefusal(3).message, noSeatRefusal(3).detail)).toBe(
      '空きシートがありません。3シートすべてが使用中です。シートを空けるか、設定で上限を引き上げてください。',
    );
  });

  it('tells a bulk refusal’s reasons in the same language, and a sentence without a key as it is', () => {
    const detail = {
      key: 'bulkRefused' as const,
      values: { refused: 2, selected: 3 },
      reasons: ['OWNER_REQUIRED', 'LAST_OWNER'] as ErrorCode[],
    };
    expect(errorTextIn('en', 'BULK_REFUSED', undefined, detail)).toBe(
      `Nothing was changed: 2 of the 3 selected users can't be changed. ${errorMessages.OWNER_REQUIRED} ${errorMessages.LAST_OWNER}`,
    );
    expect(errorTextIn('ko', 'BULK_REFUSED', undefined, detail)).toContain('소유자');
    expect(errorTextIn('ja', 'FORBIDDEN')).toBe('この操作を行う権限がありません。');
    expect(errorTextIn('ko', 'SSO_METADATA_INVALID', 'The metadata could not be fetched.')).toBe(
      'The metadata could not be fetched.',
    );
  });
});
