// No English written into a component: every word a person reads comes from the catalogs. The development
// tools (/dev and its components), which only a developer on their own machine opens, stay English.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishIn, tsxFiles } from '../support/english-strings';

const root = path.join(import.meta.dirname, '../..');
const DEVELOPMENT_TOOLS = [path.join('app', 'dev'), path.join('components', 'dev-dns')];

describe('components read their words from the catalogs', () => {
  it.each(['app', 'components', 'emails'])('no English literal in %s/', (folder) => {
    const files = tsxFiles(path.join(root, folder)).filter(
      (file) => !DEVELOPMENT_TOOLS.some((tool) => path.relative(root, file).startsWith(tool)),
    );
    expect(files.length).toBeGreaterThan(0);
    const found = files
      .flatMap((file) => englishIn(file))
      .map(({ file, line, text }) => `${path.relative(root, file)}:${line} ${text}`);
    expect(found).toEqual([]);
  });

  it('finds what it looks for (JSX text, a read attribute, a toast), and not names or symbols', () => {
    const found = englishIn(
      'x.tsx',
      `export function X() {
        toast.success('Saved');
        return <div aria-label="Open menu" className="flex">Hello {name} · <b>{'Delete'}</b>{' · '}</div>;
      }`,
    ).map((finding) => finding.text);
    expect(found).toEqual(['Saved', 'Open menu', 'Hello', 'Delete']);
  });
});
