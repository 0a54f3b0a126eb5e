// What the person whose SSO sign-in was refused reads, and what to do, in their language: the page's
// counterpart of lib/shared/sso-refusals.ts ssoRefusalForPerson (the same cases, the same words in English).
import type { SsoRefusal } from '@/db/values';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/translator';

/** `organization` is the organization's name (or the words for it when it is not known). */
export function ssoRefusalMessage(locale: Locale, reason: SsoRefusal, organization: string): string {
  const t = translatorFor(locale, 'auth');
  switch (reason) {
    case 'jit_off':
    case 'no_seat':
    case 'suspended':
    case 'outside_domains':
    case 'no_email':
    case 'disabled':
      return t(`ssoError.reasons.${reason}`, { organization });
    case 'other_browser':
      return t('ssoError.reasons.other_browser');
    case 'unknown_request':
    case 'expired':
    case 'replayed':
      return t('ssoError.reasons.used');
    default:
      return t('ssoError.reasons.other', { organization, detail: t(`ssoError.details.${reason}`) });
  }
}
