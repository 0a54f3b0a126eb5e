// A resource's version (RFC 7644 §3.14): a weak ETag from when it last changed, returned as
// meta.version and as the ETag header, and checked against If-Match before a write. Pure.
import { ScimError } from './protocol';

/** The version of a resource last changed at `updatedAt`: W/"<milliseconds>". */
export function resourceVersion(updatedAt: Date): string {
  return `W/"${updatedAt.getTime()}"`;
}

/** The entity tags an If-Match header lists (`*` included), without their weak marks. */
function tagsOf(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//i, ''))
    .filter(Boolean);
}

/**
 * Refuses a write to a resource at `current` when the request's If-Match names another version (412,
 * RFC 7232 §3.1): the client read it before someone else changed it. No header, or `*`: any version.
 * Called under the lock the write takes, so the version compared is the one written over.
 */
export function requireVersion(ifMatch: string | null, current: string): void {
  if (ifMatch === null || ifMatch.trim() === '') return;
  const tags = tagsOf(ifMatch);
  const bare = current.replace(/^W\//i, '');
  if (tags.includes('*') || tags.includes(bare)) return;
  throw new ScimError(
    412,
    `The resource has changed since version ${ifMatch.slice(0, 40)}: it is now at ${current}. Read it again.`,
  );
}
