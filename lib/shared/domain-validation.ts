// Input schemas of the verified-domain actions (app/actions/domains.ts) and of the development DNS page's
// (app/actions/development-dns.ts). The domain functions (lib/domains) read the domain and the record
// themselves (what a domain name is, which suffixes and providers are refused): what is checked here is
// only that something was sent, and its size.
import { z } from 'zod';
import { joinPolicyValues } from '@/db/values';
import { joinPolicyLabels } from './join-policies';
import { MAX_DEV_DNS_VALUE, MAX_DOMAIN_INPUT } from './limits';

const id = z.uuid({ message: 'Not a valid id.' });

/**
 * The refusals the Add domain form can show under its field, by code. The schema answers them in English
 * (what its tests and logs read); the action says them in the reader's language (the catalogs'
 * domains.validation.<code>: app/_lib/validation-text.ts).
 */
export const domainInputMessages = {
  domainRequired: 'Enter a domain, such as example.com.',
  domainTooLong: 'That is not a domain name: a domain has at most 253 characters.',
} as const;

export type DomainInputCode = keyof typeof domainInputMessages;

export const addDomainSchema = z.object({
  organizationId: id,
  domain: z
    .string()
    .trim()
    .min(1, domainInputMessages.domainRequired)
    .max(MAX_DOMAIN_INPUT, domainInputMessages.domainTooLong),
});

export const domainIdSchema = z.object({ organizationId: id, domainId: id });

export const joinPolicySchema = z.object({
  organizationId: id,
  domainId: id,
  policy: z.enum(joinPolicyValues, {
    message: `The join policy must be ${Object.values(joinPolicyLabels).join(', ')}.`,
  }),
});

/** A record of the development resolver: its name (checked as a DNS name by lib/domains) and its text. */
export const developmentRecordSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter the name of the record, such as _ai-hub-verification.acme.test.')
    .max(MAX_DOMAIN_INPUT),
  value: z
    .string()
    .trim()
    .min(1, 'Enter the value of the record.')
    .max(MAX_DEV_DNS_VALUE, `A value has at most ${MAX_DEV_DNS_VALUE.toLocaleString('en-US')} characters.`),
});

export const developmentRecordIdSchema = z.object({ id });
