// The address at the other end of each request's connection, for the routes that must know whether the
// client is on this machine (the development mailbox, lib/email/mailbox-access.ts).
//
// Next gives pages and route handlers no socket. The X-Forwarded-For it fills in from the socket is
// filled only when the client sent none (`req.headers['x-forwarded-for'] ??= socket.remoteAddress` in
// Next 16's base server), so a client that sends `X-Forwarded-For: 127.0.0.1` itself is believed: the
// header proves nothing on a directly exposed server. Node announces every request it has parsed on the
// diagnostics channel `http.server.request.start`, with its socket, before any listener (Next) sees it;
// the recorder stamps the socket's address on the request under PEER_ADDRESS_HEADER, replacing whatever
// a client sent under that name. instrumentation.ts installs it in every server process.
import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** The request header the recorder writes; a client's own value under this name is overwritten. */
export const PEER_ADDRESS_HEADER = 'x-aihub-peer-address';

// Marks the process, not a module: Next bundles instrumentation.ts apart from the routes that read it.
const RECORDING = Symbol.for('aihub.peer-address-recorder');
const processState = globalThis as typeof globalThis & { [RECORDING]?: true };

function stamp(message: unknown) {
  const { request, socket } = message as { request: IncomingMessage; socket: Socket };
  request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? '';
}

/** Stamps every request this process serves from now on with its connection's address (idempotent). */
export function recordPeerAddresses(): void {
  if (processState[RECORDING]) return;
  diagnostics.subscribe('http.server.request.start', stamp);
  processState[RECORDING] = true;
}

/**
 * The connection's address from the stamped header, or null when it is unknown: empty, or this process
 * does not record addresses (then the header, if any, came from the client and is worth nothing).
 */
export function peerAddress(stamped: string | null): string | null {
  if (!processState[RECORDING]) return null;
  return stamped || null;
}
