// readCappedText (lib/http/body.ts): the one capped body reader (finding 5 of issue 12, SECURITY.md).
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readCappedText } from '@/lib/http/body';

const KB = 1024;

/** A body of `count` chunks of `size` bytes, made only when read: `pulled` bytes were, and whether it was `cancelled`. */
function countedBody(count: number, size: number) {
  const state = { pulled: 0, cancelled: false };
  let made = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      cancel() {
        state.cancelled = true;
      },
      pull(controller) {
        if (made === count) return controller.close();
        made += 1;
        state.pulled += size;
        controller.enqueue(new Uint8Array(size).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

function post(body: BodyInit | null, headers: Record<string, string> = {}) {
  return new Request('http://127.0.0.1/hook', {
    method: 'POST',
    body,
    headers,
    duplex: 'half',
  } as RequestInit);
}

async function refusal(promise: Promise<unknown>): Promise<BodyTooLargeError> {
  const error = await promise.then(
    () => expect.fail('the body was accepted'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BodyTooLargeError);
  return error as BodyTooLargeError;
}

describe('readCappedText', () => {
  it('reads a body under the cap whole, a character split across chunks included', async () => {
    const bytes = new TextEncoder().encode('{"name":"Zoë — ✓"}');
    const split = bytes.indexOf(0xc3) + 1; // inside ë's two bytes
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, split));
        controller.enqueue(bytes.slice(split));
        controller.close();
      },
    });
    expect(await readCappedText(post(stream), KB)).toBe('{"name":"Zoë — ✓"}');
    expect(await readCappedText(post(null), KB)).toBe('');
  });

  it('takes a body of exactly the cap and refuses one byte more', async () => {
    expect(await readCappedText(post('a'.repeat(KB)), KB)).toHaveLength(KB);
    await refusal(readCappedText(post('a'.repeat(KB + 1)), KB));
  });

  it('counts bytes, not characters: 200 three-byte characters (600 bytes) are over a 500-byte cap', async () => {
    await refusal(readCappedText(post('✓'.repeat(200)), 500));
  });

  it('refuses a declared Content-Length over the cap without reading a byte', async () => {
    const { stream, state } = countedBody(100, KB);
    await refusal(readCappedText(post(stream, { 'content-length': String(100 * KB) }), 4 * KB));
    expect(state.pulled).toBe(0);
  });

  it('stops reading a chunked body (no Content-Length) at the cap, 64 KB read of 64 MB, and lets the rest go', async () => {
    const { stream, state } = countedBody(1024, 64 * KB);
    const error = await refusal(readCappedText(post(stream), 32 * KB));
    expect(state.pulled).toBeLessThanOrEqual(64 * KB);
    expect(state.cancelled).toBe(true);
    expect(error).toMatchObject({ status: 413, maxBytes: 32 * KB, headers: { Connection: 'close' } });
  });
});
