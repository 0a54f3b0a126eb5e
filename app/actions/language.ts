'use server';
// The language a person reads the product in (DESIGN.md §13).
import { cookies } from 'next/headers';
import { z } from 'zod';
import { getActor } from '@/app/_lib/session';
import { saveAccountLocale } from '@/lib/auth/locale';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS, locales } from '@/lib/shared/locales';
import { sessionCookie } from '@/lib/auth/session';
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
    const jar = await cookies();
    jar.set(LOCALE_COOKIE, locale, {
      path: '/',
      maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS,
      sameSite: 'lax',
      httpOnly: true,
      secure: sessionCookie().options.secure,
    });
    const actor = await getActor();
    if (actor) await saveAccountLocale(actor.userId, locale);
    return { locale };
  },
  revalidate: [['/', 'layout']],
});
