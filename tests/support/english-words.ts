// The catalogs' English, as the users page's pure modules take it (components/users/words.ts): what the
// tests of their sentences hand them in place of the page's translator and formatter.
import { createFormatter, createTranslator } from 'use-intl/core';
import type { Words } from '@/components/users/words';
import { catalogs, formats, TIME_ZONE } from '@/lib/i18n/messages';

export const english: Words = {
  t: createTranslator({ locale: 'en', messages: catalogs.en, formats, timeZone: TIME_ZONE }),
  format: createFormatter({ locale: 'en', formats, timeZone: TIME_ZONE }),
};
