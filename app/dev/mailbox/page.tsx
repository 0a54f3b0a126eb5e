import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { Inbox } from 'lucide-react';
import { Logo } from '@/components/brand/logo';
import { MAIN_ID } from '@/components/shared/main-id';
import { getMailboxMessage, listMailboxMessages } from '@/lib/email/mailbox';
import { formatPreciseTime } from '@/lib/shared/format';
import { cn } from '@/lib/shared/utils';
import { devPagesOpenTo } from '../access';

export const metadata: Metadata = { title: 'Development mailbox' };
export const dynamic = 'force-dynamic';

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ id?: string }> }) {
  if (!devPagesOpenTo(await headers())) notFound();
  const { id } = await searchParams;
  const messages = await listMailboxMessages();
  const selected = id && /^[0-9a-f-]{36}$/.test(id) ? await getMailboxMessage(id) : (messages[0] ?? null);

  return (
    <div className="flex min-h-svh flex-col">
      <header className="flex min-h-14 flex-wrap items-center gap-x-3 gap-y-1 border-b px-4 py-2">
        <Logo />
        <span className="text-sm text-muted-foreground">
          Development mailbox: every email the app sent. Not available in production.
        </span>
      </header>
      {/* min-w-0 on each column: a long subject or address is cut with an ellipsis, never widening the page. */}
      <main id={MAIN_ID} className="grid flex-1 grid-cols-1 outline-none md:grid-cols-[22rem_minmax(0,1fr)]">
        <nav aria-label="Messages" className="min-w-0 border-b md:border-r md:border-b-0">
          <h1 className="px-4 pt-4 pb-2 text-sm font-semibold">Inbox ({messages.length})</h1>
          {messages.length === 0 ? (
            <p className="flex items-center gap-2 px-4 py-6 text-sm text-muted-foreground">
              <Inbox className="size-4" aria-hidden="true" /> No messages yet.
            </p>
          ) : (
            <ul className="max-h-[40svh] overflow-y-auto md:max-h-[calc(100svh-7rem)]">
              {messages.map((message) => (
                <li key={message.id}>
                  <Link
                    href={`/dev/mailbox?id=${message.id}`}
                    aria-current={selected?.id === message.id ? 'true' : undefined}
                    className={cn(
                      'block border-b px-4 py-3 text-sm hover:bg-muted',
                      selected?.id === message.id && 'bg-muted',
                    )}
                  >
                    <div className="truncate font-medium">{message.subject}</div>
                    <div className="truncate text-muted-foreground">To {message.to}</div>
                    <div className="text-xs text-muted-foreground">{formatPreciseTime(message.sentAt)}</div>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </nav>
        <section aria-label="Message" className="flex min-w-0 flex-col">
          {selected ? (
            <>
              <div className="border-b p-4 text-sm">
                <h2 className="text-base font-semibold [overflow-wrap:anywhere]">{selected.subject}</h2>
                <div className="[overflow-wrap:anywhere] text-muted-foreground">
                  From {selected.from} · To {selected.to} · {formatPreciseTime(selected.sentAt)}
                </div>
              </div>
              <iframe
                title={`Email: ${selected.subject}`}
                srcDoc={selected.html}
                sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
                className="min-h-[36rem] w-full flex-1 bg-white"
              />
            </>
          ) : (
            <p className="p-6 text-sm text-muted-foreground">Select a message.</p>
          )}
        </section>
      </main>
    </div>
  );
}
