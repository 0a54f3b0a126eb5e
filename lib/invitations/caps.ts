// The sending caps of docs/rules.md rule 12, counted in the database so that they hold across app
// servers: per organization per hour, per inviting account per day and per address per day (the last
// two across every organization). The cooldown on one pending invitation is read with the invitation
// (send.ts).
import 'server-only';
import type { Transaction } from '@/db/client';
import { invitationSettings, type InvitationSettings } from '../config';
import { errorMessages, type ErrorCode } from '../shared/errors';
import { hit, hitEach, lockBuckets, usedInWindow } from '../rate-limit';
import type { InviteResult } from '../shared/invite-outcomes';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Who is sending: the organization and the inviting account, each with a cap of its own. */
export interface Sender {
  organizationId: string;
  accountId: string;
}

const organizationKey = (sender: Sender) => `invitations:${sender.organizationId}`;
const accountKey = (sender: Sender) => `invitations-by:${sender.accountId}`;
/** The bucket of the emails `email` receives a day: invitations, and the directory's notices (lib/members/directory-notices.ts). */
export const receivedKey = (email: string) => `invitations-to:${email}`;

/** What is left of each cap in the current windows. */
interface Room {
  organization: number;
  account: number;
  /** Invitations each address has received today, by bucket key. */
  received: Map<string, number>;
}

/**
 * Splits `candidates` into those within every cap and those refused (`rate_limited`, with `code`
 * saying which cap). In input order: each address taken uses one of the organization's and one of the
 * account's room, so the first ones typed go out.
 */
export async function applyCaps<T extends { email: string }>(
  tx: Transaction,
  sender: Sender,
  candidates: readonly T[],
  at: Date,
): Promise<{ allowed: T[]; refused: InviteResult[] }> {
  const allowed: T[] = [];
  const refused: InviteResult[] = [];
  if (candidates.length === 0) return { allowed, refused };
  const limits = invitationSettings();
  const room = await readRoom(tx, sender, candidates, at, limits);
  for (const candidate of candidates) {
    const refusal = refusalOf(room, limits, candidate.email);
    if (refusal) {
      refused.push({ email: candidate.email, outcome: 'rate_limited', ...refusal });
      continue;
    }
    allowed.push(candidate);
    room.organization -= 1;
    room.account -= 1;
  }
  return { allowed, refused };
}

/**
 * Reads the room left under each cap. The organization's hourly cap is safe under the organization's
 * lock, which the caller holds. The account's and the addresses' daily caps are shared with other
 * organizations, whose invitations do not take this lock: their buckets are locked here until the
 * commit (always the account first, then the addresses in sorted order, so two invitations cannot
 * deadlock).
 */
async function readRoom(
  tx: Transaction,
  sender: Sender,
  candidates: readonly { email: string }[],
  at: Date,
  limits: InvitationSettings,
): Promise<Room> {
  const organization =
    limits.perOrganizationPerHour - (await usedInWindow(tx, organizationKey(sender), at, HOUR));
  const account =
    limits.perAccountPerDay -
    ((await lockBuckets(tx, [accountKey(sender)], at, DAY)).get(accountKey(sender)) ?? 0);
  const received = await lockBuckets(
    tx,
    candidates.map((candidate) => receivedKey(candidate.email)),
    at,
    DAY,
  );
  return { organization, account, received };
}

/** Why `email` may not be sent to now, or null. The address's own cap is named first. */
function refusalOf(
  room: Room,
  limits: InvitationSettings,
  email: string,
): { code: ErrorCode; reason: string; limit?: number } | null {
  if ((room.received.get(receivedKey(email)) ?? 0) >= limits.perAddressPerDay) {
    return { code: 'INVITATION_ADDRESS_LIMIT', reason: errorMessages.INVITATION_ADDRESS_LIMIT };
  }
  if (room.organization <= 0) {
    return {
      code: 'RATE_LIMITED',
      reason: `Your organization can send ${limits.perOrganizationPerHour} invitations an hour. Try again later.`,
      limit: limits.perOrganizationPerHour,
    };
  }
  if (room.account <= 0)
    return { code: 'INVITATION_ACCOUNT_LIMIT', reason: errorMessages.INVITATION_ACCOUNT_LIMIT };
  return null;
}

/** Counts the invitations just written against every cap, in the transaction that wrote them. */
export async function countSent(
  tx: Transaction,
  sender: Sender,
  sent: readonly { email: string }[],
  at: Date,
): Promise<void> {
  if (sent.length === 0) return;
  await hit(tx, organizationKey(sender), at, HOUR, sent.length);
  await hit(tx, accountKey(sender), at, DAY, sent.length);
  await hitEach(
    tx,
    sent.map((item) => receivedKey(item.email)),
    at,
    DAY,
  );
}
