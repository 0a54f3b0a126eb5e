// Prints the figures the hardening suites wrote to .artifacts/hardening/ (tests/hardening/support/
// figures.ts and tests/e2e/support/security.ts), one table each: what .ci/run shows at its end. A suite
// split over several files writes one part per file (same name, a `part`): its parts make one table.
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '..', '.artifacts', 'hardening');
const files = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];
if (files.length === 0) {
  console.log('No hardening figures found in .artifacts/hardening/.');
  process.exit(0);
}
const tables = new Map();
for (const file of files) {
  const { name, title, driver, rows } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const key = `${name ?? file}|${driver ?? ''}`;
  const table = tables.get(key) ?? { title, driver, rows: [] };
  table.rows.push(...rows);
  tables.set(key, table);
}
for (const { title, driver, rows } of tables.values()) {
  const heading =
    driver && !/PGlite|PostgreSQL/.test(title)
      ? `${title} [${driver === 'postgres' ? 'PostgreSQL' : 'PGlite'}]`
      : title;
  const width = Math.max(heading.length, ...rows.map(([label]) => String(label).length));
  const valueWidth = Math.max(8, ...rows.map(([, value]) => String(value).length));
  console.log(`\n  ${heading}\n  ${'-'.repeat(width + valueWidth + 2)}`);
  for (const [label, value] of rows)
    console.log(`  ${String(label).padEnd(width)}  ${String(value).padStart(valueWidth)}`);
}
console.log('');
