// A message that ends a sentence after a name ("You left {organization}.") reads "You left Acme Inc.."
// when the name already ends with a full stop: the catalogs write the stop, and this drops the second
// one, as lib/shared/text.ts endSentence did for the English sentences these messages replace.

/** `text` with a full stop dropped where it follows a mark that already ends the sentence. */
export function oneFullStop(text: string): string {
  return text.replace(/([.!?…]["'”’)\]]*)\.(?=\s|$)/gu, '$1');
}
