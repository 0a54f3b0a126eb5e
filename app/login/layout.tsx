import { ClientMessages } from '@/app/_lib/client-messages';

/** The sign-in pages: the page's browser components get its words. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['auth']}>{children}</ClientMessages>;
}
