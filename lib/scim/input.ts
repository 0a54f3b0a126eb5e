// A SCIM User resource as the directory sends it (a create's or a replace's body, or a resource after a
// PATCH), read into what the membership becomes: the address, the role, active or not, the directory's
// own id and the name. Lenient where the big identity providers differ (Entra's "True"/"False" strings,
// roles as strings or objects), strict on what matters (400 `invalidValue` naming the attribute). Pure.
import { isValidEmail, MAX_EMAIL_LENGTH, normalizeEmail } from '../email-address';
import { MAX_PERSON_NAME } from '../limits';
import { ScimError } from './protocol';

/** What a SCIM User resource asks for, read from the body of a create, a replace or a patched resource. */
export interface ScimUserInput {
  userName: string;
  email: string;
  name: string | null;
  role: 'admin' | 'member' | 'owner';
  active: boolean;
  externalId: string | null;
}

function invalidValue(detail: string): never {
  throw new ScimError(400, detail, 'invalidValue');
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

function textOf(value: unknown, attribute: string, max: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') invalidValue(`${attribute} must be a string.`);
  const text = value.trim();
  if (text.length > max) invalidValue(`${attribute} is longer than ${max} characters.`);
  return text || null;
}

/** The name a resource gives: displayName, else name.formatted, else givenName and familyName. */
function nameOf(resource: Record<string, unknown>): string | null {
  const name = (resource.name ?? {}) as Record<string, unknown>;
  const given = textOf(name.givenName, 'name.givenName', MAX_PERSON_NAME);
  const family = textOf(name.familyName, 'name.familyName', MAX_PERSON_NAME);
  return (
    textOf(resource.displayName, 'displayName', MAX_PERSON_NAME) ??
    textOf(name.formatted, 'name.formatted', MAX_PERSON_NAME) ??
    ([given, family].filter(Boolean).join(' ') || null)
  );
}

/** The role of `roles` ([{ value }] or ["admin"]): Admin or Member, Member when none is given. */
function roleOf(value: unknown): ScimUserInput['role'] {
  if (value === undefined || value === null) return 'member';
  if (!Array.isArray(value)) invalidValue('roles must be a list.');
  const entries = value.map((entry) =>
    typeof entry === 'string' ? entry : (entry as { value?: unknown } | null)?.value,
  );
  // An `add` appends to the list: of several primary entries, the last one added is the role.
  const primary = (value as { primary?: unknown }[]).findLast((entry) => isTrue(entry?.primary));
  const chosen = primary ? (primary as { value?: unknown }).value : entries[0];
  if (chosen === undefined) return 'member';
  const role = typeof chosen === 'string' ? chosen.trim().toLowerCase() : '';
  if (role === 'admin' || role === 'member' || role === 'owner') return role;
  invalidValue(`Unknown role ${JSON.stringify(chosen).slice(0, 40)}: use admin or member.`);
}

/** Reads a User resource (a create's or replace's body, or a patched resource). */
export function readScimUser(body: unknown): ScimUserInput {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new ScimError(400, 'The body must be a SCIM User object.', 'invalidSyntax');
  const resource = body as Record<string, unknown>;
  const userName =
    textOf(resource.userName, 'userName', MAX_EMAIL_LENGTH) ?? invalidValue('userName is required.');
  const emails = Array.isArray(resource.emails) ? (resource.emails as Record<string, unknown>[]) : [];
  const primary = emails.find((entry) => isTrue(entry?.primary)) ?? emails[0];
  const raw = textOf(primary?.value, 'emails.value', MAX_EMAIL_LENGTH) ?? userName;
  const email = normalizeEmail(raw);
  if (!isValidEmail(email))
    invalidValue(`"${raw.slice(0, 80)}" is not an email address: give one in emails, or as the userName.`);
  return {
    userName,
    email,
    name: nameOf(resource),
    role: roleOf(resource.roles),
    active: resource.active === undefined ? true : booleanOf(resource.active, 'active'),
    externalId: textOf(resource.externalId, 'externalId', 255),
  };
}
