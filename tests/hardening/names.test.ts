// Names other people see (organization names, display names) may not hold characters that hide text or
// make it display as something else: zero-width characters, direction marks, overrides and isolates,
// line separators, the byte order mark. Checked on the text as typed, before white space is folded
// (folding turned U+2028 into a space and trimming dropped a leading U+FEFF).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@/lib/shared/errors';
import { cleanOrganizationName } from '@/lib/shared/organization-names';
import { cleanPersonName, hasInvisibleCharacters, INVISIBLE_CHARACTERS_MESSAGE } from '@/lib/shared/text';
import {
  acceptAsNewUserSchema,
  createOrganizationSchema,
  renameOrganizationSchema,
} from '@/lib/shared/validation';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Every character the security review named, by code point. */
const SPOOFING = [
  ...range(0x200b, 0x200f),
  0x2028,
  0x2029,
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
  0xfeff,
  0x061c,
].map((code) => [`U+${code.toString(16).toUpperCase().padStart(4, '0')}`, String.fromCodePoint(code)]);

function refusal(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_INPUT');
    return (error as DomainError).message;
  }
}

describe('spoofing characters in names', () => {
  it.each(SPOOFING)('%s counts as an invisible character', (_label, character) => {
    expect(hasInvisibleCharacters(`Acme${character}`)).toBe(true);
  });

  it.each(SPOOFING)(
    '%s is refused in an organization name and a display name, with a message saying why',
    (_label, character) => {
      for (const name of [`Acme${character}`, `${character}Acme`, `Ac${character}me`]) {
        expect(
          refusal(() => cleanOrganizationName(name)),
          JSON.stringify(name),
        ).toBe(INVISIBLE_CHARACTERS_MESSAGE);
        expect(
          refusal(() => cleanPersonName(name)),
          JSON.stringify(name),
        ).toBe(INVISIBLE_CHARACTERS_MESSAGE);
      }
    },
  );

  it.each(SPOOFING)(
    '%s is refused by the input schemas of the actions that take a name',
    (_label, character) => {
      const organizationId = '00000000-0000-4000-8000-000000000000';
      for (const result of [
        createOrganizationSchema.safeParse({ name: `Acme${character}` }),
        renameOrganizationSchema.safeParse({ organizationId, name: `Acme${character}` }),
        acceptAsNewUserSchema.safeParse({ token: 't', name: `Eve${character}` }),
      ]) {
        expect(result.success).toBe(false);
        expect(result.error?.issues[0]?.message).toBe(INVISIBLE_CHARACTERS_MESSAGE);
      }
    },
  );

  it('property: a name with a spoofing character anywhere is refused; without one, its visible text is kept', () => {
    const visible = fc
      .stringMatching(/^[A-Za-z0-9 &.'\u00c0-\u024f\u4e00-\u4e2f-]{1,30}$/)
      .filter((text) => text.trim() !== '');
    const spoofing = fc.constantFrom(...SPOOFING.map(([, character]) => character));
    fc.assert(
      fc.property(visible, spoofing, fc.nat(), (name, character, at) => {
        const index = at % (name.length + 1);
        const spoofed = `${name.slice(0, index)}${character}${name.slice(index)}`;
        expect(refusal(() => cleanOrganizationName(spoofed))).toBe(INVISIBLE_CHARACTERS_MESSAGE);
        expect(refusal(() => cleanPersonName(spoofed))).toBe(INVISIBLE_CHARACTERS_MESSAGE);
        expect(refusal(() => cleanOrganizationName(name))).toBeNull();
        expect(cleanPersonName(name)).toBe(name.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 1_000 },
    );
  });

  it('ordinary white space (tabs, CR/LF) is still folded, not refused; a blank display name is no name', () => {
    expect(cleanOrganizationName('  Acme\r\n\tCorp ')).toBe('Acme Corp');
    expect(cleanPersonName(' Eve\r\nAdams ')).toBe('Eve Adams');
    expect(cleanPersonName('   ')).toBeNull();
    expect(cleanPersonName(undefined)).toBeNull();
  });
});
