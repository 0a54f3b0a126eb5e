// The development mailbox transport: keeps each message in the database for /dev/mailbox.
import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { mailboxMessages } from '@/db/schema';
import { MAILBOX_MESSAGES_SHOWN } from '@/lib/shared/limits';
import type { DeliveryResult, EmailMessage } from './index';

export async function sendWithMailbox(messages: EmailMessage[], from: string): Promise<DeliveryResult[]> {
  const db = await getDb();
  const rows = await db
    .insert(mailboxMessages)
    .values(
      messages.map((message) => ({
        from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        tags: message.tags ?? {},
      })),
    )
    .returning({ id: mailboxMessages.id });
  return rows.map((row) => ({ ok: true as const, id: row.id }));
}

/** Newest first. */
export async function listMailboxMessages(limit = MAILBOX_MESSAGES_SHOWN) {
  const db = await getDb();
  return db
    .select()
    .from(mailboxMessages)
    .orderBy(desc(mailboxMessages.sentAt), desc(mailboxMessages.id))
    .limit(limit);
}

export async function getMailboxMessage(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(mailboxMessages).where(eq(mailboxMessages.id, id));
  return row ?? null;
}
