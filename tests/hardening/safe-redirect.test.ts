// Where /login and the sign-in and sign-out actions send people afterwards (lib/shared/safe-redirect.ts). The
// answer becomes a Location header or a client-side navigation, so it must be a path that neither a
// browser nor Next's router can read as another host: one '/', then anything but '/' or '\'.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from '@/lib/shared/safe-redirect';

const SITE = 'https://app.example';

/** The shape every answer must have, and the origin a browser resolving it against the site lands on. */
function expectOnSite(input: string, output: string) {
  expect(output, `${JSON.stringify(input)} -> ${JSON.stringify(output)}`).toMatch(/^\/(?:$|[^/\\])/);
  expect(new URL(output, SITE).origin, `${JSON.stringify(input)} -> ${JSON.stringify(output)}`).toBe(SITE);
}

describe('safeCallbackPath', () => {
  it.each([
    '/.//evil.example',
    '/..//evil.example',
    '/%2e//evil.example',
    '/%2E//evil.example',
    '/%2e%2e//evil.example',
    '/a/..//evil.example',
    '/./\\evil.example',
    '/.\\/evil.example',
    '/\t.//evil.example',
    '/./\n/evil.example',
    '/.///\\\\evil.example/path?x=1#y',
  ])('a dot segment in front of a double slash (%j) cannot make the path name another host', (input) => {
    const output = safeCallbackPath(input);
    expectOnSite(input, output);
    expect(output.startsWith('/evil.example')).toBe(true);
  });

  it.each([
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    'https://evil.example',
    'evil.example',
    '',
    'javascript:alert(1)',
  ])('anything that is not a path on this site (%j) falls back to /', (input) => {
    expect(safeCallbackPath(input)).toBe('/');
  });

  it('keeps an ordinary path with its query and fragment as it is', () => {
    expect(safeCallbackPath('/admin/acme/users?page=2&q=a%20b#top')).toBe(
      '/admin/acme/users?page=2&q=a%20b#top',
    );
    expect(safeCallbackPath('/invite/abc_DEF-123')).toBe('/invite/abc_DEF-123');
    expect(safeCallbackPath(null)).toBe('/');
    expect(safeCallbackPath(undefined)).toBe('/');
  });

  it('property: whatever path it is given, the answer is one "/" then no "/" or "\\", and stays on the site', () => {
    const piece = fc.constantFrom(
      '',
      '.',
      '..',
      '%2e',
      '%2E',
      '%2e%2e',
      '\\',
      '/',
      '//',
      '\t',
      '\n',
      '\r',
      'evil.example',
      '@',
      ':',
      '%2f',
      '%5c',
      '?',
      '#',
      'a',
    );
    const pathArb = fc.array(piece, { maxLength: 12 }).map((pieces) => `/${pieces.join('')}`);
    const joinedArb = fc.array(piece, { maxLength: 8 }).map((pieces) => `/${pieces.join('/')}`);
    fc.assert(
      fc.property(
        fc.oneof(
          pathArb,
          joinedArb,
          fc.string(),
          fc.string().map((s) => `/${s}`),
        ),
        (input) => {
          expectOnSite(input, safeCallbackPath(input));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('property: its answer is already safe (asking again gives the same path)', () => {
    const piece = fc.constantFrom('', '.', '..', '%2e', '\\', '/', '\t', 'evil.example', '@', ':', 'a');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const once = safeCallbackPath(`/${pieces.join('')}`);
        expect(safeCallbackPath(once)).toBe(once);
      }),
      { numRuns: 2_000 },
    );
  });
});
