// How an email names whoever made a change: a person, by their name and address, or the organization's
// identity provider (the directory, over SCIM), which has neither an account nor an address.

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

/**
 * The subject of "… changed your role": "Maya Chen (maya@acme.com)", only the address when there is no
 * other name, only the name when there is no address, and for the directory "Your organization's
 * identity provider (Okta)".
 */
export function nameWithEmail(person: Person): string {
  if (person.directory === true)
    return `Your organization's identity provider${person.name.trim() ? ` (${person.name.trim()})` : ''}`;
  const display = displayName(person);
  const email = person.email.trim();
  return display === email || email === '' ? display : `${display} (${email})`;
}

/** Whom to ask about the change: "Maya Chen or another Owner of Acme", or for the directory "your IT team or an Owner of Acme". */
export function whomToAsk(person: Person, organizationName: string): string {
  if (person.directory === true) return `your IT team or an Owner of ${organizationName}`;
  return `${displayName(person)} or another Owner of ${organizationName}`;
}
