'use server';
// Server actions for verified domains (DESIGN §10, docs/rules.md): add a domain, verify it by its DNS
// TXT record, remove it, and set how people at it join. Each answers `{ ok: true, data } | { ok: false,
// error: { code, message, details? } }` (see ./result.ts). Owners only; Admins see the page.
import { addDomain, removeDomain, setJoinPolicy, verifyDomain } from '@/lib/domains/manage';
import { addDomainSchema, domainIdSchema, joinPolicySchema } from '@/lib/shared/domain-validation';
import { defineAction, type Revalidation } from './result';

const domainsPage: Revalidation = ['/admin/[org]/domains', 'page'];
// A domain that starts or stops counting changes who the users list marks External.
const usersPage: Revalidation = ['/admin/[org]/users', 'page'];

/**
 * Adds a domain, pending until its TXT record is found. Input: `{ organizationId, domain }`. Output: the
 * domain's view, with the record to publish. Refused: not a registrable domain, a public suffix, a consumer
 * mail domain, a domain another organization has verified, one already added, more than 20. Who: Owners.
 */
export const addDomainAction = defineAction({
  input: addDomainSchema,
  errors: [
    'NOT_FOUND',
    'FORBIDDEN',
    'DOMAIN_INVALID',
    'DOMAIN_PUBLIC_SUFFIX',
    'DOMAIN_CONSUMER',
    'DOMAIN_TAKEN',
    'DOMAIN_EXISTS',
    'DOMAIN_LIMIT',
  ],
  run: (actor, { organizationId, domain }) => addDomain(actor, organizationId, { domain }),
  revalidate: [domainsPage],
});

/**
 * Looks the domain's TXT record up on the server, now. Input: `{ organizationId, domainId }`. Output:
 * `{ domain, check }`: `check` is what the lookup found (`found`, `wrong_value`, `missing`, or
 * `unreachable`: no answer, which never verifies). Refused when another organization verified the domain
 * first, and past DOMAIN_VERIFICATIONS_PER_HOUR presses an hour (each sends DNS questions). Who: Owners.
 */
export const verifyDomainAction = defineAction({
  input: domainIdSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'DOMAIN_NOT_FOUND', 'DOMAIN_TAKEN', 'RATE_LIMITED'],
  run: (actor, { organizationId, domainId }) => verifyDomain(actor, organizationId, domainId),
  revalidate: [domainsPage, usersPage],
});

/**
 * Removes a domain: what it unlocked stops (the directory's take-over of accounts at it, its join
 * policy); no membership changes. Input: `{ organizationId, domainId }`. Who: Owners.
 */
export const removeDomainAction = defineAction({
  input: domainIdSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'DOMAIN_NOT_FOUND'],
  run: (actor, { organizationId, domainId }) => removeDomain(actor, organizationId, domainId),
  revalidate: [domainsPage, usersPage],
});

/**
 * Sets how people who sign in with an address at the domain join: `off`, `suggest` (they ask; an Owner or
 * Admin approves) or `automatic` (they join as Member, within seats). Input: `{ organizationId, domainId,
 * policy }`. Output: the domain's view. Who: Owners.
 */
export const setJoinPolicyAction = defineAction({
  input: joinPolicySchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'DOMAIN_NOT_FOUND'],
  run: (actor, { organizationId, domainId, policy }) =>
    setJoinPolicy(actor, organizationId, domainId, policy),
  revalidate: [domainsPage],
});
