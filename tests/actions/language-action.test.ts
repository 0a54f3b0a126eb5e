// setLanguageAction as the language menu calls it: the choice kept in this browser's cookie (signed out
// too) and on the signed-in person's account, where their emails read it (accountLocales); anything but
// the three languages refused, nothing kept.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';

const { actionMocks: mocks, unchecked } = await vi.hoisted(() => import('../support/action-mocks'));

import { setLanguageAction } from '@/app/actions/language';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { accountLocales } from '@/lib/auth/locale';
import { LOCALE_COOKIE } from '@/lib/shared/locales';
import { useTestDatabase } from '../support/db';
import { createUser } from '../support/factories';

useTestDatabase({ workJobs: false });

beforeEach(() => {
  mocks.actor = null;
  mocks.cookieSet.mockClear();
});

async function localeOf(userId: string) {
  const db = await getDb();
  const [row] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return row.locale;
}

describe('setLanguageAction', () => {
  it('signed out: keeps the choice in a year-long, http-only cookie on this browser', async () => {
    const result = await setLanguageAction({ locale: 'ko' });
    expect(result).toEqual({ ok: true, data: { locale: 'ko' } });
    expect(mocks.cookieSet).toHaveBeenCalledTimes(1);
    const [name, value, options] = mocks.cookieSet.mock.calls[0] as [string, string, Record<string, unknown>];
    expect([name, value]).toEqual([LOCALE_COOKIE, 'ko']);
    expect(options).toMatchObject({ path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 60 * 60 });
  });

  it('signed in: keeps it on the account too, where the emails to that address read it', async () => {
    const person = await createUser({ email: 'Mixed.Case@Example.test' });
    mocks.actor = person;
    expect((await setLanguageAction({ locale: 'ja' })).ok).toBe(true);
    expect(await localeOf(person.userId)).toBe('ja');
    const found = await accountLocales(['mixed.case@example.test', 'nobody@example.test']);
    expect([...found]).toEqual([['mixed.case@example.test', 'ja']]);
    expect((await setLanguageAction({ locale: 'en' })).ok).toBe(true);
    expect(await localeOf(person.userId)).toBe('en');
  });

  it.each([['fr'], ['KO'], ['__proto__'], [''], [null], [{ toString: 'ko' }]])(
    'refuses %j with INVALID_INPUT and keeps nothing',
    async (locale) => {
      const person = await createUser();
      mocks.actor = person;
      const result = await unchecked(setLanguageAction)({ locale });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
      expect(mocks.cookieSet).not.toHaveBeenCalled();
      expect(await localeOf(person.userId)).toBeNull();
    },
  );

  it('the database refuses a language the product does not have', async () => {
    const person = await createUser();
    const db = await getDb();
    await expect(db.update(users).set({ locale: 'fr' }).where(eq(users.id, person.userId))).rejects.toThrow();
  });
});
