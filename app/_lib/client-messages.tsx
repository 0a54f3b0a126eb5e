// The words a page's browser components read: the catalog's namespaces the page names and those of every
// page (lib/i18n/messages.ts everyPage), never the whole catalog. They come from the catalogs bundled
// with the browser code (./page-messages.tsx), not from the page's HTML.
import type { Namespace } from '@/lib/i18n/messages';
import { PageMessages } from './page-messages';

export function ClientMessages({
  namespaces,
  children,
}: {
  /** Namespaces, or dotted paths to a group of messages another page's namespace holds. */
  namespaces: readonly (Namespace | `${Namespace}.${string}`)[];
  children: React.ReactNode;
}) {
  return <PageMessages paths={namespaces}>{children}</PageMessages>;
}
