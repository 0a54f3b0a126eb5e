import type { Locale } from './locales';

/**
 * On whose behalf a domain function runs: a signed-in person, or an organization's identity provider
 * over SCIM (lib/scim), which acts with an Admin's rights through the same functions and the same policy
 * (docs/rules.md rule 13). The two are told apart by `kind`, an own property every actor carries: a
 * property read off the prototype (a polluted `Object.prototype.directory`) can never make a person the
 * directory.
 */
export interface PersonActor {
  kind: 'person';
  userId: string;
  email: string;
  name?: string | null;
  /**
   * The language of the request the person acts through (their account's choice, else their browser's),
   * when known: the emails their change causes are written in it for a recipient who chose none.
   */
  locale?: Locale;
}

/** The directory of one organization, acting through one of its provisioning tokens. */
export interface DirectoryActor {
  kind: 'directory';
  organizationId: string;
  tokenId: string;
  /** What the audit log and the emails call it: "Directory (<token name>)". */
  tokenName: string;
}

export type Actor = PersonActor | DirectoryActor;

/** The role the directory acts with (docs/rules.md rule 13). */
export const DIRECTORY_ROLE = 'admin' as const;

export function person(user: { userId: string; email: string; name?: string | null }): PersonActor {
  return { kind: 'person', userId: user.userId, email: user.email, name: user.name ?? null };
}

export function directoryActor(token: {
  organizationId: string;
  tokenId: string;
  tokenName: string;
}): DirectoryActor {
  return {
    kind: 'directory',
    organizationId: token.organizationId,
    tokenId: token.tokenId,
    tokenName: token.tokenName,
  };
}

export function isDirectory(actor: Actor | null | undefined): actor is DirectoryActor {
  return actor?.kind === 'directory';
}

/** The account behind the actor, or null for the directory (which has none). */
export function accountOf(actor: Actor): string | null {
  return actor.kind === 'person' ? actor.userId : null;
}

/** How the actor is named to people: "Directory (Okta)", or the person's name, else their address. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'directory' ? `Directory (${actor.tokenName})` : actor.name?.trim() || actor.email;
}
