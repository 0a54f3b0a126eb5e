// Directory groups at scale (issue 17), timed in this process through the SCIM route files (no server):
// GET /Groups/{id}?excludedAttributes=members of a group of 10,000 members beside the same GET of a group
// of 10 (constant time: a ratio near 1), and a PATCH adding 1,000 members, timed and its statements
// counted once through the proxy.
import { sql } from 'drizzle-orm';
import * as groupRoute from '@/app/api/scim/v2/Groups/[id]/route';
import { openPostgres, setDatabaseHandle, type Database } from '@/db/client';
import { CouldNotRun, log, median, quick } from './config';
import type { SeededOrg } from './database';
import { countCall, timed } from './in-process';
import type { ProxyClient } from './measure';
import type { Row } from './report';
import { issueToken } from './scim';
import { rawRows } from '../tests/support/raw-rows';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A group of the organization holding `size` new Members, made in two statements; its id and theirs. */
async function groupOf(db: Database, org: SeededOrg, name: string, size: number, join: boolean) {
  const [group] = await rawRows<{ id: string }>(
    db,
    sql`INSERT INTO scim_groups (organization_id, display_name) VALUES (${org.id}, ${name}) RETURNING id`,
  );
  const people = await rawRows<{ id: string }>(
    db,
    sql`WITH u AS (
          INSERT INTO users (email, name)
          SELECT 'group-' || ${group.id}::text || '-' || g || '@' || ${org.domain}, 'Grouped ' || g
          FROM generate_series(1, ${size}::int) g RETURNING id
        ), m AS (
          INSERT INTO memberships (organization_id, user_id, role) SELECT ${org.id}, id, 'member' FROM u RETURNING id
        ), joined AS (
          INSERT INTO scim_group_members (group_id, membership_id, organization_id)
          SELECT ${group.id}::uuid, id, ${org.id}::uuid FROM m WHERE ${join} RETURNING membership_id
        )
        SELECT id FROM m`,
  );
  return { id: group.id, people: people.map((row) => row.id) };
}

function call(method: 'GET' | 'PATCH', id: string, token: string, query: string, body?: unknown) {
  const request = new Request(`http://127.0.0.1:3000/api/scim/v2/Groups/${id}${query}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return groupRoute[method](request, { params: Promise.resolve({ id }) }).then(async (response) => {
    if (response.status >= 300) throw new CouldNotRun(`${method} /Groups answered ${response.status}`);
    await response.arrayBuffer();
  });
}

export async function measureGroups(benchUrl: string, proxyUrl: string, proxy: ProxyClient, org: SeededOrg) {
  const direct = await openPostgres(benchUrl, { max: 1 });
  const savedUrl = process.env.APP_URL;
  process.env.APP_URL ||= 'http://127.0.0.1:3000';
  try {
    const token = await issueToken(benchUrl, org.id);
    const small = await groupOf(direct.db, org, 'Bench ten', 10, true);
    const large = await groupOf(direct.db, org, 'Bench ten thousand', 10_000, true);
    const target = await groupOf(direct.db, org, 'Bench patch', 1_000, false);
    for (const table of [sql`scim_groups`, sql`scim_group_members`, sql`memberships`])
      await direct.db.execute(sql`ANALYZE ${table}`);
    const add = {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'add',
          path: 'members',
          value: target.people.map((value) => ({ value, display: `${value}@bench` })),
        },
      ],
    };
    const emptyTarget = () =>
      direct.db.execute(sql`DELETE FROM scim_group_members WHERE group_id = ${target.id}`);
    const counted = await countCall(proxyUrl, proxy, () => call('PATCH', target.id, token, '', add));
    setDatabaseHandle(direct);
    // Stay under the token's requests a minute: each GET is a request.
    const samples = quick ? 25 : 100;
    const get = { small: [] as number[], large: [] as number[] };
    for (let n = 0; n < samples + 5; n++) {
      for (const [key, group] of (n % 2
        ? [
            ['large', large],
            ['small', small],
          ]
        : [
            ['small', small],
            ['large', large],
          ]) as ['small' | 'large', { id: string }][]) {
        const { ms } = await timed(() => call('GET', group.id, token, '?excludedAttributes=members'));
        if (n >= 5) get[key].push(ms);
      }
    }
    const patchMs: number[] = [];
    for (let repeat = 0; repeat < (quick ? 3 : 5); repeat++) {
      await emptyTarget();
      patchMs.push((await timed(() => call('PATCH', target.id, token, '', add))).ms);
    }
    const result = {
      get: { smallMs: median(get.small), largeMs: median(get.large), samples },
      patch: { size: target.people.length, medianMs: median(patchMs), counted },
    };
    log(
      `groups: GET without members ${result.get.largeMs.toFixed(2)} ms at 10,000 vs ${result.get.smallMs.toFixed(2)} ms at 10; ` +
        `PATCH of 1,000 members ${result.patch.medianMs.toFixed(1)} ms, ${counted.drizzleStatements} statements (+${counted.wireStatements - counted.drizzleStatements} tx)`,
    );
    return result;
  } finally {
    setDatabaseHandle(undefined);
    if (savedUrl === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = savedUrl;
    await direct.close();
  }
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

/** The table's rows of the groups' figures. */
export function groupRows(groups: Awaited<ReturnType<typeof measureGroups>>): Row[] {
  const ratio = groups.get.largeMs / groups.get.smallMs;
  const { counted } = groups.patch;
  return [
    { section: 'Directory groups over SCIM (in-process, the route files; the large organization)' },
    {
      figure: 'GET /Groups/{id}?excludedAttributes=members: 10 members vs 10,000',
      small: ms(groups.get.smallMs),
      large: ms(groups.get.largeMs),
      ratio,
      target: '≤ 1.5',
      met: ratio <= 1.5,
    },
    {
      figure: `PATCH adding ${groups.patch.size.toLocaleString('en-US')} members: time`,
      small: '',
      large: ms(groups.patch.medianMs),
      ratio: null,
      target: '',
      met: null,
    },
    {
      figure: `PATCH adding ${groups.patch.size.toLocaleString('en-US')} members: statements (BEGIN/COMMIT apart; the token's check included)`,
      small: '',
      large: `${counted.drizzleStatements} (+${counted.wireStatements - counted.drizzleStatements} tx)`,
      ratio: null,
      target: 'constant',
      met: null,
    },
  ];
}
