import type { Metadata } from 'next';
import { GeistMono } from 'geist/font/mono';
import { GeistSans } from 'geist/font/sans';
import { HydrationMarker } from '@/components/shared/hydration-marker';
import { SkipLink } from '@/components/shared/skip-link';
import { Toaster } from '@/components/ui/sonner';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'AI Hub', template: '%s · AI Hub' },
  description: 'AI Hub admin console',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-svh bg-background font-sans text-foreground antialiased">
        <SkipLink />
        {children}
        <Toaster />
        <HydrationMarker />
      </body>
    </html>
  );
}
