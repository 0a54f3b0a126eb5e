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
  if (name.length === 0)
    fail('INVALID_INPUT', 'Enter a name for the organization.', undefined, {
      key: 'organizationNameRequired',
    });
  if (name.length > MAX_ORGANIZATION_NAME)
    fail('INVALID_INPUT', ORGANIZATION_NAME_TOO_LONG, undefined, {
      key: 'nameTooLong',
      values: { max: MAX_ORGANIZATION_NAME },
    });
  return name;
}

/** The address of an organization named `name`: lower-case words joined by "-", at most MAX_SLUG_BASE long. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cutAtWord(slug, MAX_SLUG_BASE) || 'organization';
}

/**
 * `slug` cut to `max` characters at the end of a word ("northwind-traders", not "northwind-trad"); a
 * first word longer than half of `max` is cut where it must.
 */
export function cutAtWord(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const head = slug.slice(0, max);
  if (slug[max] === '-') return head.replace(/-+$/g, '');
  const end = head.lastIndexOf('-');
  return (end >= max / 2 ? head.slice(0, end) : head).replace(/-+$/g, '');
}
