// The catalogs' English, as the users page's pure modules take it (components/users/words.ts): what the
// tests of their sentences hand them in place of the page's translator and formatter.
import type { Words } from '@/components/users/words';
import { catalogTranslator, formatterFor } from '@/lib/i18n/translator';

export const english: Words = { t: catalogTranslator('en'), format: formatterFor('en') };
