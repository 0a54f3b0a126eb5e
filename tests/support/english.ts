// The whole English catalog as a translator, for tests of pure code that writes sentences with the one
// it is handed (Activity): what they assert is the English a person reads.
import { catalogTranslator } from '@/lib/i18n/translator';

/** The catalog of `locale` as a translator without a namespace. */
export const translator = catalogTranslator;

export const english = catalogTranslator('en');
