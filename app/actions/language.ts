'use server';
// The language a person reads the product in (README: Languages).
import { z } from 'zod';
import { keepLanguageOnBrowser } from '@/app/_lib/language-cookie';
import { getActor } from '@/app/_lib/session';
import { saveAccountLocale } from '@/lib/auth/locale';
import { locales } from '@/lib/shared/locales';
import { definePublicAction } from './result';

/**
 * Chooses the language of the product: `{ locale: 'en' | 'ko' | 'ja' }`. Kept in a cookie on this browser
 * (signed-out pages too, and after sign-out) and, when someone is signed in, on their account: their other
 * browsers and the emails sent to them follow it. Anyone may call it; the pages are rendered again.
 */
export const setLanguageAction = definePublicAction({
  input: z.object({ locale: z.enum(locales) }),
  errors: [],
  run: async ({ locale }) => {
    await keepLanguageOnBrowser(locale);
    const actor = await getActor();
    if (actor) await saveAccountLocale(actor.userId, locale);
    return { locale };
  },
  revalidate: [['/', 'layout']],
});
