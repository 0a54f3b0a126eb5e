// The address a sign-in link was just sent to, kept for "Check your email" to name (app/actions/auth.ts
// sets it, app/login/check-email/page.tsx reads it). Only on /login, for a quarter of an hour.
import 'server-only';
import { cookies } from 'next/headers';
import { isValidEmail } from '@/lib/shared/email-address';

export const SIGN_IN_ADDRESS_COOKIE = 'aihub-sign-in-address';

/** The address the last sign-in link from this browser went to, if it is one. */
export async function signInAddress(): Promise<string | null> {
  const value = (await cookies()).get(SIGN_IN_ADDRESS_COOKIE)?.value ?? '';
  return isValidEmail(value) ? value : null;
}
