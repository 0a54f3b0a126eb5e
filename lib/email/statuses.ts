// Where an email is, in the words the rest of the app needs (db/values.ts deliveryStatusValues).

/** Statuses of an email that reached no one: it failed for good, bounced, or was reported as spam. */
export const UNDELIVERED = ['failed', 'bounced', 'complained'] as const;

export function isUndelivered(status: string | null | undefined): boolean {
  return (UNDELIVERED as readonly string[]).includes(status ?? '');
}
