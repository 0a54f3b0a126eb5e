// The input schemas' field messages (lib/shared/validation.ts, and the Domains and SSO forms' own in
// domain-validation.ts and sso-validation.ts) in the request's language. The schemas say them in English;
// each is found here by that English, as the English catalog writes it, and said from the catalogs
// instead. A message not listed (zod's own, or one added later) is told as it is.
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
import { domainInputMessages, type DomainInputCode } from '@/lib/shared/domain-validation';
import { ssoInputLimits, ssoInputMessages, type SsoInputCode } from '@/lib/shared/sso-validation';
import { translatorFor } from '@/lib/i18n/translator';
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

/** Each message the schemas may say, by its English: how to say it in a language. */
let byEnglish: Map<string, (locale: Locale) => string> | undefined;

function sayings(): Map<string, (locale: Locale) => string> {
  const said = new Map<string, (locale: Locale) => string>();
  for (const detail of validationDetails)
    said.set(errorTextIn('en', 'INVALID_INPUT', undefined, detail), (locale) =>
      errorTextIn(locale, 'INVALID_INPUT', undefined, detail),
    );
  for (const [code, english] of Object.entries(domainInputMessages))
    said.set(english, (locale) => translatorFor(locale, 'domains')(`validation.${code as DomainInputCode}`));
  for (const [code, english] of Object.entries(ssoInputMessages))
    said.set(english, (locale) =>
      translatorFor(locale, 'sso')(`validation.${code as SsoInputCode}`, {
        max: ssoInputLimits[code as SsoInputCode],
      }),
    );
  return said;
}

/** `message` (a schema's, in English) in `locale`; as it is when the catalogs do not hold it. */
export function validationTextIn(locale: Locale, message: string): string {
  byEnglish ??= sayings();
  return byEnglish.get(message)?.(locale) ?? message;
}
