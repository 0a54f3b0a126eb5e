// Who may open the development mailbox (/dev/mailbox, its messages, /dev/emails): a client on this
// machine that names the public URL's host. Pure: the routes pass the request's Host and the
// connection's address (lib/http/peer-address.ts).
//
// A loopback public URL does not make `next start` listen on loopback only, so without the address
// anyone who can reach the port could read every sign-in link; and a page on attacker.example, whose
// name the attacker points at 127.0.0.1 after it has loaded (DNS rebinding), runs in a browser on this
// machine, so the address alone would let it read them: its requests name attacker.example as Host.
// Finding 6 of issue 12, SECURITY.md.
import { isOnPublicUrl } from '../config/deployment.mjs';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (how a server listening on `::` sees IPv4 clients). */
export function isLoopbackAddress(address: string): boolean {
  if (address === '::1') return true;
  const ipv4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  const octets = ipv4.split('.');
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)
  );
}

/** A Host header's shape: a name or IPv4 address, or a bracketed IPv6 address, and an optional port. */
const HOST_HEADER = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * Whether the development mailbox may answer: the connection comes from this machine, and the Host
 * names the public URL (scheme aside; with a loopback public URL any loopback spelling on its port
 * counts, as `isOnPublicUrl` has it, since Next itself writes such links on `localhost`).
 */
export function mailboxAllows(request: {
  host: string | null;
  remoteAddress: string | null;
  publicUrl: string;
}): boolean {
  const { host, remoteAddress, publicUrl } = request;
  if (!remoteAddress || !isLoopbackAddress(remoteAddress)) return false;
  if (!host || !HOST_HEADER.test(host)) return false;
  const { protocol } = new URL(publicUrl);
  let named: URL;
  try {
    named = new URL(`${protocol}//${host}`);
  } catch {
    return false;
  }
  return isOnPublicUrl(named.origin, publicUrl);
}
