// Finds English left in components: JSX text, the text of the attributes a person reads (or hears), and
// the messages of toasts, written as literals instead of read from the catalogs (messages/*.json).
// `npx tsx tests/support/english-strings.ts <file or folder>...` lists them; tests/i18n uses it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Attributes whose value a person reads or hears. */
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'placeholder',
  'title',
  'alt',
  'label',
  'description',
  'heading',
]);

/** Words: two letters of the Latin alphabet in a row (an English word, not "·", "—" or "@"). */
const WORD = /[A-Za-z]{2,}/;

export interface Finding {
  file: string;
  line: number;
  text: string;
}

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('');
  return null;
}

/** The English literals of one .tsx file. */
export function englishIn(file: string, source = readFileSync(file, 'utf8')): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Finding[] = [];
  const report = (node: ts.Node, text: string) => {
    if (!WORD.test(text)) return;
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push({ file, line: line + 1, text: text.trim().replace(/\s+/g, ' ').slice(0, 80) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const value = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
      const text = value ? literalText(value) : null;
      if (value && text !== null) report(value, text);
    }
    if (ts.isJsxExpression(node) && node.expression && ts.isJsxElement(node.parent)) {
      const text = literalText(node.expression);
      if (text !== null) report(node.expression, text);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(sf);
      const first = node.arguments[0];
      const text = first ? literalText(first) : null;
      if (/^toast(\.\w+)?$/.test(callee) && first && text !== null) report(first, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Every .tsx file under `target` (a file or a folder). */
export function tsxFiles(target: string): string[] {
  if (statSync(target).isFile()) return target.endsWith('.tsx') ? [target] : [];
  return readdirSync(target, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.tsx'))
    .map((name) => path.join(target, name))
    .sort();
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const findings = process.argv
    .slice(2)
    .flatMap(tsxFiles)
    .flatMap((file) => englishIn(file));
  for (const { file, line, text } of findings) console.log(`${file}:${line}  ${text}`);
  console.log(`${findings.length} English literal(s)`);
}
