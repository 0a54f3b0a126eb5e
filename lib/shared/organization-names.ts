// An organization's name as typed, and the slug made from it. Pure: the input schemas, the domain and
// the seed script read the same rules.
import { fail } from './errors';
import { MAX_ORGANIZATION_NAME, MAX_SLUG_BASE } from './limits';
import { foldWhitespace, refuseInvisibleCharacters } from './text';

export const ORGANIZATION_NAME_TOO_LONG = `The name can be at most ${MAX_ORGANIZATION_NAME} characters.`;

/** Checks the characters as typed, folds white space (and CR/LF) to one space and trims, and checks the length. */
export function cleanOrganizationName(raw: string): string {
  refuseInvisibleCharacters(raw);
  const name = foldWhitespace(raw);
  if (name.length === 0) fail('INVALID_INPUT', 'Enter a name for the organization.');
  if (name.length > MAX_ORGANIZATION_NAME) fail('INVALID_INPUT', ORGANIZATION_NAME_TOO_LONG);
  return name;
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_BASE)
    .replace(/-+$/g, '');
  return slug || 'organization';
}
