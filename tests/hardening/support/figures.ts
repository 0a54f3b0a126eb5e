// The hardening suites' figures: printed as a small table (console.log, so they show in the test run)
// and written to .artifacts/hardening/<name>.<driver>.json, from which .ci/run prints a summary at the end.
import fs from 'node:fs';
import path from 'node:path';

export const FIGURES_DIR = path.join(process.cwd(), '.artifacts', 'hardening');

export type FigureRows = [string, string | number][];

export function formatTable(title: string, rows: FigureRows): string {
  const width = Math.max(title.length, ...rows.map(([label]) => label.length));
  const valueWidth = Math.max(8, ...rows.map(([, value]) => String(value).length));
  const rule = `  ${'-'.repeat(width + valueWidth + 2)}`;
  const lines = rows.map(
    ([label, value]) => `  ${label.padEnd(width)}  ${String(value).padStart(valueWidth)}`,
  );
  return ['', `  ${title}`, rule, ...lines, rule, ''].join('\n');
}

/** Prints the table and records it for the CI summary. */
export function reportFigures(name: string, title: string, rows: FigureRows) {
  console.log(formatTable(title, rows));
  const driver = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
  try {
    fs.mkdirSync(FIGURES_DIR, { recursive: true });
    fs.writeFileSync(
      path.join(FIGURES_DIR, `${name}.${driver}.json`),
      `${JSON.stringify({ name, title, driver, at: new Date().toISOString(), rows }, null, 2)}\n`,
    );
  } catch {
    // Figures are a report, never a reason to fail.
  }
}
