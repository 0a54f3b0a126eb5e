// Limits on sign-in emails, counted in the database (so they hold across app servers).
import 'server-only';
import { getDb } from '@/db/client';
import { now } from '../clock';
import { signInEmailsPerAddressPerHour } from '../config';
import { allow } from '../rate-limit';

/**
 * Counts one sign-in email to `address` and says whether it is within SIGN_IN_EMAILS_PER_ADDRESS_PER_HOUR.
 * Anyone can ask for a sign-in link for any address: without a cap, a script could flood someone's inbox
 * (and use up the email quota) through the sign-in form or Auth.js's own endpoint.
 */
export async function allowSignInEmail(address: string): Promise<boolean> {
  const db = await getDb();
  return allow(
    db,
    `sign-in-email:${address.trim().toLowerCase()}`,
    signInEmailsPerAddressPerHour(),
    now(),
    3_600_000,
  );
}
