// GET /admin/<org>/users/export and the browser's Sec-Fetch-Site (finding 11 of issue 12, SECURITY.md):
// the route itself, with the console's guard and the export stubbed, so that only its own check decides.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startedFromThisOrigin } from '@/lib/http/fetch-metadata';

const guard = vi.hoisted(() => ({
  requireConsole: vi.fn(async () => ({
    actor: { userId: 'user-1', email: 'owner@example.com' },
    organization: { id: '00000000-0000-4000-8000-000000000001', slug: 'acme' },
  })),
}));
const members = vi.hoisted(() => ({
  exportUserList: vi.fn(async () => ({
    total: 1,
    pieces: (async function* () {
      yield '"Email"\r\n"ann@example.com"\r\n';
    })(),
  })),
}));
vi.mock('@/app/admin/[org]/guard', () => guard);
vi.mock('@/lib/members', () => members);

const { GET } = await import('@/app/admin/[org]/users/export/route');

function exportRequest(secFetchSite: string | null) {
  const headers: Record<string, string> = secFetchSite === null ? {} : { 'sec-fetch-site': secFetchSite };
  return GET(new Request('http://localhost:3000/admin/acme/users/export', { headers }), {
    params: Promise.resolve({ org: 'acme' }),
  });
}

beforeEach(() => vi.clearAllMocks());

describe('the export and Sec-Fetch-Site', () => {
  it.each(['same-site', 'cross-site', 'SAME-ORIGIN', 'something-new'])(
    'Sec-Fetch-Site: %s is refused with 403 before the guard or the export runs',
    async (site) => {
      const response = await exportRequest(site);
      expect(response.status).toBe(403);
      expect(guard.requireConsole).not.toHaveBeenCalled();
      expect(members.exportUserList).not.toHaveBeenCalled();
    },
  );

  it.each([['same-origin'], ['none'], [null]])(
    'Sec-Fetch-Site: %s is served the CSV (null: no header, as curl and the benchmark send)',
    async (site) => {
      const response = await exportRequest(site);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('ann@example.com');
      expect(members.exportUserList).toHaveBeenCalledTimes(1);
    },
  );

  it('startedFromThisOrigin takes exactly same-origin, none and no header', () => {
    const values = ['same-origin', 'none', null, 'same-site', 'cross-site', '', 'same-origin, none'];
    expect(values.filter((value) => startedFromThisOrigin(value))).toEqual(['same-origin', 'none', null]);
  });
});
