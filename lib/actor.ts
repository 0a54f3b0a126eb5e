/**
 * On whose behalf a domain function runs: the signed-in person, or an organization's identity provider
 * over SCIM (lib/scim), which acts with an Admin's rights through the same functions and the same policy.
 */
export interface Actor {
  userId: string;
  email: string;
  name?: string | null;
  /** Set when the directory acts: the token the request came with (the audit log names it). */
  directory?: { tokenId: string; tokenName: string };
}

/**
 * The user id a directory acts under. No account has it (ids are random UUIDs); the access module reads
 * it as the Admin role in an organization whose provisioning is on, and in no other.
 */
export const DIRECTORY_USER_ID = '00000000-0000-0000-0000-000000000000';

/** The role the directory acts with (docs/rules.md rule 13). */
export const DIRECTORY_ROLE = 'admin' as const;

/** The actor for a request of `directory` (an authenticated SCIM token). */
export function directoryActor(directory: { tokenId: string; tokenName: string }): Actor {
  return {
    userId: DIRECTORY_USER_ID,
    email: '',
    name: `Directory (${directory.tokenName})`,
    directory,
  };
}
