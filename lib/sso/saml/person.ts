// The person an assertion describes, in the words Okta, Entra ID and the generic providers use: the
// address is the NameID when it is one, else the first address among the usual attributes; the name is
// the display name, else the given name and surname.
import { MAX_PERSON_NAME } from '@/lib/shared/limits';
import { isValidEmail, normalizeEmail } from '@/lib/shared/email-address';
import { foldWhitespace, hasInvisibleCharacters } from '@/lib/shared/text';
import { attributesAsText } from '../provider-text';
import type { SsoIdentity } from '../types';

const CLAIMS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';
const MICROSOFT_CLAIMS = 'http://schemas.microsoft.com/identity/claims';

/** Where an address may be, in order (Entra sends emailaddress and upn; LDAP-minded ones the mail OID). */
const EMAIL_ATTRIBUTES = [
  'email',
  'mail',
  'emailAddress',
  `${CLAIMS}/emailaddress`,
  'urn:oid:0.9.2342.19200300.100.1.3',
  `${CLAIMS}/upn`,
  'upn',
];

/** Where a whole name may be. (Entra's `${CLAIMS}/name` is the UPN, an address: it is read last, if not one.) */
const NAME_ATTRIBUTES = [
  'displayName',
  `${MICROSOFT_CLAIMS}/displayname`,
  'urn:oid:2.16.840.1.113730.3.1.241',
  'name',
  'fullName',
  `${CLAIMS}/name`,
];
const GIVEN_NAME_ATTRIBUTES = ['givenName', 'firstName', `${CLAIMS}/givenname`, 'urn:oid:2.5.4.42'];
const SURNAME_ATTRIBUTES = [
  'surname',
  'sn',
  'lastName',
  'familyName',
  `${CLAIMS}/surname`,
  'urn:oid:2.5.4.4',
];

function addressIn(value: string | null | undefined): string | null {
  if (!value) return null;
  const address = normalizeEmail(value);
  return isValidEmail(address) ? address : null;
}

function first(
  attributes: Record<string, string[]>,
  names: string[],
  accept: (value: string) => string | null,
) {
  for (const name of names) {
    for (const value of Object.hasOwn(attributes, name) ? attributes[name] : []) {
      const accepted = accept(value);
      if (accepted) return accepted;
    }
  }
  return null;
}

/** A name shown to other people: one visible line, or nothing (a provider's odd value never blocks a sign-in). */
function cleanName(value: string): string | null {
  if (hasInvisibleCharacters(value) || addressIn(value)) return null;
  return foldWhitespace(value).slice(0, MAX_PERSON_NAME) || null;
}

export function personOf(nameId: string, attributes: Record<string, string[]>): SsoIdentity {
  const email = addressIn(nameId) ?? first(attributes, EMAIL_ATTRIBUTES, addressIn);
  const whole = first(attributes, NAME_ATTRIBUTES, cleanName);
  const given = first(attributes, GIVEN_NAME_ATTRIBUTES, cleanName);
  const surname = first(attributes, SURNAME_ATTRIBUTES, cleanName);
  const joined = [given, surname].filter(Boolean).join(' ');
  return {
    email,
    name: whole ?? (joined ? joined.slice(0, MAX_PERSON_NAME) : null),
    subject: nameId,
    attributes: attributesAsText([attributes]),
  };
}
