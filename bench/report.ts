// The benchmark's one table: figure | at small | at large | ratio | target | met?
export type Row =
  | { section: string }
  | { figure: string; small: string; large: string; ratio: number | null; target: string; met: boolean | null };

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
  const widths = header.map((_, column) => Math.max(...cells.map((cells) => cells[column]!.length)));
  const align = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 || column === 4 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ');
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-');
  const lines = [align(header), rule];
  for (const row of body) lines.push(Array.isArray(row) ? align(row) : `${row.section}:`);
  return lines.join('\n');
}
