// A refusal in the words of the person who reads it: the catalogs' sentence (messages/<locale>.json,
// namespace `errors`) for its code, or for the DomainError's own sentence when it names one. Server
// actions answer with it; the English of lib/shared/errors.ts stays what logs and tests read.
import 'server-only';
import {
  type DomainError,
  errorMessages,
  errorValues,
  type ErrorCode,
  type ErrorDetail,
  type RefusedTarget,
} from '@/lib/shared/errors';
import { translatorFor } from '@/lib/i18n/translator';
import type { Locale } from '@/lib/i18n/locales';
import { requestLocale } from './i18n-request';

/**
 * `code`'s refusal in `locale`. `message` is its English: its code's own, or a sentence of the domain's;
 * `detail` names that sentence in the catalogs. A sentence the catalogs do not hold yet (a protocol
 * helper's own words about metadata it fetched, say) is told as it is.
 */
export function errorTextIn(
  locale: Locale,
  code: ErrorCode,
  message: string = errorMessages[code],
  detail?: ErrorDetail,
): string {
  const t = translatorFor(locale, 'errors');
  if (detail) {
    const reasons = detail.reasons?.map((reason) => t(`codes.${reason}`, errorValues[reason])).join(' ');
    return t(`detail.${detail.key}`, { ...detail.values, ...(reasons === undefined ? {} : { reasons }) });
  }
  return message === errorMessages[code] ? t(`codes.${code}`, errorValues[code]) : message;
}

/**
 * `code`'s refusal in this request's language. Under test, a sentence named by key must read in English
 * exactly as the domain wrote it, so that the English catalog cannot drift from the code.
 */
export async function errorText(code: ErrorCode, message?: string, detail?: ErrorDetail): Promise<string> {
  if (process.env.VITEST && detail && message !== undefined) {
    const english = errorTextIn('en', code, message, detail);
    if (english !== message)
      throw new Error(`errors.detail.${detail.key} reads “${english}” in English, not “${message}”.`);
  }
  return errorTextIn(await requestLocale(), code, message, detail);
}

/** A DomainError's message in this request's language. */
export function domainErrorText(error: DomainError): Promise<string> {
  return errorText(error.code, error.message, error.detail);
}

/** A refusal's details with each refused row's reason (a bulk action's `refused`) in this request's language. */
export async function localizedDetails(
  details: Record<string, unknown> | undefined,
): Promise<Record<string, unknown> | undefined> {
  if (!details || !Array.isArray(details.refused)) return details;
  const locale = await requestLocale();
  const refused = (details.refused as RefusedTarget[]).map((row) => ({
    ...row,
    message: errorTextIn(locale, row.code, row.message, row.detail),
  }));
  return { ...details, refused };
}
