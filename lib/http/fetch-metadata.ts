// Where a request came from, as the browser says in its Sec-Fetch-Site header. Pure: the route passes
// the header's value.

/**
 * Whether a GET with an effect (the CSV export writes an audit event) may run: only for a request the
 * browser marks `same-origin` (the console's own page or link) or `none` (the address typed, a
 * bookmark). `same-site` is refused too: a sibling host under the same registrable domain is another
 * application, and its links carry the session cookie (SameSite=Lax) just as the console's do
 * (finding 11 of issue 12, SECURITY.md).
 *
 * A request without the header is served. Every browser the console supports sends it on every
 * request, so a page elsewhere cannot make a person's browser send a request without it; what sends
 * none is curl, a script or the benchmark, which hold the session cookie themselves and could send any
 * header they liked anyway.
 */
export function startedFromThisOrigin(secFetchSite: string | null): boolean {
  return secFetchSite === null || secFetchSite === 'same-origin' || secFetchSite === 'none';
}
