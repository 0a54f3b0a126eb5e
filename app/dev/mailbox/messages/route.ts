// GET /dev/mailbox/messages: every message the development mailbox holds, newest first, as JSON.
// 404 unless the mailbox transport is active and the request comes from this machine under the public
// URL's host (../../access.ts).
import { listMailboxMessages } from '@/lib/email/mailbox';
import { devPagesOpenTo } from '../../access';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  if (!devPagesOpenTo(request.headers)) return new Response('Not found', { status: 404 });
  const messages = await listMailboxMessages();
  return Response.json(
    messages.map(({ id, to, subject, text, html, sentAt }) => ({ id, to, subject, text, html, sentAt })),
    { headers: { 'cache-control': 'no-store' } },
  );
}
