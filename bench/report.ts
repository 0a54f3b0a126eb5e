// The benchmark's one table: figure | at small | at large | ratio | target | met?, and its rows.
import type { LoadResult } from './measure';
import type { measureDrain } from './drain';
import type { measureExports } from './export';
import type { ScimResult } from './scim';
import type { measureBulk, measureInvite } from './in-process';
import { PAGE_SIZE, scenarios, type ScenarioResult, type SizeResult } from './pages';

export type Row =
  | { section: string }
  | {
      figure: string;
      small: string;
      large: string;
      ratio: number | null;
      target: string;
      met: boolean | null;
    };

export function formatTable(rows: Row[], labels: { small: string; large: string }): string {
  const header = ['figure', labels.small, labels.large, 'ratio', 'target', 'met?'];
  const body = rows.map((row) =>
    'section' in row
      ? row
      : [
          row.figure,
          row.small,
          row.large,
          row.ratio === null || !Number.isFinite(row.ratio) ? '' : row.ratio.toFixed(2),
          row.target,
          row.met === null ? '' : row.met ? 'yes' : 'NO',
        ],
  );
  const cells = [header, ...body.filter((row): row is string[] => Array.isArray(row))];
  const widths = header.map((_, column) => Math.max(...cells.map((cells) => cells[column].length)));
  const align = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 || column === 4 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join(' | ');
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-');
  const lines = [align(header), rule];
  for (const row of body) lines.push(Array.isArray(row) ? align(row) : `${row.section}:`);
  return lines.join('\n');
}

/** The rows of the table, from both sizes' page figures, the bulk operations and the invitations. */
export function buildRows(
  small: SizeResult,
  large: SizeResult,
  bulk: Awaited<ReturnType<typeof measureBulk>>,
  invites: {
    small: Awaited<ReturnType<typeof measureInvite>>;
    large: Awaited<ReturnType<typeof measureInvite>>;
  },
  drain: Awaited<ReturnType<typeof measureDrain>>,
  exports: Awaited<ReturnType<typeof measureExports>>,
  scim: ScimResult,
): Row[] {
  const table: Row[] = [];
  const pages = scenarios.filter((s) => s.key !== 'control');
  const S = small.scenarios;
  const L = large.scenarios;
  const maxStatements = (r: ScenarioResult) => Math.max(...r.statements.map((s) => s.count));

  table.push({ section: 'Throughput (req/s, 10 connections)' });
  for (const s of pages) {
    const ratio = L[s.key].load.rps / S[s.key].load.rps;
    table.push({
      figure: s.label,
      small: rps(S[s.key].load),
      large: rps(L[s.key].load),
      ratio,
      target: '≥ 0.9 (large ÷ small)',
      met: ratio >= 0.9,
    });
  }
  table.push({
    figure: 'control: signed-in home page',
    small: rps(S.control.load),
    large: rps(L.control.load),
    ratio: L.control.load.rps / S.control.load.rps,
    target: '',
    met: null,
  });
  for (const s of pages) {
    const ratio = L[s.key].load.rps / L.control.load.rps;
    table.push({
      figure: `${s.label.replace('users page, ', '')} ÷ control, at large`,
      small: (S[s.key].load.rps / S.control.load.rps).toFixed(2),
      large: ratio.toFixed(2),
      ratio,
      target: '≥ 0.5 (large)',
      met: ratio >= 0.5,
    });
  }

  table.push({ section: 'Server CPU per answer (ms; steady when other processes share the cores)' });
  for (const s of scenarios) {
    const ratio = L[s.key].serverCpuMsPerRequest / S[s.key].serverCpuMsPerRequest;
    table.push({
      figure: s.label,
      small: S[s.key].serverCpuMsPerRequest.toFixed(1),
      large: L[s.key].serverCpuMsPerRequest.toFixed(1),
      ratio,
      target: '',
      met: null,
    });
  }

  // The ratio says whether the page grows with the organization, so it is judged where both sizes show
  // the same number of rows (a search that finds 8 rows at 100 members finds a full page at 10,000).
  table.push({ section: 'Bytes per response (HTML, uncompressed; rows shown at each size)' });
  for (const s of [...pages, scenarios.find((x) => x.key === 'control')!]) {
    const ratio = L[s.key].view.bytes / S[s.key].view.bytes;
    const isPage = s.key !== 'control';
    const rowsS = S[s.key].view.rowsOnPage;
    const rowsL = L[s.key].view.rowsOnPage;
    const comparable = rowsS === rowsL;
    table.push({
      figure: isPage ? `${s.label} (${rowsS} / ${rowsL} rows)` : s.label,
      small: bytes(S[s.key].view.bytes),
      large: bytes(L[s.key].view.bytes),
      ratio,
      target: !isPage ? '' : comparable ? '≤ 1.1' : '≤ 1.1 at equal rows: n/a',
      met: isPage && comparable ? ratio <= 1.1 : null,
    });
  }
  // The page's weight (issue 8): a full page of rows, as a phone on a slow network downloads it.
  for (const s of pages.filter((x) => x.key === 'default' || x.key === 'last')) {
    const weights = [S[s.key].view, L[s.key].view];
    const full = weights.filter((view) => view.rowsOnPage === PAGE_SIZE);
    table.push({
      figure: `${s.label}: HTML weight of ${PAGE_SIZE} rows (KB)`,
      small: kb(S[s.key].view.bytes),
      large: kb(L[s.key].view.bytes),
      ratio: null,
      target: `≤ ${MAX_PAGE_KB} KB`,
      met: full.length === 0 ? null : full.every((view) => view.bytes <= MAX_PAGE_KB * 1000),
    });
  }
  table.push({
    figure: 'users page default: RSC payload (client navigation)',
    small: bytes(S.default.view.rscBytes),
    large: bytes(L.default.view.rscBytes),
    ratio: L.default.view.rscBytes / S.default.view.rscBytes,
    target: '≤ 1.1',
    met: L.default.view.rscBytes / S.default.view.rscBytes <= 1.1,
  });
  table.push({
    figure: "users page default: the org's addresses in the HTML",
    small: String(S.default.view.memberAddressesInHtml),
    large: String(L.default.view.memberAddressesInHtml),
    ratio: L.default.view.memberAddressesInHtml / Math.max(1, S.default.view.memberAddressesInHtml),
    target: `≤ ${PAGE_SIZE} (one page)`,
    met: L.default.view.memberAddressesInHtml <= PAGE_SIZE,
  });

  table.push({ section: 'SQL statements per page view (counted at the PostgreSQL wire)' });
  for (const s of [...pages, scenarios.find((x) => x.key === 'control')!]) {
    const a = maxStatements(S[s.key]);
    const b = maxStatements(L[s.key]);
    const isPage = s.key !== 'control';
    table.push({
      figure: s.label,
      small: String(a),
      large: String(b),
      ratio: b / a,
      target: isPage ? '≤ 4, equal' : '',
      met: isPage ? a === b && b <= 4 : null,
    });
  }

  table.push({ section: 'Server memory (VmRSS of the serving process)' });
  const rssRatio = large.server.rssFinal / small.server.rssFinal;
  table.push({
    figure: 'after all loads',
    small: mib(small.server.rssFinal),
    large: mib(large.server.rssFinal),
    ratio: rssRatio,
    target: '≤ 1.1',
    met: rssRatio <= 1.1,
  });
  for (const s of scenarios) {
    table.push({
      figure: `  after ${s.label.replace('users page, ', '')}`,
      small: mib(S[s.key].rssAfterLoad),
      large: mib(L[s.key].rssAfterLoad),
      ratio: L[s.key].rssAfterLoad / S[s.key].rssAfterLoad,
      target: '',
      met: null,
    });
  }

  const n = bulk.size.toLocaleString('en-US');
  table.push({
    section: `Bulk operations on ${n} members of the large organization (in-process, lib/members)`,
  });
  for (const [name, op] of [
    ['role change', bulk.change],
    ['removal', bulk.removal],
  ] as const) {
    table.push({
      figure: `${name} of ${n}: statements (BEGIN/COMMIT apart; its ${n} emails included)`,
      small: '',
      large: `${op.counted.drizzleStatements} (+${op.counted.wireStatements - op.counted.drizzleStatements} tx)`,
      ratio: null,
      target: '≤ 4',
      met: op.counted.drizzleStatements <= 4,
    });
    const ratio = op.domainMedianMs / op.bareMedianMs;
    table.push({
      figure: `${name} of ${n}: time ÷ bare UPDATE`,
      small: `bare ${ms(op.bareMedianMs)}`,
      large: ms(op.domainMedianMs),
      ratio,
      target: '≤ 3',
      met: ratio <= 3,
    });
  }

  table.push({
    section: `Inviting ${invites.large.addresses} addresses (in-process, lib/invitations, fake email API)`,
  });
  const inv = (r: Awaited<ReturnType<typeof measureInvite>>) => r;
  table.push({
    figure: 'transactions',
    small: String(inv(invites.small).counted.transactions),
    large: String(invites.large.counted.transactions),
    ratio: null,
    target: '1',
    met: invites.small.counted.transactions === 1 && invites.large.counted.transactions === 1,
  });
  table.push({
    figure: 'email API calls (batch + single)',
    small: `${invites.small.emailApi.batch} + ${invites.small.emailApi.single}`,
    large: `${invites.large.emailApi.batch} + ${invites.large.emailApi.single}`,
    ratio: null,
    target: '1 batch',
    met: [invites.small, invites.large].every((r) => r.emailApi.batch === 1 && r.emailApi.single === 0),
  });
  table.push({
    figure: 'statements (BEGIN/COMMIT apart)',
    small: `${invites.small.counted.drizzleStatements}`,
    large: `${invites.large.counted.drizzleStatements}`,
    ratio: invites.large.counted.drizzleStatements / invites.small.counted.drizzleStatements,
    target: 'equal',
    met: invites.large.counted.drizzleStatements === invites.small.counted.drizzleStatements,
  });
  table.push({
    figure: 'time (median)',
    small: ms(invites.small.medianMs),
    large: ms(invites.large.medianMs),
    ratio: invites.large.medianMs / invites.small.medianMs,
    target: '',
    met: null,
  });

  const d = drain.size.toLocaleString('en-US');
  table.push({ section: `Draining ${d} queued emails (one worker in-process, fake email API)` });
  table.push({
    figure: 'email API calls',
    small: `bare loop ${drain.bare.calls}`,
    large: String(drain.worker.calls),
    ratio: null,
    target: `≤ ${Math.ceil(drain.size / 100)}`,
    met: drain.worker.calls <= Math.ceil(drain.size / 100),
  });
  const pace = drain.worker.perSecond / drain.bare.perSecond;
  table.push({
    figure: 'messages per second: worker ÷ bare loop of batch calls',
    small: `bare ${drain.bare.perSecond.toFixed(0)}/s`,
    large: `${drain.worker.perSecond.toFixed(0)}/s`,
    ratio: pace,
    target: '≥ 0.5',
    met: pace >= 0.5,
  });

  const { small: es, large: el } = exports;
  table.push({
    section: `CSV export of each list, over HTTP from one server (${es.rows.toLocaleString('en-US')} and ${el.rows.toLocaleString('en-US')} rows)`,
  });
  table.push({
    figure: 'time (median of runs)',
    small: `${es.medianMs.toFixed(0)} ms`,
    large: `${el.medianMs.toFixed(0)} ms`,
    ratio: el.medianMs / es.medianMs,
    target: `rows ×${(el.rows / Math.max(1, es.rows)).toFixed(0)}`,
    met: null,
  });
  table.push({
    figure: 'rows per second',
    small: (es.rows / (es.medianMs / 1000)).toFixed(0),
    large: (el.rows / (el.medianMs / 1000)).toFixed(0),
    ratio: el.rows / el.medianMs / (es.rows / es.medianMs),
    target: '',
    met: null,
  });
  const memory = el.rssPeak / es.rssPeak;
  table.push({
    figure: 'peak VmRSS while streaming',
    small: mib(es.rssPeak),
    large: mib(el.rssPeak),
    ratio: memory,
    target: '≤ 1.2',
    met: memory <= 1.2,
  });
  table.push({
    figure: '  growth over the RSS before it',
    small: mib(es.rssPeak - es.rssBefore),
    large: mib(el.rssPeak - el.rssBefore),
    ratio: null,
    target: '',
    met: null,
  });

  table.push({ section: 'SCIM service (req/s, 10 connections; statements per request at the wire)' });
  for (const [kind, label] of [
    ['filter', 'GET /Users?filter=userName eq'],
    ['page', 'GET /Users, a page of 100'],
  ] as const) {
    const ratio = scim.large[kind].rps / scim.small[kind].rps;
    table.push({
      figure: label,
      small: scim.small[kind].rps.toFixed(1),
      large: scim.large[kind].rps.toFixed(1),
      ratio,
      target: '≥ 0.9',
      met: ratio >= 0.9,
    });
    const smallStatements = Math.max(...scim.small.statements[kind]);
    const largeStatements = Math.max(...scim.large.statements[kind]);
    table.push({
      figure: `  statements per request`,
      small: String(smallStatements),
      large: String(largeStatements),
      ratio: null,
      target: 'equal',
      met: smallStatements === largeStatements,
    });
  }
  const { creates } = scim;
  table.push({
    figure: `${creates.count.toLocaleString('en-US')} sequential creates: per second ÷ control views`,
    small: `control ${creates.controlPerSecond.toFixed(0)}/s`,
    large: `${creates.createsPerSecond.toFixed(0)}/s`,
    ratio: creates.createsPerSecond / creates.controlPerSecond,
    target: '',
    met: null,
  });
  table.push({
    figure: '  statements per create',
    small: '',
    large: String(creates.statementsPerCreate),
    ratio: null,
    target: '',
    met: null,
  });
  return table;
}

const rps = (r: LoadResult) => r.rps.toFixed(1);
const bytes = (value: number) => `${value.toLocaleString('en-US')} B`;
const kb = (value: number) => `${(value / 1000).toFixed(1)} KB`;
/** The users page's weight target for a page of 25 rows (issue 8). */
const MAX_PAGE_KB = 100;
const mib = (value: number) => `${(value / 2 ** 20).toFixed(1)} MiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
