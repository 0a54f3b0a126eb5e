// README's table of server actions is the developers' index of them: it must list every action each
// file under app/actions exports, with exactly the error codes the action declares (app/actions/result.ts
// `errors`, from the one table in lib/shared/errors.ts), so that neither drifts from the code.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

await vi.hoisted(() => import('../support/action-mocks'));

import * as developmentDns from '@/app/actions/development-dns';
import * as domains from '@/app/actions/domains';
import * as invitations from '@/app/actions/invitations';
import * as joinRequests from '@/app/actions/join-requests';
import * as members from '@/app/actions/members';
import * as organizations from '@/app/actions/organizations';
import * as provisioning from '@/app/actions/provisioning';
import * as sso from '@/app/actions/sso';

/** Codes every action may answer, which the table names once above it rather than on each row. */
const ALWAYS = new Set(['INVALID_INPUT', 'INTERNAL', 'UNAUTHENTICATED']);

/** The README's rows: action name → the codes in its `errors` column. */
function readmeRows(): Map<string, string[]> {
  const readme = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Server actions'));
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
    const name = /^`(\w+Action)`$/.exec(cells[1] ?? '')?.[1];
    if (name)
      rows.set(
        name,
        [...(cells[5] ?? '').matchAll(/`([A-Z_]+)`/g)].map((match) => match[1]),
      );
  }
  return rows;
}

describe("README's table of server actions", () => {
  const declared = new Map(
    Object.entries({
      ...developmentDns,
      ...domains,
      ...invitations,
      ...joinRequests,
      ...members,
      ...organizations,
      ...provisioning,
      ...sso,
    })
      .filter(([name]) => name.endsWith('Action'))
      .map(([name, action]) => [
        name,
        ((action as { errors: readonly string[] }).errors ?? []).filter((code) => !ALWAYS.has(code)),
      ]),
  );

  it('lists every typed action, each with the errors it declares', () => {
    const rows = readmeRows();
    expect(
      [...declared.keys()].filter((name) => !rows.has(name)),
      'missing from README',
    ).toEqual([]);
    for (const [name, errors] of declared)
      expect([...(rows.get(name) ?? [])].sort(), name).toEqual([...new Set(errors)].sort());
  });
});
