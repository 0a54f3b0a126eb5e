// Helpers of the security suites (tests/e2e/security-*.e2e.ts): server actions called over HTTP the way
// the browser calls them, Content-Security-Policy violations seen in the page, and the figures each
// suite reports (printed, and written for scripts/hardening-figures.mjs).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll } from 'vitest';
import { root } from '../../support/next-server';

/** A new address of this run. */
export function fresh(label: string) {
  return `${label}-${randomBytes(4).toString('hex')}@example.test`;
}

/** A client address of its own (X-Forwarded-For), so that no per-client limit is shared between tests. */
export function clientAddress() {
  return `198.51.100.${1 + (randomBytes(1)[0] % 250)}`;
}

export async function cookieHeader(context: BrowserContext, base: string) {
  return (await context.cookies(base)).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

export interface WireResult {
  status: number;
  body: string;
  result: { ok: boolean; data?: unknown; error?: { code: string; message: string } } | null;
}

/** Calls a server action the way the browser does (POST, Next-Action header, JSON arguments). `origin: null` sends none. */
export async function callAction(
  base: string,
  input: {
    id: string;
    path: string;
    args: unknown[];
    cookie?: string;
    origin?: string | null;
    clientAddress?: string;
  },
): Promise<WireResult> {
  const headers: Record<string, string> = {
    'Next-Action': input.id,
    'Content-Type': 'text/plain;charset=UTF-8',
    Accept: 'text/x-component',
    'X-Forwarded-For': input.clientAddress ?? clientAddress(),
  };
  if (input.cookie) headers.Cookie = input.cookie;
  if (input.origin !== null) headers.Origin = input.origin ?? base;
  const response = await fetch(`${base}${input.path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(input.args),
    redirect: 'manual',
  });
  const body = await response.text();
  const line = body.split('\n').find((l) => /^\d+:\{"ok":/.test(l));
  return {
    status: response.status,
    body,
    result: line ? JSON.parse(line.slice(line.indexOf(':') + 1)) : null,
  };
}

/** The id of the organization whose console `page` shows, read from its settings page's payload. */
export async function organizationIdOf(page: Page): Promise<string> {
  const slug = new URL(page.url()).pathname.split('/')[2];
  const html = await (await page.context().request.get(`/admin/${slug}/settings`)).text();
  const match = /organizationId\\?":\\?"([0-9a-f-]{36})/.exec(html);
  if (!match) throw new Error('organization id not found on the settings page');
  return match[1];
}

/** Records CSP violations of every page of the context (read with `violations(page)`). */
export async function watchViolations(context: BrowserContext) {
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      w.__violations.push(
        `${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
}

export async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
}

/** The page hydrated: Next's client runtime ran (its scripts were allowed by the policy). */
export async function expectHydrated(page: Page) {
  await page.waitForFunction(
    () => typeof (window as unknown as { next?: unknown }).next === 'object',
    undefined,
    { timeout: 15_000 },
  );
}

const TITLE = 'Security, browser and HTTP level';

/**
 * The figures of one security suite: rows pushed by its tests, printed after them and written to
 * .artifacts/hardening/security-e2e.<part>.json; the CI summary joins the parts into one table.
 */
export function securityFigures(part: string): [string, string | number][] {
  const figures: [string, string | number][] = [];
  afterAll(() => {
    const lines = figures.map(([label, value]) => `  ${label.padEnd(64)} ${String(value).padStart(10)}`);
    console.log(
      ['', `  ${TITLE}: ${part}`, `  ${'-'.repeat(76)}`, ...lines, `  ${'-'.repeat(76)}`, ''].join('\n'),
    );
    try {
      const dir = path.join(root, '.artifacts', 'hardening');
      fs.mkdirSync(dir, { recursive: true });
      const report = { name: 'security-e2e', title: TITLE, part, rows: figures };
      fs.writeFileSync(path.join(dir, `security-e2e.${part}.json`), `${JSON.stringify(report, null, 2)}\n`);
    } catch {
      // a report only
    }
  });
  return figures;
}
