// Reading a request body with a cap, for every route that reads one itself (the delivery webhook and the
// SCIM service). `request.text()` and `request.json()` buffer whatever arrives:
// a chunked body carries no Content-Length to refuse up front, so a client could make the server hold
// any number of megabytes before the route looked at a byte (finding 5 of issue 12, SECURITY.md).

/** The body passed its cap: answer 413 with `headers`. Nothing past the cap was read. */
export class BodyTooLargeError extends Error {
  readonly status = 413;
  /**
   * The rest of the body is still on its way and nobody will read it. Kept open, the connection would
   * stall with it unread until the client gave up (seen under `next start`: not one more byte taken in
   * the 1.5 s after the 413); closed once the answer is out, the client learns at once.
   */
  readonly headers = { Connection: 'close' } as const;

  constructor(readonly maxBytes: number) {
    super(`The body is larger than ${maxBytes} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * The body of `request` as UTF-8 text, read no further than `maxBytes` bytes. A declared Content-Length
 * over the cap is refused before anything is read; a body without one (Transfer-Encoding: chunked) is
 * read chunk by chunk and refused as soon as it passes the cap, so at most `maxBytes` plus one chunk is
 * ever held. Throws BodyTooLargeError; an invalid UTF-8 sequence becomes U+FFFD, as in `request.text()`.
 */
export async function readCappedText(request: Request, maxBytes: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      size += value.byteLength;
      if (size > maxBytes) {
        // Let the source go: nothing more will be read (the connection closes after the 413).
        void reader.cancel().catch(() => undefined);
        throw new BodyTooLargeError(maxBytes);
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
}
