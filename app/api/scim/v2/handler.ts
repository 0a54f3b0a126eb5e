// What every endpoint of the SCIM service shares (RFC 7643, RFC 7644; docs/rules.md rule 13): the
// provisioning token (Bearer), which names the organization and the directory acting for it; the
// per-token rate limit; the body, read no further than MAX_BODY and refused when it names a prototype
// (lib/scim/body.ts); answers as application/scim+json; and every refusal as an RFC 7644 §3.12 error
// object, a domain refusal through the one table of lib/scim/errors.ts; a single resource's answer with its
// version as the ETag header, and the request's If-Match handed on. Each route file is a few lines on top
// of `scimRoute`.
import type { DirectoryActor } from '@/lib/shared/actor';
import { now } from '@/lib/clock';
import { scimBaseUrl, scimSettings } from '@/lib/config';
import { DomainError } from '@/lib/shared/errors';
import { BodyTooLargeError, readCappedText } from '@/lib/http/body';
import { project } from '@/lib/scim/attributes';
import { parseScimBody } from '@/lib/scim/body';
import { scimErrorOf } from '@/lib/scim/errors';
import { LIST_SCHEMA, SCIM_CONTENT_TYPE, ScimError, toScimUser, type ScimMember } from '@/lib/scim/protocol';
import { scimRequestAllowed } from '@/lib/scim/rate';
import { resourceVersion } from '@/lib/scim/version';
import { authenticateScimToken } from '@/lib/scim/authenticate';

/** A SCIM body is small; a much larger one is not a User (an endpoint may allow more: scimRoute's maxBody). */
const MAX_BODY = 64 * 1024;

/** What an endpoint answers: a body (and its status, 200 unless said), or nothing (204). */
export type ScimAnswer = { status?: number; body: unknown; headers?: Record<string, string> } | null;

/** What an endpoint is handed: the directory, the request, its route parameters and its reading helpers. */
export interface ScimRequest<P> {
  actor: DirectoryActor;
  request: Request;
  url: URL;
  params: P;
  /** The service's base URL, from the public URL (never from the request's Host). */
  base: string;
  body: () => Promise<unknown>;
  /** A member as a User, with only the attributes the request's `attributes`/`excludedAttributes` ask for. */
  user: (member: ScimMember) => unknown;
  /** The answer of a single User (its status 200 unless said): the User, and its version as the ETag header. */
  single: (member: ScimMember, status?: number, headers?: Record<string, string>) => ScimAnswer;
  /** The request's If-Match header (RFC 7644 §3.14), null when absent. */
  ifMatch: string | null;
}

function respond(answer: ScimAnswer): Response {
  if (answer === null) return new Response(null, { status: 204 });
  return new Response(JSON.stringify(answer.body), {
    status: answer.status ?? 200,
    headers: { 'Content-Type': SCIM_CONTENT_TYPE, 'Cache-Control': 'no-store', ...answer.headers },
  });
}

function refusal(error: ScimError): Response {
  return respond({ status: error.status, body: error.body(), headers: error.headers });
}

/** The body as JSON, read no further than `maxBody` bytes (lib/http/body.ts: a longer one is refused, not buffered). */
async function readBody(request: Request, maxBody: number): Promise<unknown> {
  try {
    return parseScimBody(await readCappedText(request, maxBody));
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      throw new ScimError(413, `The body is larger than ${maxBody / 1024} KB.`, undefined, error.headers);
    throw error;
  }
}

const TOKEN_REFUSALS = {
  missing: 'A provisioning token is required (Authorization: Bearer …).',
  malformed: 'That is not a provisioning token.',
  unknown: 'That provisioning token is not valid: it may have been deleted.',
  expired: 'That provisioning token has expired: generate a new one on the Provisioning page.',
  disabled: 'Provisioning is turned off for this organization.',
  maker_left:
    'The person who made this provisioning token is no longer an Owner or Admin of the organization: ' +
    'an Owner or Admin can replace it on the Provisioning page.',
} as const;

/** The request's directory, or the refusal every SCIM client understands: 401 with WWW-Authenticate. */
async function authenticate(request: Request): Promise<DirectoryActor> {
  const result = await authenticateScimToken(request.headers.get('authorization'));
  if ('refused' in result)
    throw new ScimError(401, TOKEN_REFUSALS[result.refused], undefined, {
      'WWW-Authenticate': 'Bearer realm="AI Hub SCIM"',
    });
  const limit = await scimRequestAllowed(result.tokenId, scimSettings().requestsPerMinute, now());
  if (!limit.allowed)
    throw new ScimError(429, 'Too many requests for this token: slow down.', 'tooMany', {
      'Retry-After': String(limit.retryAfterSeconds),
    });
  return result;
}

/**
 * A route handler of the SCIM service: `endpoint` runs for an authenticated, allowed request. `maxBody`:
 * the largest body it reads, MAX_BODY unless its resources are larger (a Group's thousand members).
 */
export function scimRoute<P = Record<string, never>>(
  endpoint: (request: ScimRequest<P>) => ScimAnswer | Promise<ScimAnswer>,
  options: { maxBody?: number } = {},
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = await authenticate(request);
      const url = new URL(request.url);
      const user = (member: ScimMember) =>
        project(
          toScimUser(member, scimBaseUrl()),
          url.searchParams.get('attributes'),
          url.searchParams.get('excludedAttributes'),
        );
      return respond(
        await endpoint({
          actor,
          request,
          url,
          params: await context.params,
          base: scimBaseUrl(),
          body: () => readBody(request, options.maxBody ?? MAX_BODY),
          user,
          single: (member, status = 200, headers = {}) =>
            versioned(user(member), member.updatedAt, status, headers),
          ifMatch: request.headers.get('if-match'),
        }),
      );
    } catch (error) {
      if (error instanceof ScimError) return refusal(error);
      if (error instanceof DomainError) return refusal(scimErrorOf(error));
      console.error('[scim] request failed', error);
      return refusal(new ScimError(500, 'Something went wrong on our side. Nothing was changed; try again.'));
    }
  };
}

/** The answer of one resource last changed at `updatedAt`: its version (meta.version) as the ETag header. */
export function versioned(
  body: unknown,
  updatedAt: Date,
  status = 200,
  headers: Record<string, string> = {},
): ScimAnswer {
  return { status, body, headers: { ETag: resourceVersion(updatedAt), ...headers } };
}

/** The answer for a method an endpoint does not have (RFC 7644 §3.2: 405), on a route of any parameters. */
export const methodNotAllowed = scimRoute<unknown>(({ request }) => {
  throw new ScimError(405, `${request.method} is not supported here.`);
});

/** A list of resources (RFC 7644 §3.4.2). */
export function listOf(resources: unknown[], total: number, startIndex: number) {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/** A query parameter that must be a whole number: `fallback` when absent, a 400 when not a number. */
export function wholeNumber(url: URL, name: string, fallback: number): number {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return fallback;
  if (!/^-?\d{1,9}$/.test(value)) throw new ScimError(400, `${name} must be a whole number.`, 'invalidValue');
  return Number(value);
}
