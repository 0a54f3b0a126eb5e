'use server';
// Server actions of the development DNS page (/dev/dns): publish and delete the TXT records the
// development resolver answers, so that a domain verifies on a machine without a public one. Open only
// where the page is (app/dev/access.ts): anywhere else they answer NOT_FOUND, as the page is a 404.
import { headers } from 'next/headers';
import { deleteDevelopmentRecord, publishDevelopmentRecord } from '@/lib/domains/development-records';
import { developmentRecordIdSchema, developmentRecordSchema } from '@/lib/shared/domain-validation';
import { fail } from '@/lib/shared/errors';
import { developmentDnsOpenTo } from '@/app/dev/access';
import { definePublicAction } from './result';

async function requireDevelopmentDns() {
  if (!developmentDnsOpenTo(await headers())) fail('NOT_FOUND', 'The development DNS is not available here.');
}

/**
 * Publishes a TXT record in the development resolver. Input: `{ name, value }` (a DNS name, a value of at
 * most 1,000 characters). Output: the record. Who: a browser on this machine, while the development resolver
 * and the mailbox are on.
 */
export const publishDevelopmentRecordAction = definePublicAction({
  input: developmentRecordSchema,
  errors: ['NOT_FOUND', 'DNS_RECORD_INVALID'],
  run: async ({ name, value }) => {
    await requireDevelopmentDns();
    return publishDevelopmentRecord(name, value);
  },
  revalidate: ['/dev/dns'],
});

/** Deletes a record of the development resolver. Input: `{ id }`. Who: as above. */
export const deleteDevelopmentRecordAction = definePublicAction({
  input: developmentRecordIdSchema,
  errors: ['NOT_FOUND'],
  run: async ({ id }) => {
    await requireDevelopmentDns();
    return deleteDevelopmentRecord(id);
  },
  revalidate: ['/dev/dns'],
});
