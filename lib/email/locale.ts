// The language a queued email is written in (README: Languages): its recipient's, when their account chose one;
// else that of whoever caused it — their account's choice, else the language of the request they acted
// through, which the message's facts keep (`locale`) — else English (the daily checks, which nobody caused).
// Read when the email is rendered, not when it is queued, so that a choice made meanwhile counts.
import 'server-only';
import { accountLocales } from '../auth/locale';
import type { MemberRole } from '@/db/values';
import { defaultLocale, isLocale, type Locale } from '../i18n/locales';
import { formatterFor, translatorFor } from '../i18n/translator';

/** The account choices of a fetch's addresses, by lower-cased address. */
export type AccountChoices = ReadonlyMap<string, Locale>;

interface Addressed {
  recipient: string;
  payload: Record<string, unknown>;
}

/** The address of whoever caused a message (the inviter, the person who made a change), if its facts name one. */
function senderOf(payload: Record<string, unknown>): string | null {
  const address = payload.inviterEmail ?? payload.actorEmail;
  return typeof address === 'string' && address.trim() !== '' ? address.trim().toLowerCase() : null;
}

/** The languages the recipients and senders of `messages` chose on their accounts, in one read. */
export async function accountChoicesOf(messages: readonly Addressed[]): Promise<AccountChoices> {
  const addresses = new Set<string>();
  for (const message of messages) {
    addresses.add(message.recipient.trim().toLowerCase());
    const sender = senderOf(message.payload);
    if (sender) addresses.add(sender);
  }
  return accountLocales([...addresses]);
}

/** The language of `message`, given the account choices of its addresses. */
export function messageLocale(message: Addressed, choices: AccountChoices): Locale {
  const recipient = choices.get(message.recipient.trim().toLowerCase());
  if (recipient) return recipient;
  const sender = senderOf(message.payload);
  const senderChoice = sender ? choices.get(sender) : undefined;
  if (senderChoice) return senderChoice;
  return isLocale(message.payload.locale) ? message.payload.locale : defaultLocale;
}

/** The language of the request a person acted through, for the facts of the emails it queues (absent: none known). */
export function senderLocale(actor: { kind: string; locale?: Locale }): { locale?: Locale } {
  return actor.kind === 'person' && isLocale(actor.locale) ? { locale: actor.locale } : {};
}

/** A role's name in `locale` ("Admin", "관리자", "管理者"). */
export function roleName(role: MemberRole, locale: Locale): string {
  return translatorFor(locale, 'common')(`roles.${role}`);
}

/** What a role lets a person do in `locale`, to follow "you can". */
export function roleSummary(role: MemberRole, locale: Locale): string {
  return translatorFor(locale, 'emails')(`roleSummaries.${role}`);
}

/** A moment as the console writes it, in `locale`: "Dec 14, 2026, 4:17 AM UTC". */
export function momentIn(iso: string, locale: Locale): string {
  const time = formatterFor(locale).dateTime(new Date(iso), 'dateTime');
  return translatorFor(locale, 'common')('utc', { time });
}
