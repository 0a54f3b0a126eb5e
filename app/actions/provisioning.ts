'use server';
// Server actions for provisioning over SCIM (docs/rules.md rule 13): turn it on or off, generate and
// delete tokens. Each answers `{ ok: true, data } | { ok: false, error: { code, message, details? } }`
// (see ./result.ts).
import { createScimToken, deleteScimToken, setProvisioning } from '@/lib/scim/tokens';
import { setGroupRole } from '@/lib/scim/groups/console';
import {
  deleteScimTokenSchema,
  groupRoleSchema,
  provisioningSchema,
  scimTokenSchema,
} from '@/lib/shared/validation';
import { defineAction } from './result';

/**
 * Turns provisioning on or off. Input: `{ organizationId, enabled }`. Output: `{ enabled }`. Off, every
 * token is refused (401) until it is on again. Who: Owners and Admins. Recorded in the activity log.
 */
export const setProvisioningAction = defineAction({
  input: provisioningSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  run: setProvisioning,
  revalidate: [['/admin/[org]/provisioning', 'page']],
});

/**
 * Generates a token. Input: `{ organizationId, name, replaces? }` (a name of 1 to 60 characters;
 * `replaces`: the id of a token to delete in the same transaction, as `Replace` does for a token whose
 * maker left). Output: `{ token, view }`: `token` is the secret, returned this once (only its hash is
 * kept). At most 2 per organization; each expires after SCIM_TOKEN_TTL_DAYS (365) and works only while
 * the person who made it is an active Owner or Admin of the organization. Who: Owners and Admins.
 */
export const createScimTokenAction = defineAction({
  input: scimTokenSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'SCIM_TOKEN_LIMIT'],
  run: createScimToken,
  revalidate: [['/admin/[org]/provisioning', 'page']],
});

/**
 * Deletes a token: the identity provider using it is refused from its next request. Input:
 * `{ organizationId, tokenId }`. Output: `{ deleted }`. Who: Owners and Admins.
 */
export const deleteScimTokenAction = defineAction({
  input: deleteScimTokenSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  run: deleteScimToken,
  revalidate: [['/admin/[org]/provisioning', 'page']],
});

/**
 * Maps a directory group to a role (DESIGN §12): its members get it, the highest of their mapped groups'
 * wins, and people who leave every mapped group go back to Member; Owners are never changed. Input:
 * `{ organizationId, groupId, role: 'admin' | 'member' | null }`. Output: `{ group, from, to, changed }`
 * (`changed`: how many roles changed). One transaction; audited under the person (group.role_mapped) and
 * each role change as the directory's. Who: Owners and Admins.
 */
export const setGroupRoleAction = defineAction({
  input: groupRoleSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'GROUP_NOT_FOUND'],
  run: setGroupRole,
  revalidate: [
    ['/admin/[org]/provisioning', 'page'],
    ['/admin/[org]/users', 'page'],
  ],
});
