import { ClientMessages } from '@/app/_lib/client-messages';

/** The users page and its dialogs: the page's browser components get its words. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['users', 'invite', 'outcomes']}>{children}</ClientMessages>;
}
