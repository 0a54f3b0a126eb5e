// The words a page's browser components read, handed to them by the page (next-intl's provider, which
// takes the request's language, formats and time zone): the catalog's namespaces the page names and those
// of every page (lib/i18n/messages.ts everyPage), never the whole catalog, which would weigh more than a
// page of the users table.
import { NextIntlClientProvider } from 'next-intl';
import { getLocale } from 'next-intl/server';
import { catalogs, everyPage, pickMessages, type Namespace } from '@/lib/i18n/messages';

export async function ClientMessages({
  namespaces,
  children,
}: {
  /** Namespaces, or dotted paths to a group of messages another page's namespace holds. */
  namespaces: readonly (Namespace | `${Namespace}.${string}`)[];
  children: React.ReactNode;
}) {
  const locale = await getLocale();
  return (
    <NextIntlClientProvider messages={pickMessages(catalogs[locale], [...everyPage, ...namespaces])}>
      {children}
    </NextIntlClientProvider>
  );
}
