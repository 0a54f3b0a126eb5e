// How full a field with a length limit is, shown only once it gets close, so a name that stops at the
// limit does not stop silently. Pure.

/** From how many characters before the limit the count shows. */
export const COUNT_FROM_BEFORE_LIMIT = 15;

/** "72/80" once `length` is within COUNT_FROM_BEFORE_LIMIT of `max`; null before that. */
export function characterCount(length: number, max: number): string | null {
  return length >= max - COUNT_FROM_BEFORE_LIMIT ? `${length}/${max}` : null;
}
