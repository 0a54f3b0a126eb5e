import { ClientMessages } from '@/app/_lib/client-messages';

/** The settings page: the page's browser components get its words. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['settings', 'notices', 'home.leave']}>{children}</ClientMessages>;
}
