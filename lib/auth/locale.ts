// A person's language, kept on their account (users.locale) so that it follows them to another browser and
// into the emails sent to them (lib/email/render-queued.ts).
import 'server-only';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import type { Locale } from '../i18n/locales';

/** Saves `locale` as the language of account `userId`. */
export async function saveAccountLocale(userId: string, locale: Locale): Promise<void> {
  const db = await getDb();
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

/** The language each of `addresses` chose on their account, by lower-cased address (absent: no account or no choice). */
export async function accountLocales(addresses: readonly string[]): Promise<Map<string, Locale>> {
  if (addresses.length === 0) return new Map();
  const db = await getDb();
  const found = await db
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(
      and(
        inArray(
          sql`lower(${users.email})`,
          addresses.map((address) => address.toLowerCase()),
        ),
        isNotNull(users.locale),
      ),
    );
  return new Map(found.map((row) => [row.email.toLowerCase(), row.locale as Locale]));
}
