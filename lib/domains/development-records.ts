// The records published on the development resolver (/dev/dns, gated like /dev/mailbox by
// app/dev/access.ts): what a developer's "DNS" holds, so that Verify finds `acme.test`'s record through
// the real lookup (./dns.ts → ./development-resolver.ts). Refused (NOT_FOUND, as the page is) unless the
// development resolver is the one in use, so nothing here can vouch for a domain on a real server.
import 'server-only';
import { domainToASCII } from 'node:url';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { developmentDnsRecords } from '@/db/schema';
import { isDevelopmentResolverActive } from '../config';
import { fail } from '../shared/errors';
import { MAX_DEV_DNS_VALUE, MAX_DOMAIN_INPUT, MAX_DOMAIN_LENGTH } from '../shared/limits';

export interface DevelopmentRecord {
  id: string;
  name: string;
  value: string;
  createdAt: Date;
}

/** A DNS name's labels: letters, digits, hyphens and underscores (`_ai-hub-verification`), 1 to 63 each. */
const LABEL = /^[a-z0-9_-]{1,63}$/;

function requireDevelopmentResolver(): void {
  if (!isDevelopmentResolverActive()) fail('NOT_FOUND');
}

/** The name as the resolver matches it: trimmed, lower-case, ASCII, without the trailing dot. */
function recordName(input: string): string {
  if (typeof input !== 'string' || input.length > MAX_DOMAIN_INPUT) fail('DNS_RECORD_INVALID');
  const typed = input.trim().toLowerCase().replace(/\.$/, '');
  const name = typed && !/[/@:\s]/.test(typed) ? domainToASCII(typed) : '';
  if (!name || name.length > MAX_DOMAIN_LENGTH || !name.split('.').every((label) => LABEL.test(label)))
    fail('DNS_RECORD_INVALID');
  return name;
}

/** Publishes a TXT record `name` → `value` (trimmed; at most MAX_DEV_DNS_VALUE characters). */
export async function publishDevelopmentRecord(name: string, value: string): Promise<DevelopmentRecord> {
  requireDevelopmentResolver();
  const cleanName = recordName(name);
  const cleanValue = typeof value === 'string' ? value.trim() : '';
  if (!cleanValue || cleanValue.length > MAX_DEV_DNS_VALUE) fail('DNS_RECORD_INVALID');
  const db = await getDb();
  const [row] = await db
    .insert(developmentDnsRecords)
    .values({ name: cleanName, value: cleanValue })
    .returning();
  return row;
}

/** Every published record, newest first. */
export async function listDevelopmentRecords(): Promise<DevelopmentRecord[]> {
  requireDevelopmentResolver();
  const db = await getDb();
  return db
    .select()
    .from(developmentDnsRecords)
    .orderBy(desc(developmentDnsRecords.createdAt), desc(developmentDnsRecords.id));
}

/** Deletes a record; one already gone is no error. */
export async function deleteDevelopmentRecord(id: string): Promise<void> {
  requireDevelopmentResolver();
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return;
  const db = await getDb();
  await db.delete(developmentDnsRecords).where(eq(developmentDnsRecords.id, id));
}
