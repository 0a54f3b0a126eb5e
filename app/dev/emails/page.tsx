import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { Logo } from '@/components/brand/logo';
import { MAIN_ID } from '@/components/shared/main-id';
import { renderPreviews } from '@/emails/render';
import { devPagesOpenTo } from '../access';

export const metadata: Metadata = { title: 'Email templates' };
export const dynamic = 'force-dynamic';

/** Development preview of every email template with its sample data (only where the mailbox opens: ../access.ts). */
export default async function EmailPreviewsPage() {
  if (!devPagesOpenTo(await headers())) notFound();
  const previews = await renderPreviews();
  return (
    <div className="min-h-svh bg-muted/40">
      <header className="flex h-14 items-center gap-3 border-b bg-background px-4">
        <Logo />
        <span className="text-sm text-muted-foreground">
          Email templates, rendered with their preview data
        </span>
      </header>
      <main id={MAIN_ID} className="grid gap-6 p-6 outline-none lg:grid-cols-2">
        <h1 className="sr-only">Email templates</h1>
        {previews.map(({ name, email }) => (
          <section key={name} aria-labelledby={`template-${name}`} className="grid gap-2">
            <h2 id={`template-${name}`} className="text-sm font-semibold">
              {name} · <span className="font-normal text-muted-foreground">{email.subject}</span>
            </h2>
            <iframe
              title={`${name} email`}
              srcDoc={email.html}
              sandbox=""
              className="h-[40rem] w-full rounded-lg border bg-white"
            />
            <details className="rounded-lg border bg-background p-3 text-sm">
              <summary className="cursor-pointer font-medium">Plain text</summary>
              <pre className="mt-2 font-mono text-xs whitespace-pre-wrap">{email.text}</pre>
            </details>
          </section>
        ))}
      </main>
    </div>
  );
}
