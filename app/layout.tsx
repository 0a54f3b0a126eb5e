import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { GeistMono } from 'geist/font/mono';
import { GeistSans } from 'geist/font/sans';
import { HydrationMarker } from '@/components/shared/hydration-marker';
import { SkipLink } from '@/components/shared/skip-link';
import { Toaster } from '@/components/ui/sonner';
import { PageMessages } from '@/app/_lib/page-messages';
import { formatsFor, TIME_ZONE } from '@/lib/i18n/messages';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('console.metadata');
  // The brand is the same in every language.
  return { title: { default: 'AI Hub', template: '%s · AI Hub' }, description: t('description') };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The request's language (app/_lib/i18n-request.ts). The words of every page come with the browser
  // code, not in the HTML (app/_lib/page-messages.tsx); each page adds its own (client-messages.tsx).
  const locale = await getLocale();
  return (
    <html lang={locale} className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-svh bg-background font-sans text-foreground antialiased">
        <NextIntlClientProvider
          locale={locale}
          messages={{}}
          formats={formatsFor(locale)}
          timeZone={TIME_ZONE}
        >
          <PageMessages paths={[]}>
            <SkipLink />
            {children}
            <Toaster />
            <HydrationMarker />
          </PageMessages>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
