// Names people type (organization names, display names): one line of visible text. Pure.

/** Control characters (C0, DEL, C1) and the bidirectional overrides and isolates that can make a name display as something else. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** Folds every run of white space (CR/LF and tabs included) into one space and trims. */
export function foldWhitespace(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/**
 * True when `text` holds a control character or a bidirectional override. PostgreSQL refuses NUL in
 * text outright (an error, not a message), and the others have no place in a name shown to other people.
 */
export function hasInvisibleCharacters(text: string): boolean {
  return INVISIBLE.test(text);
}
