// The DNS TXT record that proves an organization owns a domain (DESIGN §10): published at a name of its
// own under the domain, so that it sits beside whatever else the domain publishes. Pure: the console
// shows it (name and value, each with Copy) and the lookup (lib/domains) compares against it.
import { randomBytes } from 'node:crypto';

/** The label the record is published under: `_ai-hub-verification.<domain>`. */
export const RECORD_LABEL = '_ai-hub-verification';
/** What the value starts with, before the organization's token. */
export const RECORD_VALUE_PREFIX = 'ai-hub-verification=';

export interface VerificationRecord {
  type: 'TXT';
  /** Fully qualified, without a trailing dot. */
  name: string;
  value: string;
}

/** Where the record of `domain` is published. */
export function verificationRecordName(domain: string): string {
  return `${RECORD_LABEL}.${domain}`;
}

/** The record to publish for `domain` with the token the organization was given when it added it. */
export function verificationRecord(domain: string, token: string): VerificationRecord {
  return { type: 'TXT', name: verificationRecordName(domain), value: `${RECORD_VALUE_PREFIX}${token}` };
}

/** A new token: 128 random bits, URL-safe, so that nobody guesses another organization's value. */
export function newVerificationToken(): string {
  return randomBytes(16).toString('base64url');
}
