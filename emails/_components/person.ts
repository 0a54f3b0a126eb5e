// How an email names whoever made a change: a person, by their name and address, or the organization's
// identity provider (the directory, over SCIM), which has neither an account nor an address. Korean and
// Japanese add an honorific to a person's name, never to the directory: the catalogs say how.
import type { EmailTranslator } from './i18n';

export interface Person {
  name: string;
  email: string;
  /** The change was the directory's: `name` is its provisioning token's name ("Okta"). */
  directory?: boolean;
}

/** "Maya Chen", or "maya@acme.com" when there is no other name. */
export function displayName({ name, email }: Person): string {
  const trimmed = name.trim();
  return trimmed === '' || trimmed === email.trim() ? email.trim() : trimmed;
}

/** A person's display name as a sentence names them ("Maya Chen"; "Maya Chen 님"; "Maya Chen 様"). */
export function personName(person: Person, t: EmailTranslator): string {
  return t('person.name', { name: displayName(person) });
}

/**
 * The subject of "… changed your role": "Maya Chen (maya@acme.com)", only the address when there is no
 * other name, only the name when there is no address, and for the directory "Your organization's
 * identity provider (Okta)".
 */
export function nameWithEmail(person: Person, t: EmailTranslator): string {
  if (person.directory === true) {
    const name = person.name.trim();
    return name ? t('person.directoryNamed', { name }) : t('person.directory');
  }
  const display = displayName(person);
  const email = person.email.trim();
  return display === email || email === ''
    ? t('person.name', { name: display })
    : t('person.withEmail', { name: display, email });
}

/** Whom to ask about the change: "Maya Chen or another Owner of Acme", or for the directory "your IT team or an Owner of Acme". */
export function whomToAsk(person: Person, organizationName: string, t: EmailTranslator): string {
  if (person.directory === true) return t('person.askDirectory', { organization: organizationName });
  return t('person.askPerson', { name: displayName(person), organization: organizationName });
}
