// The CSV export (issue 10) over HTTP: GET /admin/<org>/users/export downloaded whole, its time and the
// serving process's resident memory sampled every few milliseconds while it streams. Both sizes are
// exported from the SAME server (the large organization's), the small one first, so the memory ratio
// compares one process with itself and the large export cannot profit from memory the small one left:
// an export that held every row would show here as the large export's peak.
import { config, log, median } from './config';
import type { SeededOrg } from './database';
import { rssBytes, type Server } from './server';

export interface ExportRun {
  ms: number;
  bytes: number;
  rows: number;
  rssBefore: number;
  rssPeak: number;
}

export interface ExportResult {
  label: string;
  runs: ExportRun[];
  medianMs: number;
  /** The largest resident memory seen during any of the runs, and before the first. */
  rssPeak: number;
  rssBefore: number;
  rows: number;
  bytes: number;
}

async function exportOnce(server: Server, cookie: string, org: SeededOrg): Promise<ExportRun> {
  const rssBefore = rssBytes(server.servingPid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssBytes(server.servingPid));
  }, 5);
  const started = performance.now();
  try {
    const response = await fetch(`${server.url}/admin/${org.slug}/users/export`, { headers: { cookie } });
    if (response.status !== 200 || !response.body) throw new Error(`export answered ${response.status}`);
    let bytes = 0;
    let rows = 0;
    for await (const chunk of response.body) {
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) rows += 1;
    }
    const ms = performance.now() - started;
    rssPeak = Math.max(rssPeak, rssBytes(server.servingPid));
    // Lines less the header.
    return { ms, bytes, rows: rows - 1, rssBefore, rssPeak };
  } finally {
    clearInterval(sampler);
  }
}

async function exportRuns(server: Server, cookie: string, org: SeededOrg): Promise<ExportResult> {
  const runs: ExportRun[] = [];
  for (let run = 0; run < config.exportRuns; run++) runs.push(await exportOnce(server, cookie, org));
  const result: ExportResult = {
    label: org.label,
    runs,
    medianMs: median(runs.map((run) => run.ms)),
    rssPeak: Math.max(...runs.map((run) => run.rssPeak)),
    rssBefore: runs[0].rssBefore,
    rows: runs[0].rows,
    bytes: runs[0].bytes,
  };
  log(
    `export of ${org.label} (${result.rows.toLocaleString('en-US')} rows, ${(result.bytes / 1024).toFixed(0)} KiB): ` +
      `median ${result.medianMs.toFixed(0)} ms, RSS ${(result.rssBefore / 2 ** 20).toFixed(0)} → peak ` +
      `${(result.rssPeak / 2 ** 20).toFixed(0)} MiB`,
  );
  return result;
}

/** Both organizations exported from `server`, the small one first; each Owner's own session cookie. */
export async function measureExports(
  server: Server,
  small: { org: SeededOrg; cookie: string },
  large: { org: SeededOrg; cookie: string },
) {
  return {
    small: await exportRuns(server, small.cookie, small.org),
    large: await exportRuns(server, large.cookie, large.org),
  };
}
