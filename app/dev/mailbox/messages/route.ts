// GET /dev/mailbox/messages: every message the development mailbox holds, newest first, as JSON.
// 404 unless the mailbox transport is active.
import { isMailboxActive } from '@/lib/config';
import { listMailboxMessages } from '@/lib/email/mailbox';

export const dynamic = 'force-dynamic';

export async function GET() {
  if (!isMailboxActive()) return new Response('Not found', { status: 404 });
  const messages = await listMailboxMessages();
  return Response.json(
    messages.map(({ id, to, subject, text, html, sentAt }) => ({ id, to, subject, text, html, sentAt })),
    { headers: { 'cache-control': 'no-store' } },
  );
}
