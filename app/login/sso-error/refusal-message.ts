// What the person whose SSO sign-in was refused reads, and what to do, in their language: the page's
// counterpart of lib/shared/sso-refusals.ts ssoRefusalForPerson (the same cases, the same words in English).
import { getTranslations } from 'next-intl/server';
import type { SsoRefusal } from '@/db/values';

/** `organization` is the organization's name (or the words for it when it is not known). */
export async function ssoRefusalMessage(reason: SsoRefusal, organization: string): Promise<string> {
  const t = await getTranslations('auth.ssoError');
  switch (reason) {
    case 'jit_off':
    case 'no_seat':
    case 'suspended':
    case 'outside_domains':
    case 'no_email':
    case 'disabled':
      return t(`reasons.${reason}`, { organization });
    case 'other_browser':
      return t('reasons.other_browser');
    case 'unknown_request':
    case 'expired':
    case 'replayed':
      return t('reasons.used');
    default:
      return t('reasons.other', { organization, detail: t(`details.${reason}`) });
  }
}
