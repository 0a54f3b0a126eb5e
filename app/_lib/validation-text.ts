// The input schemas' field messages (lib/shared/validation.ts) in the request's language. The schemas
// say them in English; each is found here by that English, as the English catalog writes it, and said
// from the catalogs instead. A message not listed (zod's own, or one added later) is told as it is.
import 'server-only';
import type { ErrorDetail } from '@/lib/shared/errors';
import type { Locale } from '@/lib/i18n/locales';
import {
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  MAX_EMAIL_LENGTH,
  MAX_INVITATIONS_PER_BATCH,
  MAX_ORGANIZATION_NAME,
  MAX_PERSON_NAME,
  MAX_SCIM_TOKEN_NAME,
  MAX_SEAT_LIMIT,
  MAX_SELECTION,
} from '@/lib/shared/limits';
import { errorTextIn } from './error-text';

/** The sentences the schemas may say, with their arguments. */
export const validationDetails: readonly ErrorDetail[] = [
  { key: 'invalidId' },
  { key: 'selectAtLeastOne' },
  { key: 'selectAtMost', values: { max: MAX_SELECTION } },
  { key: 'roleMustBe' },
  { key: 'invitationRoleMustBe' },
  { key: 'roleIsOneOf' },
  { key: 'statusMustBe' },
  { key: 'addressTooLong', values: { max: MAX_EMAIL_LENGTH } },
  { key: 'enterAnAddress' },
  { key: 'tooManyAddresses', values: { max: MAX_INVITATIONS_PER_BATCH } },
  { key: 'tooManyAddresses', values: { max: MAX_CSV_ROWS } },
  { key: 'csvTooLarge', values: { size: String(MAX_CSV_BYTES / 1024) } },
  { key: 'nameTooLong', values: { max: MAX_PERSON_NAME } },
  { key: 'nameTooLong', values: { max: MAX_ORGANIZATION_NAME } },
  { key: 'invisibleCharacters' },
  { key: 'seatLimitInvalid' },
  { key: 'seatLimitTooHigh', values: { max: MAX_SEAT_LIMIT } },
  { key: 'tokenNameRequired' },
  { key: 'tokenNameTooLong', values: { max: MAX_SCIM_TOKEN_NAME } },
  { key: 'memberEmailRequired' },
  { key: 'validEmail' },
];

let byEnglish: Map<string, ErrorDetail> | undefined;

/** `message` (a schema's, in English) in `locale`; as it is when the catalogs do not hold it. */
export function validationTextIn(locale: Locale, message: string): string {
  byEnglish ??= new Map(
    validationDetails.map((detail) => [errorTextIn('en', 'INVALID_INPUT', undefined, detail), detail]),
  );
  const detail = byEnglish.get(message);
  return detail ? errorTextIn(locale, 'INVALID_INPUT', message, detail) : message;
}
