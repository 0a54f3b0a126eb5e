import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { ChevronLeft } from 'lucide-react';
import { Logo } from '@/components/brand/logo';
import { PublishRecordForm } from '@/components/dev-dns/publish-record-form';
import { RecordsList } from '@/components/dev-dns/records-list';
import { MAIN_ID } from '@/components/shared/main-id';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { listDevelopmentRecords } from '@/lib/domains/development-records';
import { MAX_DEV_DNS_VALUE, MAX_DOMAIN_LENGTH, MAX_SLUG_INPUT } from '@/lib/shared/limits';
import { developmentDnsOpenTo } from '../access';

export const metadata: Metadata = { title: 'Development DNS' };
export const dynamic = 'force-dynamic';

/** The Domains page that sent the person here, to go back to: a console path and nothing else. */
function backPath(back: unknown): string | null {
  return typeof back === 'string' &&
    back.length <= MAX_SLUG_INPUT + 20 &&
    /^\/admin\/[a-z0-9-]+\/domains$/.test(back)
    ? back
    : null;
}

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');

/**
 * The development DNS (only where the mailbox opens, and while DNS_SERVERS=development: ../access.ts):
 * the TXT records the development resolver answers. The Domains page links here with its record filled in.
 */
export default async function DevelopmentDnsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!developmentDnsOpenTo(await headers())) notFound();
  const params = await searchParams;
  const back = backPath(params.back);
  const records = await listDevelopmentRecords();
  return (
    <div className="flex min-h-svh flex-col bg-muted/40">
      <header className="flex min-h-14 flex-wrap items-center gap-x-3 gap-y-1 border-b bg-background px-4 py-2">
        <Logo />
        <span className="text-sm text-muted-foreground">
          Development DNS: what this machine answers for domain checks. Not available in production.
        </span>
      </header>
      <main
        id={MAIN_ID}
        className="mx-auto grid w-full max-w-3xl content-start gap-6 p-4 outline-none md:p-6"
      >
        {back ? (
          <Link
            href={back}
            className="flex w-fit items-center gap-1 rounded-sm text-sm font-medium text-primary underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
          >
            <ChevronLeft className="size-4" aria-hidden="true" />
            Back to Domains
          </Link>
        ) : null}
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">Development DNS</h1>
          <p className="text-sm text-muted-foreground">
            The app looks domains up with the development resolver (DNS_SERVERS=development), which answers
            the TXT records published here, through the same code as a real lookup. Publish the record the
            Domains page shows, then Verify it there.
          </p>
        </div>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Publish a TXT record</h2>
            </CardTitle>
            <CardDescription>A name may have several records; each is answered.</CardDescription>
          </CardHeader>
          <CardContent>
            <PublishRecordForm
              initialName={text(params.name, MAX_DOMAIN_LENGTH + 1)}
              initialValue={text(params.value, MAX_DEV_DNS_VALUE)}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Records ({records.length})</h2>
            </CardTitle>
            <CardDescription>
              Deleting one makes the next check miss it, as at a real DNS provider.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <RecordsList
              records={records.map((record) => ({
                id: record.id,
                name: record.name,
                value: record.value,
                createdAt: record.createdAt.toISOString(),
              }))}
            />
          </CardContent>
        </Card>
      </main>
    </div>
  );
}
