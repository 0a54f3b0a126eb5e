// Names people type (organization names, display names): one line of visible text. Pure.
import { fail } from './errors';
import { MAX_PERSON_NAME } from './limits';

export const INVISIBLE_CHARACTERS_MESSAGE =
  'The name cannot contain invisible or control characters, such as zero-width spaces or direction marks.';

/**
 * What no name may hold. Control characters (C0 except the white space that folding turns into a space,
 * DEL, C1): PostgreSQL refuses NUL outright, and the rest have no place in a name shown to other people.
 * And the characters that hide text or make it display as something else: the Arabic letter mark
 * (U+061C), zero-width characters and direction marks (U+200B–U+200F), the line and paragraph separators
 * (U+2028–U+2029), the bidirectional embeddings and overrides (U+202A–U+202E), the word joiner and
 * invisible operators (U+2060–U+2064), the bidirectional isolates (U+2066–U+2069) and the zero-width
 * no-break space (U+FEFF). `Acme\u202Egnp.exe` displays as "Acmeexe.png", and `Ac\u200Bme` looks like
 * "Acme" but is another name.
 */
const INVISIBLE =
  /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** Folds every run of white space (CR/LF and tabs included) into one space and trims. */
export function foldWhitespace(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/**
 * True when `text` holds a character no name may hold (see INVISIBLE). Ask it of the text as typed:
 * folding turns U+2028, U+2029 and U+FEFF into spaces, and trimming drops them at either end.
 */
export function hasInvisibleCharacters(text: string): boolean {
  return INVISIBLE.test(text);
}

/** Refuses (INVALID_INPUT) a name as typed that holds a character no name may hold. */
export function refuseInvisibleCharacters(raw: string): void {
  if (hasInvisibleCharacters(raw))
    fail('INVALID_INPUT', INVISIBLE_CHARACTERS_MESSAGE, undefined, { key: 'invisibleCharacters' });
}

/** A display name as typed: one line of at most MAX_PERSON_NAME characters, or null when blank. */
export function cleanPersonName(raw: string | null | undefined): string | null {
  refuseInvisibleCharacters(raw ?? '');
  return foldWhitespace(raw ?? '').slice(0, MAX_PERSON_NAME) || null;
}

/**
 * `text` ending a sentence: a full stop is added unless it already ends with one (or with "!", "?" or
 * "…"), so "You left Acme Inc." never reads "Acme Inc..". A closing quote or bracket after the mark
 * counts too.
 */
export function endSentence(text: string): string {
  return /[.!?…]["'”’)\]]*$/u.test(text) ? text : `${text}.`;
}

/** "1 seat", "2 seats", "1,000 seats": a count with its noun. */
export function plural(count: number, one: string, many = `${one}s`) {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
