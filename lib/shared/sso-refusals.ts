// Why an SSO sign-in was refused, in words: for Activity (what an Owner reads) and for the page the person
// lands on (what they can do about it). Pure; the reasons are listed in db/values.ts.
import type { SsoRefusal } from '@/db/values';
import { ssoRefusalReason } from './sso-sentences';
import type { Translate } from './translate';

/**
 * The reason as Activity tells it, after "refused the sign-in of …: ", in English (the catalogs'
 * `activity.ssoRefusals` hold it in every language: ssoRefusalReason in ./sso-sentences.ts).
 */
export const ssoRefusalReasons: Record<SsoRefusal, string> = {
  unsigned: 'the response was not signed',
  bad_signature: 'the signature did not match the connection’s certificates',
  wrong_audience: 'the assertion was meant for another service',
  wrong_recipient: 'the response was sent to another address',
  expired: 'the assertion had expired',
  not_yet_valid: 'the assertion was not valid yet',
  unknown_request: 'it answered no sign-in started here, or one already used',
  other_browser: 'it came back to another browser than the one that started the sign-in',
  replayed: 'the same assertion was sent again',
  unsolicited: 'it was started at the identity provider, which this connection does not allow',
  invalid_response: 'the response could not be read',
  provider_error: 'the identity provider reported an error',
  no_email: 'the identity provider sent no email address',
  outside_domains: 'the address is not at one of the organization’s verified domains',
  disabled: 'the connection is turned off',
  suspended: 'the person is suspended',
  jit_off: 'the person is not a member and just-in-time joining is off',
  no_seat: 'no seat was free for the person to join',
};

type PersonKey =
  'jitOff' | 'noSeat' | 'suspended' | 'outsideDomains' | 'noEmail' | 'disabled' | 'otherBrowser' | 'used';

/** The sentences a refused person reads, by reason; any other reason: `unchecked`. */
const personKeys: Partial<Record<SsoRefusal, PersonKey>> = {
  jit_off: 'jitOff',
  no_seat: 'noSeat',
  suspended: 'suspended',
  outside_domains: 'outsideDomains',
  no_email: 'noEmail',
  disabled: 'disabled',
  other_browser: 'otherBrowser',
  unknown_request: 'used',
  expired: 'used',
  replayed: 'used',
};

/**
 * What the person who was refused reads, and what to do. `organization` is the organization's name (null:
 * "the organization"). `t`: the page's translator of the whole catalog (the words are the catalogs'
 * `errors.ssoRefusal`, the reason Activity's); without one, English.
 */
export function ssoRefusalForPerson(reason: SsoRefusal, organization: string | null, t?: Translate): string {
  if (t) {
    const name = organization ?? t('errors.ssoRefusal.theOrganization');
    const key = personKeys[reason];
    return key
      ? t(`errors.ssoRefusal.${key}`, { organization: name })
      : t('errors.ssoRefusal.unchecked', { organization: name, reason: ssoRefusalReason(reason, t) });
  }
  return englishForPerson(reason, organization ?? 'the organization');
}

function englishForPerson(reason: SsoRefusal, organization: string): string {
  switch (reason) {
    case 'jit_off':
      return `You are not a member of ${organization}. Ask one of its admins to invite you.`;
    case 'no_seat':
      return `${organization} has no free seat for you. Ask one of its admins to free one or add seats.`;
    case 'suspended':
      return `Your access to ${organization} is suspended. Ask one of its admins to reactivate you.`;
    case 'outside_domains':
      return `Your identity provider signed you in with an address that is not at one of ${organization}’s verified domains. Ask its admins to check the connection.`;
    case 'no_email':
      return `Your identity provider did not send your email address. Ask ${organization}’s admins to check the connection.`;
    case 'disabled':
      return `Single sign-on for ${organization} is turned off. Sign in with an email link instead.`;
    case 'other_browser':
      return 'This sign-in was started in another browser. Start again from the sign-in page, in this browser.';
    case 'unknown_request':
    case 'expired':
    case 'replayed':
      return 'This sign-in link was already used or has expired. Start again from the sign-in page.';
    default:
      return `The sign-in could not be checked (${ssoRefusalReasons[reason]}). Try again, or ask ${organization}’s admins to check the connection.`;
  }
}
