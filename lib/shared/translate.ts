// The type of a translator of the whole catalog, for pure code that writes sentences (Activity): it is
// handed next-intl's `useTranslations()` or `getTranslations()` without a namespace, so that its keys
// reach both its own namespace and the shared words (common.roles). Types only: the browser may import it.
import type { Messages } from '@/lib/i18n/messages';

/** Every message's dotted key: 'activity.events.memberLeft'. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;

export type MessageValues = Record<string, string | number | Date>;

/**
 * `t(key, values)`. Declared as a method, whose parameters TypeScript compares both ways, so that
 * next-intl's translators (generic over their own key type) are accepted as they are.
 */
export type Translate = {
  translate(key: MessageKey, values?: MessageValues): string;
}['translate'];
