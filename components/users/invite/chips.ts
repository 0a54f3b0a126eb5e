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
