// /api/scim/v2: the SCIM 2.0 service an organization's identity provider provisions its members with
// (RFC 7643, RFC 7644; docs/rules.md rule 13). Every request carries a provisioning token (Bearer); the
// token names the organization. Answers are application/scim+json; refusals are RFC 7644 §3.12 error
// objects. The work is lib/scim's; this file reads the request and shapes the answer.
import type { DirectoryActor } from '@/lib/actor';
import { publicUrl, scimSettings } from '@/lib/config';
import { now } from '@/lib/clock';
import { DomainError } from '@/lib/errors';
import { MAX_SCIM_PAGE } from '@/lib/limits';
import { scimRequestAllowed } from '@/lib/scim/rate';
import { serviceProviderConfig, userResourceType, userSchema } from '@/lib/scim/discovery';
import {
  LIST_SCHEMA,
  PATCH_SCHEMA,
  SCIM_CONTENT_TYPE,
  ScimError,
  scimErrorOf,
  toScimUser,
  USER_SCHEMA,
} from '@/lib/scim/protocol';
import { readScimUser } from '@/lib/scim/input';
import { authenticateScimToken } from '@/lib/scim/tokens';
import { parseScimBody } from '@/lib/scim/body';
import { createScimUser, deleteScimUser, updateScimUser } from '@/lib/scim/users';
import { patchScimUser } from '@/lib/scim/patch';
import { getScimUser, listScimUsers } from '@/lib/scim/read';
import { project } from '@/lib/scim/attributes';

/** A SCIM body is small; a much larger one is not a User. */
const MAX_BODY = 64 * 1024;

type Params = { params: Promise<{ path?: string[] }> };

function answer(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': SCIM_CONTENT_TYPE, 'Cache-Control': 'no-store', ...headers },
  });
}

function refusal(error: ScimError): Response {
  return answer(error.body(), error.status, error.headers);
}

const base = () => `${publicUrl()}/api/scim/v2`;

/** The body as JSON, read no further than MAX_BODY bytes (a longer one is refused, not buffered). */
async function readBody(request: Request): Promise<unknown> {
  const tooLarge = () => new ScimError(413, `The body is larger than ${MAX_BODY / 1024} KB.`);
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body) {
      size += chunk.byteLength;
      if (size > MAX_BODY) throw tooLarge();
      chunks.push(chunk);
    }
  }
  return parseScimBody(Buffer.concat(chunks).toString('utf8'));
}

function wholeNumber(value: string | null, fallback: number, name: string): number {
  if (value === null || value === '') return fallback;
  if (!/^-?\d{1,9}$/.test(value)) throw new ScimError(400, `${name} must be a whole number.`, 'invalidValue');
  return Number(value);
}

/** The request's directory, or the refusal every SCIM client understands: 401 with WWW-Authenticate. */
async function authenticate(request: Request): Promise<DirectoryActor> {
  const result = await authenticateScimToken(request.headers.get('authorization'));
  if ('refused' in result) {
    const detail = {
      missing: 'A provisioning token is required (Authorization: Bearer …).',
      malformed: 'That is not a provisioning token.',
      unknown: 'That provisioning token is not valid: it may have been deleted.',
      expired: 'That provisioning token has expired: generate a new one on the Provisioning page.',
      disabled: 'Provisioning is turned off for this organization.',
      maker_left:
        'The person who made this provisioning token is no longer an Owner or Admin of the organization: ' +
        'an Owner or Admin can replace it on the Provisioning page.',
    }[result.refused];
    throw new ScimError(401, detail, undefined, { 'WWW-Authenticate': 'Bearer realm="AI Hub SCIM"' });
  }
  const limit = await scimRequestAllowed(result.tokenId, scimSettings().requestsPerMinute, now());
  if (!limit.allowed)
    throw new ScimError(429, 'Too many requests for this token: slow down.', 'tooMany', {
      'Retry-After': String(limit.retryAfterSeconds),
    });
  return result;
}

async function handle(request: Request, { params }: Params): Promise<Response> {
  try {
    const actor = await authenticate(request);
    const organizationId = actor.organizationId;
    const [resource, id, ...rest] = (await params).path ?? [];
    const url = new URL(request.url);
    const method = request.method;
    if (rest.length > 0) throw new ScimError(404, 'No such endpoint.');

    if (resource === 'ServiceProviderConfig' && method === 'GET' && !id)
      return answer(serviceProviderConfig(base()));
    if (resource === 'ResourceTypes' && method === 'GET') {
      if (!id) return answer(listOf([userResourceType(base())], 1, 1));
      if (id === 'User') return answer(userResourceType(base()));
      throw new ScimError(404, `No resource type ${id}.`);
    }
    if (resource === 'Schemas' && method === 'GET') {
      if (!id) return answer(listOf([userSchema(base())], 1, 1));
      if (id === USER_SCHEMA) return answer(userSchema(base()));
      throw new ScimError(404, `No schema ${id}.`);
    }
    if (resource !== 'Users') throw new ScimError(404, 'No such endpoint: this service has Users.');

    const shape = (user: ReturnType<typeof toScimUser>) =>
      project(user, url.searchParams.get('attributes'), url.searchParams.get('excludedAttributes'));
    switch (method) {
      case 'GET': {
        if (id) return answer(shape(toScimUser(await getScimUser(organizationId, id), base())));
        const startIndex = Math.max(1, wholeNumber(url.searchParams.get('startIndex'), 1, 'startIndex'));
        const count = Math.min(
          MAX_SCIM_PAGE,
          Math.max(0, wholeNumber(url.searchParams.get('count'), MAX_SCIM_PAGE, 'count')),
        );
        const { total, members } = await listScimUsers(organizationId, {
          filter: url.searchParams.get('filter'),
          startIndex,
          count,
        });
        return answer(
          listOf(
            members.map((member) => shape(toScimUser(member, base()))),
            total,
            startIndex,
          ),
        );
      }
      case 'POST': {
        if (id) throw new ScimError(404, 'POST creates a User at /Users.');
        const created = await createScimUser(actor, organizationId, readScimUser(await readBody(request)));
        const user = toScimUser(created, base());
        return answer(shape(user), 201, { Location: user.meta.location });
      }
      case 'PUT': {
        if (!id) throw new ScimError(404, 'PUT replaces a User at /Users/{id}.');
        const updated = await updateScimUser(
          actor,
          organizationId,
          id,
          readScimUser(await readBody(request)),
        );
        return answer(shape(toScimUser(updated, base())));
      }
      case 'PATCH': {
        if (!id) throw new ScimError(404, 'PATCH changes a User at /Users/{id}.');
        const body = (await readBody(request)) as { schemas?: unknown; Operations?: unknown };
        if (!Array.isArray(body?.schemas) || !body.schemas.includes(PATCH_SCHEMA))
          throw new ScimError(400, `A PATCH body names the schema ${PATCH_SCHEMA}.`, 'invalidSyntax');
        const patched = await patchScimUser(actor, organizationId, id, body.Operations, base());
        return answer(shape(toScimUser(patched, base())));
      }
      case 'DELETE': {
        if (!id) throw new ScimError(404, 'DELETE removes a User at /Users/{id}.');
        await deleteScimUser(actor, organizationId, id);
        return new Response(null, { status: 204 });
      }
      default:
        throw new ScimError(405, `${method} is not supported here.`);
    }
  } catch (error) {
    if (error instanceof ScimError) return refusal(error);
    if (error instanceof DomainError) return refusal(scimErrorOf(error));
    console.error('[scim] request failed', error);
    return refusal(new ScimError(500, 'Something went wrong on our side. Nothing was changed; try again.'));
  }
}

function listOf(resources: unknown[], total: number, startIndex: number) {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
