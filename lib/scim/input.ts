// A SCIM User resource as the directory sends it (a create's or a replace's body, or a resource after a
// PATCH), read into what the membership becomes: the address, the role, active or not, the directory's
// own id, its userName and profile exactly as sent (./profile.ts), and the console's display of its name.
// Lenient where the big identity providers differ (Entra's "True"/"False" strings, roles as strings or
// objects), strict on what matters (400 `invalidValue` naming the attribute). Only an object's own
// properties are read (./body.ts `own`), never a prototype's. No control or invisible characters
// anywhere (lib/shared/text.ts); the display name is folded to one line as the console folds a name. Pure.
import { isValidEmail, MAX_EMAIL_LENGTH, normalizeEmail } from '../shared/email-address';
import { MAX_PERSON_NAME } from '../shared/limits';
import { foldWhitespace, hasInvisibleCharacters } from '../shared/text';
import { own } from './body';
import { profileText, readProfile, type ScimProfile } from './profile';
import { fail } from '../shared/errors';

/** What a SCIM User resource asks for, read from the body of a create, a replace or a patched resource. */
export interface ScimUserInput {
  /** As sent: kept so, matched case-insensitively. */
  userName: string;
  email: string;
  /** The console's display of the directory's name. */
  name: string | null;
  /** Everything else the directory says of the person, as sent (./profile.ts). */
  profile: ScimProfile;
  role: 'admin' | 'member' | 'owner';
  active: boolean;
  externalId: string | null;
}

function invalidValue(detail: string): never {
  fail('SCIM_INVALID_VALUE', detail);
}

/** A SCIM boolean that is true: `true`, or the string Microsoft Entra sends ("True"). */
function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/** `true`/`false`, or the strings Microsoft Entra sends ("True", "False"). */
function booleanOf(value: unknown, attribute: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === 'true';
  invalidValue(`${attribute} must be true or false.`);
}

/**
 * A string attribute, trimmed (a name's white space folded to single spaces, as the console folds a name),
 * or null when absent or empty. Control and invisible characters are refused, checked on the text as
 * sent (lib/shared/text.ts): a line break or tab may only be folded away in a name.
 */
function textOf(value: unknown, attribute: string, max: number, fold = false): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') invalidValue(`${attribute} must be a string.`);
  if (hasInvisibleCharacters(value) || (!fold && /[\t-\r]/.test(value)))
    invalidValue(
      `${attribute} cannot contain invisible or control characters, such as zero-width spaces or direction marks.`,
    );
  const text = fold ? foldWhitespace(value) : value.trim();
  if (text.length > max) invalidValue(`${attribute} is longer than ${max} characters.`);
  return text || null;
}

/**
 * The console's display of the directory's name (memberships.directory_name): displayName, else
 * name.formatted, else givenName and familyName, its white space folded as the console folds a name.
 */
function displayOf(profile: ScimProfile): string | null {
  const { displayName, name } = profile;
  const given = [name?.givenName, name?.familyName].filter(Boolean).join(' ');
  return textOf(displayName ?? name?.formatted ?? given, 'displayName', MAX_PERSON_NAME, true);
}

/** The role of `roles` ([{ value }] or ["admin"]): Admin or Member, Member when none is given. */
function roleOf(value: unknown): ScimUserInput['role'] {
  if (value === undefined || value === null) return 'member';
  if (!Array.isArray(value)) invalidValue('roles must be a list.');
  const entries = value.map((entry) => (typeof entry === 'string' ? entry : own(entry, 'value')));
  // An `add` appends to the list: of several primary entries, the last one added is the role.
  const primary = (value as unknown[]).findLast((entry) => isTrue(own(entry, 'primary')));
  const chosen = primary === undefined ? entries[0] : own(primary, 'value');
  if (chosen === undefined) return 'member';
  const role = typeof chosen === 'string' ? chosen.trim().toLowerCase() : '';
  if (role === 'admin' || role === 'member' || role === 'owner') return role;
  invalidValue(`Unknown role ${JSON.stringify(chosen).slice(0, 40)}: use admin or member.`);
}

/** The userName exactly as sent: required, no control or invisible characters, bounded. */
function userNameOf(value: unknown): string {
  const text = profileText(value, 'userName');
  if (text === undefined || text.trim() === '') invalidValue('userName is required.');
  if (text.length > MAX_EMAIL_LENGTH) invalidValue(`userName is longer than ${MAX_EMAIL_LENGTH} characters.`);
  return text;
}

/** Reads a User resource (a create's or replace's body, or a patched resource). */
export function readScimUser(body: unknown): ScimUserInput {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    fail('SCIM_INVALID_SYNTAX', 'The body must be a SCIM User object.');
  const userName = userNameOf(own(body, 'userName'));
  const listed = own(body, 'emails');
  const emails: unknown[] = Array.isArray(listed) ? listed : [];
  const primary = emails.find((entry) => isTrue(own(entry, 'primary'))) ?? emails[0];
  const raw = textOf(own(primary, 'value'), 'emails.value', MAX_EMAIL_LENGTH) ?? userName;
  const email = normalizeEmail(raw);
  if (!isValidEmail(email))
    invalidValue(`"${raw.slice(0, 80)}" is not an email address: give one in emails, or as the userName.`);
  const profile = readProfile(body);
  return {
    userName,
    email,
    name: displayOf(profile),
    profile,
    role: roleOf(own(body, 'roles')),
    active: own(body, 'active') === undefined ? true : booleanOf(own(body, 'active'), 'active'),
    externalId: textOf(own(body, 'externalId'), 'externalId', 255),
  };
}
