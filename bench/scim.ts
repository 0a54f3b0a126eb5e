// The SCIM service under load (issue 11): each organization gets provisioning and a token, then
// `GET /Users?filter=userName eq "…"` and a page of 100 are loaded with autocannon at both sizes (in
// turn, as the pages are), their statements counted at the PostgreSQL wire; last, 1,000 creates one after
// another through HTTP on the large organization's server, beside as many sequential views of the
// signed-in home page (the control) on the same server.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openPostgres } from '@/db/client';
import { config, log, quick } from './config';
import type { SeededOrg } from './database';
import { counted, load, mergeLoads, waitUntilQuiet, type LoadResult, type ProxyClient } from './measure';
import type { Server } from './server';

export interface ScimSize {
  label: string;
  filter: LoadResult;
  page: LoadResult;
  statements: { filter: number[]; page: number[] };
}

export interface ScimResult {
  small: ScimSize;
  large: ScimSize;
  creates: { count: number; createsPerSecond: number; controlPerSecond: number; statementsPerCreate: number };
}

/**
 * Provisioning on, and a token made the way lib/scim/tokens.ts makes one: its hash stored, and made by
 * the organization's Owner (a token acts only while its maker is an active Owner or Admin).
 */
export async function issueToken(benchUrl: string, organizationId: string): Promise<string> {
  const handle = await openPostgres(benchUrl, { max: 1 });
  try {
    const token = `aihub_scim_${randomBytes(32).toString('base64url')}`;
    const hash = createHash('sha256').update(token).digest('hex');
    await handle.db.execute(sql`UPDATE organizations SET scim_enabled = true WHERE id = ${organizationId}`);
    await handle.db
      .execute(sql`INSERT INTO scim_tokens (organization_id, name, token_hash, expires_at, created_by_id)
      SELECT ${organizationId}, 'Bench', ${hash}, now() + interval '1 day', user_id
      FROM memberships WHERE organization_id = ${organizationId} AND role = 'owner' LIMIT 1`);
    return token;
  } finally {
    await handle.close();
  }
}

interface Target {
  org: SeededOrg;
  server: Server;
  token: string;
}

const paths = {
  filter: (org: SeededOrg) =>
    `/api/scim/v2/Users?filter=${encodeURIComponent(`userName eq "owner@${org.domain}"`)}`,
  page: () => '/api/scim/v2/Users?startIndex=1&count=100',
};

async function statementsOf(proxy: ProxyClient, target: Target, path: string): Promise<number[]> {
  const counts: number[] = [];
  await waitUntilQuiet(proxy);
  for (let sample = 0; sample < config.viewSamples; sample++) {
    const { value, counts: seen } = await counted(proxy, () =>
      fetch(`${target.server.url}${path}`, { headers: { authorization: `Bearer ${target.token}` } }),
    );
    if (value.status !== 200) throw new Error(`${path} answered ${value.status}`);
    await value.arrayBuffer();
    counts.push(seen.statements);
  }
  return counts;
}

export async function measureScim(
  small: { org: SeededOrg; server: Server; cookie: string },
  large: { org: SeededOrg; server: Server; cookie: string },
  benchUrl: string,
  proxy: ProxyClient,
): Promise<ScimResult> {
  const targets: Target[] = [
    { org: small.org, server: small.server, token: await issueToken(benchUrl, small.org.id) },
    { org: large.org, server: large.server, token: await issueToken(benchUrl, large.org.id) },
  ];
  const windows = new Map<string, LoadResult[]>();
  for (let round = 0; round < config.rounds; round++) {
    for (const [index, kind] of (['filter', 'page'] as const).entries()) {
      for (const target of (index + round) % 2 === 0 ? targets : [...targets].reverse()) {
        const url = `${target.server.url}${paths[kind](target.org)}`;
        const measured = await load(url, '', {
          ...config,
          warmupS: round === 0 ? config.warmupS : 1,
          headers: { authorization: `Bearer ${target.token}` },
        });
        if (measured.non2xx > 0) throw new Error(`${url}: ${measured.non2xx} answers were not 2xx`);
        const key = `${target.org.label}:${kind}`;
        windows.set(key, [...(windows.get(key) ?? []), measured]);
      }
    }
  }
  const sizes: ScimSize[] = [];
  for (const target of targets) {
    const size: ScimSize = {
      label: target.org.label,
      filter: mergeLoads(windows.get(`${target.org.label}:filter`)!),
      page: mergeLoads(windows.get(`${target.org.label}:page`)!),
      statements: {
        filter: await statementsOf(proxy, target, paths.filter(target.org)),
        page: await statementsOf(proxy, target, paths.page()),
      },
    };
    log(
      `SCIM at ${size.label}: filter ${size.filter.rps.toFixed(1)} req/s (${size.statements.filter.join('/')} statements), ` +
        `page of 100 ${size.page.rps.toFixed(1)} req/s (${size.statements.page.join('/')} statements)`,
    );
    sizes.push(size);
  }
  return {
    small: sizes[0],
    large: sizes[1],
    creates: await measureCreates(targets[1], large.cookie, proxy, benchUrl),
  };
}

/**
 * Invitations to the addresses the directory will create (it adds only people the organization invited,
 * issue 12), written straight to the table: the count one more, for the create whose statements are counted.
 */
async function inviteForCreates(benchUrl: string, organizationId: string, addresses: string[]) {
  const handle = await openPostgres(benchUrl, { max: 1 });
  try {
    await handle.db
      .execute(sql`INSERT INTO invitations (organization_id, email, role, token_hash, expires_at, delivery_status)
      SELECT ${organizationId}, address, 'member', md5(random()::text || address), now() + interval '1 day', 'sent'
      FROM unnest(${`{${addresses.join(',')}}`}::text[]) AS address`);
  } finally {
    await handle.close();
  }
}

/** Sequential creates through HTTP beside as many sequential control views, on one server. */
async function measureCreates(target: Target, cookie: string, proxy: ProxyClient, benchUrl: string) {
  const count = quick ? 100 : 1_000;
  const stamp = Date.now().toString(36);
  const address = (n: number) => `scim-${stamp}-${n}@${target.org.domain}`;
  await inviteForCreates(
    benchUrl,
    target.org.id,
    Array.from({ length: count + 1 }, (_, n) => address(n)),
  );
  const control = performance.now();
  for (let n = 0; n < count; n++) {
    const response = await fetch(`${target.server.url}/`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`the control answered ${response.status}`);
    await response.arrayBuffer();
  }
  const controlMs = performance.now() - control;
  const create = (n: number) =>
    fetch(`${target.server.url}/api/scim/v2/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: address(n),
        name: { givenName: 'Bench', familyName: `Person ${n}` },
        active: true,
      }),
    });
  const started = performance.now();
  for (let n = 0; n < count; n++) {
    const response = await create(n);
    if (response.status !== 201)
      throw new Error(`a create answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  }
  const createsMs = performance.now() - started;
  await waitUntilQuiet(proxy);
  const { counts } = await counted(proxy, async () => (await create(count)).arrayBuffer());
  const result = {
    count,
    createsPerSecond: count / (createsMs / 1000),
    controlPerSecond: count / (controlMs / 1000),
    statementsPerCreate: counts.statements,
  };
  log(
    `${count} sequential SCIM creates: ${result.createsPerSecond.toFixed(0)}/s (control ${result.controlPerSecond.toFixed(0)}/s), ${result.statementsPerCreate} statements each`,
  );
  return result;
}
