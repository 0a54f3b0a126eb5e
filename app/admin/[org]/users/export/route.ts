// GET /admin/<org>/users/export?<the users page's query>: the list as the admin sees it (search, filters,
// sort; every page) as a CSV download, streamed piece by piece (lib/members/export.ts). Owners and Admins;
// the console's guard runs first, as for a page. Asked for from anywhere but the console's own origin
// (Sec-Fetch-Site other than same-origin or none; lib/http/fetch-metadata.ts), it is refused: a link
// elsewhere, even on a sibling site, must not make an admin's browser export and log an export.
import { exportUserList } from '@/lib/members';
import { chooseLocale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/translator';
import { LOCALE_COOKIE } from '@/lib/shared/locales';
import { now } from '@/lib/clock';
import { DomainError } from '@/lib/shared/errors';
import { startedFromThisOrigin } from '@/lib/http/fetch-metadata';
import { parseUserTableParams, tableQuery } from '@/lib/shared/user-table';
import { requireConsole } from '../../guard';

/**
 * The refusal in the browser's language: its cookie, else its Accept-Language. Read from the request
 * itself: the refusal comes before the session is read, and costs nothing more.
 */
function refusalText(request: Request): string {
  const cookie = request.headers
    .get('cookie')
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${LOCALE_COOKIE}=`))
    ?.slice(LOCALE_COOKIE.length + 1);
  const locale = chooseLocale({ cookie, acceptLanguage: request.headers.get('accept-language') });
  return translatorFor(locale, 'users')('exportRefused');
}

export async function GET(
  request: Request,
  { params }: { params: Promise<{ org: string }> },
): Promise<Response> {
  if (!startedFromThisOrigin(request.headers.get('sec-fetch-site')))
    return new Response(refusalText(request), { status: 403 });
  const { org } = await params;
  const { actor, organization } = await requireConsole(org, 'users');
  const url = new URL(request.url);
  // Own properties only (a parameter named __proto__ is just a name), a repeated one as a list, as the page reads them.
  const query = Object.fromEntries(
    [...new Set(url.searchParams.keys())].map((key) => {
      const values = url.searchParams.getAll(key);
      return [key, values.length === 1 ? values[0] : values];
    }),
  );
  const view = parseUserTableParams(query);
  let exported;
  try {
    exported = await exportUserList(actor, tableQuery(organization.id, view));
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND'))
      return new Response(error.message, { status: error.code === 'FORBIDDEN' ? 403 : 404 });
    throw error;
  }
  const { pieces } = exported;
  const encoder = new TextEncoder();
  // Pulled: the next chunk is read only when the client has taken the last one.
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
  const day = now().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${organization.slug}-users-${day}.csv"`,
      'Cache-Control': 'no-store',
      'X-Row-Count': String(exported.total),
    },
  });
}
