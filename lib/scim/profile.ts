// The directory's own attributes of a person (RFC 7643 §4.1 and the enterprise extension, §4.3), kept on
// the membership as sent (memberships.scim_profile) and returned as sent: the name's parts, displayName,
// title, phone numbers, addresses, locale and the enterprise attributes. Nothing is derived or split: a
// "Mary Ann" given name stays one. Read from a resource by its own properties only (./body.ts `own`),
// each text checked for control and invisible characters and bounded, each list bounded. Pure.
import { hasInvisibleCharacters } from '../shared/text';
import { fail } from '../shared/errors';
import { own } from './body';

export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** The longest text attribute kept, and the most entries of a multi-valued one. */
export const PROFILE_LIMITS = { text: 255, entries: 10 } as const;

type Texts<K extends string> = Partial<Record<K, string>>;

export const NAME_KEYS = [
  'formatted',
  'familyName',
  'givenName',
  'middleName',
  'honorificPrefix',
  'honorificSuffix',
] as const;
export const TOP_KEYS = [
  'displayName',
  'nickName',
  'title',
  'userType',
  'preferredLanguage',
  'locale',
  'timezone',
] as const;
export const PHONE_KEYS = ['value', 'type'] as const;
export const ADDRESS_KEYS = [
  'type',
  'formatted',
  'streetAddress',
  'locality',
  'region',
  'postalCode',
  'country',
] as const;
export const ENTERPRISE_KEYS = [
  'employeeNumber',
  'costCenter',
  'organization',
  'division',
  'department',
] as const;

export type PhoneNumber = Texts<(typeof PHONE_KEYS)[number]> & { primary?: boolean };
export type Address = Texts<(typeof ADDRESS_KEYS)[number]> & { primary?: boolean };
export type Enterprise = Texts<(typeof ENTERPRISE_KEYS)[number]> & {
  manager?: { value?: string; displayName?: string };
};

/** The scim_profile JSON (the contract with the filter, which reads it in SQL): absent keys omitted. */
export type ScimProfile = Texts<(typeof TOP_KEYS)[number]> & {
  name?: Texts<(typeof NAME_KEYS)[number]>;
  phoneNumbers?: PhoneNumber[];
  addresses?: Address[];
  enterprise?: Enterprise;
};

function invalidValue(detail: string): never {
  fail('SCIM_INVALID_VALUE', detail);
}

/**
 * A text attribute as sent, or undefined when absent, null or empty. Control and invisible characters
 * are refused (line breaks only where `lines`, as in an address); longer than PROFILE_LIMITS.text: 400.
 */
export function profileText(value: unknown, attribute: string, lines = false): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') invalidValue(`${attribute} must be a string.`);
  const checked = lines ? value.replace(/\r?\n/g, ' ') : value;
  if (hasInvisibleCharacters(checked) || /[\t-\r]/.test(checked))
    invalidValue(
      `${attribute} cannot contain invisible or control characters, such as zero-width spaces or direction marks.`,
    );
  if (value.length > PROFILE_LIMITS.text)
    invalidValue(`${attribute} is longer than ${PROFILE_LIMITS.text} characters.`);
  return value;
}

/** `true`/`false`, or the strings Microsoft Entra sends ("True", "False"); undefined when absent. */
export function profileBoolean(value: unknown, attribute: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === 'true';
  invalidValue(`${attribute} must be true or false.`);
}

/** The texts `keys` of `source` that are present, in the order of `keys`; undefined when none is. */
function textsOf<K extends string>(
  source: unknown,
  keys: readonly K[],
  prefix: string,
  lines: readonly string[] = [],
): Texts<K> | undefined {
  if (source === undefined || source === null) return undefined;
  if (typeof source !== 'object' || Array.isArray(source)) invalidValue(`${prefix} must be an object.`);
  const result: Texts<K> = {};
  for (const key of keys) {
    const text = profileText(own(source, key), `${prefix}.${key}`, lines.includes(key));
    if (text !== undefined) result[key] = text;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/** A multi-valued complex attribute (phoneNumbers, addresses): at most PROFILE_LIMITS.entries entries. */
function entriesOf<K extends string>(
  value: unknown,
  keys: readonly K[],
  attribute: string,
  lines: readonly string[] = [],
): (Texts<K> & { primary?: boolean })[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) invalidValue(`${attribute} must be a list.`);
  if (value.length > PROFILE_LIMITS.entries)
    invalidValue(`${attribute} holds more than ${PROFILE_LIMITS.entries} entries.`);
  const entries = value.flatMap((entry: unknown) => {
    const texts = textsOf(entry, keys, attribute, lines);
    const primary = profileBoolean(own(entry, 'primary'), `${attribute}.primary`);
    if (!texts) return [];
    return [primary === undefined ? texts : { ...texts, primary }];
  });
  return entries.length > 0 ? entries : undefined;
}

/** The enterprise extension object of a resource, by its URN in any case. */
function extensionOf(resource: unknown): unknown {
  if (resource === null || typeof resource !== 'object') return undefined;
  const key = Object.keys(resource).find((name) => name.toLowerCase() === ENTERPRISE_SCHEMA.toLowerCase());
  return key === undefined ? undefined : own(resource, key);
}

/** The enterprise manager: { value, displayName }, or the bare id Microsoft Entra sends as a string. */
function managerOf(value: unknown): Enterprise['manager'] {
  if (typeof value === 'string') {
    const id = profileText(value, 'manager.value');
    return id === undefined ? undefined : { value: id };
  }
  return textsOf(value, ['value', 'displayName'] as const, 'manager');
}

function enterpriseOf(resource: unknown): Enterprise | undefined {
  const extension = extensionOf(resource);
  if (extension === undefined || extension === null) return undefined;
  const texts = textsOf(extension, ENTERPRISE_KEYS, 'enterprise') ?? {};
  const manager = managerOf(own(extension, 'manager'));
  const enterprise: Enterprise = manager ? { ...texts, manager } : texts;
  return Object.keys(enterprise).length > 0 ? enterprise : undefined;
}

/** What a User resource says of the person beyond the address, role and status: the scim_profile to keep. */
export function readProfile(resource: unknown): ScimProfile {
  const profile: ScimProfile = {};
  const name = textsOf(own(resource, 'name'), NAME_KEYS, 'name');
  if (name) profile.name = name;
  for (const key of TOP_KEYS) {
    const text = profileText(own(resource, key), key);
    if (text !== undefined) profile[key] = text;
  }
  const phoneNumbers = entriesOf(own(resource, 'phoneNumbers'), PHONE_KEYS, 'phoneNumbers');
  if (phoneNumbers) profile.phoneNumbers = phoneNumbers;
  const addresses = entriesOf(own(resource, 'addresses'), ADDRESS_KEYS, 'addresses', [
    'formatted',
    'streetAddress',
  ]);
  if (addresses) profile.addresses = addresses;
  const enterprise = enterpriseOf(resource);
  if (enterprise) profile.enterprise = enterprise;
  return profile;
}

/** A profile as stored (scim_profile JSON, whose keys jsonb reorders), read back in canonical key order. */
export function storedProfile(value: unknown): ScimProfile | null {
  const stored: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (stored === null || typeof stored !== 'object') return null;
  return readProfile({ ...stored, [ENTERPRISE_SCHEMA]: own(stored, 'enterprise') });
}
