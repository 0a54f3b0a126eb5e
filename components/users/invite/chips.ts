// The invite dialog's addresses as chips, and how typed or pasted text becomes more of them. Pure, so
// that the dialog can count an address still being typed exactly as the input would turn it into a chip.
import type { InvitationRole } from '@/db/values';
import { isValidEmail, splitAddresses } from '@/lib/shared/email-address';

export interface Chip {
  email: string;
  valid: boolean;
  /** From an uploaded CSV row that names a role; otherwise the role chosen in the form applies. */
  role?: InvitationRole;
  /** Added by an uploaded CSV file (removing the file removes these). */
  fromFile?: boolean;
}

/** `chips` with the addresses in `raw` after them: repeats collapse, at most `max` in all. */
export function withAddresses(chips: readonly Chip[], raw: string, max: number): Chip[] {
  const next = [...chips];
  for (const email of splitAddresses(raw)) {
    if (next.length >= max) break;
    if (next.some((chip) => chip.email === email)) continue;
    next.push({ email, valid: isValidEmail(email) });
  }
  return next;
}

/** The typed chips, then a file's ready rows (with their roles) in place of an earlier file's. */
export function withFileRows(
  chips: readonly Chip[],
  rows: readonly { email: string; role?: InvitationRole | null; problem?: unknown }[],
): Chip[] {
  const typed = chips.filter((chip) => !chip.fromFile);
  const taken = new Set(typed.map((chip) => chip.email));
  const fromFile = rows
    .filter((row) => !row.problem && !taken.has(row.email))
    .map((row): Chip => ({
      email: row.email,
      valid: true,
      fromFile: true,
      ...(row.role ? { role: row.role } : {}),
    }));
  return [...typed, ...fromFile];
}
