// The one gate of the development pages (/dev/mailbox, /dev/mailbox/messages, /dev/emails, /dev/dns): the mailbox
// transport is on, and the request comes from this machine under the public URL's host
// (lib/email/mailbox-access.ts). Anything else gets the same 404 as when the mailbox is off.
import 'server-only';
import { isDevelopmentResolverActive, isMailboxActive, publicUrl } from '@/lib/config';
import { mailboxAllows } from '@/lib/email/mailbox-access';
import { PEER_ADDRESS_HEADER, peerAddress } from '@/lib/http/peer-address';

export function devPagesOpenTo(headers: { get(name: string): string | null }): boolean {
  if (!isMailboxActive()) return false;
  let url: string;
  try {
    url = publicUrl();
  } catch {
    return false;
  }
  return mailboxAllows({
    host: headers.get('host'),
    remoteAddress: peerAddress(headers.get(PEER_ADDRESS_HEADER)),
    publicUrl: url,
  });
}

/**
 * The development DNS page (/dev/dns) and its actions: open as the mailbox is, and only while the app
 * looks domains up with the development resolver (DNS_SERVERS=development, the default of `npm run dev`),
 * the one that answers the records published there. Anything else gets the same 404.
 */
export function developmentDnsOpenTo(headers: { get(name: string): string | null }): boolean {
  return isDevelopmentResolverActive() && devPagesOpenTo(headers);
}
