// How an email names the person who made a change: their name, or only their address when the name is
// empty or is the address itself.

export interface Person {
  name: string;
  email: string;
}

/** "Maya Chen", or "maya@acme.com" when there is no other name. */
export function displayName({ name, email }: Person): string {
  const trimmed = name.trim();
  return trimmed === '' || trimmed === email.trim() ? email.trim() : trimmed;
}

/** "Maya Chen (maya@acme.com)", or only the address when there is no other name. */
export function nameWithEmail(person: Person): string {
  const display = displayName(person);
  const email = person.email.trim();
  return display === email ? email : `${display} (${email})`;
}
