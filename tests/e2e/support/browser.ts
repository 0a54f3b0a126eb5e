// Browser helpers for the e2e tests: Debian's Chromium through playwright-core, the real magic-link
// sign-in through the development mailbox, axe-core checks, screenshots, and a collector of browser
// console errors and page errors.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { gotoReady, waitForReady } from './ready';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
export const ARTIFACTS_DIR = path.join(root, '.artifacts', 'e2e');
export const SCREENSHOTS_DIR = path.join(ARTIFACTS_DIR, 'screenshots');

export const SIGN_IN_SUBJECT = 'Sign in to AI Hub';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function baseUrl(): string {
  return inject('baseUrl');
}

/** A fresh Chromium (launch gives it a new, temporary user data dir). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

// ---------------------------------------------------------------------------------------------------
// Console errors and page errors

export interface BrowserProblem {
  kind: 'console' | 'pageerror' | 'crash';
  url: string;
  text: string;
}

const problemsByPage = new WeakMap<Page, BrowserProblem[]>();

/** Records console errors, uncaught page errors and crashes of `page` (done for every page of newContext). */
export function collectProblems(page: Page): BrowserProblem[] {
  const existing = problemsByPage.get(page);
  if (existing) return existing;
  const problems: BrowserProblem[] = [];
  problemsByPage.set(page, problems);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const location = message.location();
    problems.push({ kind: 'console', url: location.url || page.url(), text: message.text() });
  });
  page.on('pageerror', (error) => {
    problems.push({ kind: 'pageerror', url: page.url(), text: error.stack || String(error) });
  });
  page.on('crash', () => problems.push({ kind: 'crash', url: page.url(), text: 'The page crashed' }));
  return problems;
}

/** Everything recorded on `page` so far. */
export function browserProblems(page: Page): BrowserProblem[] {
  return problemsByPage.get(page) ?? [];
}

/**
 * Fails when `page` logged a console error or threw, other than those matching `allow` (for example
 * Chromium's "Failed to load resource: … status of 403" for a page that is meant to answer 403).
 */
export function expectNoBrowserErrors(page: Page, options: { allow?: RegExp[] } = {}) {
  const allow = options.allow ?? [];
  const problems = browserProblems(page).filter(
    (problem) => !isFaviconProbe(problem) && !allow.some((pattern) => pattern.test(problem.text)),
  );
  if (problems.length > 0) {
    const listing = problems
      .map((p) => `  - [${p.kind}] ${p.url}\n    ${p.text.split('\n').join('\n    ')}`)
      .join('\n');
    expect.fail(`The browser reported ${problems.length} error(s):\n${listing}`);
  }
}

/**
 * Chromium asks for /favicon.ico by itself whenever it sees no icon link. The app declares app/icon.svg
 * (a <link rel="icon"> in the head), but during client-side navigations Next replaces the head's
 * metadata and Chromium sometimes probes /favicon.ico in between, which 404s (there is none). It comes
 * and goes with timing and is not an error of the page: ignored.
 */
function isFaviconProbe(problem: BrowserProblem): boolean {
  return (
    problem.kind === 'console' &&
    new URL(problem.url, 'http://x').pathname === '/favicon.ico' &&
    /status of 404\b/.test(problem.text)
  );
}

/** Chromium logs this for any document or resource answered with `status`. */
export function failedToLoad(status: number): RegExp {
  return new RegExp(`Failed to load resource: the server responded with a status of ${status}\\b`);
}

// ---------------------------------------------------------------------------------------------------
// Contexts

export interface ContextOptions {
  /** The window size; 1280×800 by default. */
  viewport?: { width: number; height: number };
  /**
   * The client address the app sees, sent as X-Forwarded-For (what the load balancer in front of the
   * app sets). The app's per-client limits (invitation links: 60 a minute) count by it; without it every
   * test shares one bucket with every other suite.
   */
  clientAddress?: string;
  /** The browser's language (its Accept-Language and navigator.language); en-US unless said. */
  locale?: string;
}

/** A new browser context (1280×800, relative URLs against the server); every page in it is watched. */
export async function newContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: options.locale ?? 'en-US',
    timezoneId: 'UTC',
    ...(options.clientAddress ? { extraHTTPHeaders: { 'X-Forwarded-For': options.clientAddress } } : {}),
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  context.on('page', (page) => collectProblems(page));
  return context;
}

/** A new context with one page in it. */
export async function newPage(
  browser: Browser,
  options: ContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  collectProblems(page);
  return { context, page };
}

/**
 * One Chromium for the test file; `open()` gives a fresh context and page, closed after the test. When a
 * test fails, each of its open pages is saved to .artifacts/e2e/screenshots/failed-<test>-<n>.png.
 */
export function useBrowser() {
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      let n = 0;
      for (const context of contexts) {
        for (const page of context.pages()) {
          n += 1;
          await screenshot(page, `failed-${ctx.task.name}-${n}`).catch(() => undefined);
        }
      }
    }
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error('The browser is not running yet (use it inside a test or hook)');
      return browser;
    },
    async open(options: ContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
      if (!browser) throw new Error('The browser is not running yet (use it inside a test or hook)');
      const opened = await newPage(browser, options);
      contexts.push(opened.context);
      return opened;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// The development mailbox

export interface MailboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

export async function mailboxMessages(base = baseUrl()): Promise<MailboxMessage[]> {
  const response = await fetch(`${base}/dev/mailbox/messages`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`GET /dev/mailbox/messages answered ${response.status}`);
  return (await response.json()) as MailboxMessage[];
}

/** The newest message to `email` (whose subject includes `subjectIncludes`, if given), or null. */
export async function latestEmailTo(
  base: string,
  email: string,
  subjectIncludes?: string,
): Promise<MailboxMessage | null> {
  const address = email.trim().toLowerCase();
  const messages = await mailboxMessages(base);
  return (
    messages.find(
      (message) =>
        message.to.toLowerCase() === address &&
        (!subjectIncludes || message.subject.includes(subjectIncludes)),
    ) ?? null
  );
}

/** Waits for a message to `email` that was not in `seenIds`. */
export async function waitForEmail(
  email: string,
  options: { subjectIncludes?: string; seenIds?: Set<string>; timeoutMs?: number; base?: string } = {},
): Promise<MailboxMessage> {
  const address = email.trim().toLowerCase();
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const messages = await mailboxMessages(options.base);
    const found = messages.find(
      (message) =>
        message.to.toLowerCase() === address &&
        (!options.subjectIncludes || message.subject.includes(options.subjectIncludes)) &&
        !options.seenIds?.has(message.id),
    );
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(
        `No new email to ${email}${options.subjectIncludes ? ` about "${options.subjectIncludes}"` : ''} arrived`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every http(s) URL in a plain-text email, in order. */
export function urlsIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"'\[\]()]+/g)].map((match) =>
    match[0].replace(/[.,;:!?]+$/, ''),
  );
}

/** The magic link in a sign-in email's text part. */
export function signInLinkFrom(message: MailboxMessage): string {
  const urls = urlsIn(message.text);
  const link = urls.find((url) => url.includes('/api/auth/callback/'));
  if (!link)
    throw new Error(`No sign-in link in the email "${message.subject}" to ${message.to}:\n${message.text}`);
  return link;
}

// ---------------------------------------------------------------------------------------------------
// Sign-in

/**
 * Signs `email` in the way a person does: the Email field on /login (the page stays where it is if it
 * is already on /login, so a `callbackUrl` is kept), "Sign in with email", "Check your email", the
 * newest sign-in email in the development mailbox, then its link. Resolves once the session is live and
 * the browser has left the sign-in pages for a page that has hydrated; returns the page's URL then.
 */
export async function signIn(
  page: Page,
  email: string,
  options: {
    /** Called on "Check your email", before the link is opened (for screenshots or checks there). */
    onCheckEmail?: (page: Page) => Promise<void>;
  } = {},
): Promise<URL> {
  if (new URL(page.url(), baseUrl()).pathname !== '/login' || !page.url().startsWith(baseUrl())) {
    await gotoReady(page, '/login');
  } else {
    await waitForReady(page);
  }
  const seenIds = new Set((await mailboxMessages()).map((message) => message.id));
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Sign in with email' }).click();
  // The address bar may keep Auth.js's /api/auth/verify-request URL: Next follows the server action's
  // redirect on the server (verify-request → /login/check-email) and shows the final page under the
  // first URL. So wait for the page itself: its heading and its "Use a different email" link.
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  await page.getByRole('link', { name: 'Use a different email' }).waitFor();
  await options.onCheckEmail?.(page);

  const message = await waitForEmail(email, { subjectIncludes: SIGN_IN_SUBJECT, seenIds });
  const link = signInLinkFrom(message);
  await page.goto(link);
  await page.waitForURL((url) => !url.pathname.startsWith('/api/auth/'));
  await page.waitForLoadState('load');
  await waitForReady(page);
  if (new URL(page.url()).pathname.startsWith('/login')) {
    const alert = await page
      .getByRole('alert')
      .allTextContents()
      .catch(() => []);
    expect.fail(
      `The sign-in link for ${email} led back to ${page.url()}${alert.length ? `: ${alert.join(' ')}` : ''}`,
    );
  }

  const session = await page.context().request.get('/api/auth/session');
  const body = (await session.json()) as { user?: { email?: string } } | null;
  expect(body?.user?.email?.toLowerCase(), `the session after signing in as ${email}`).toBe(
    email.toLowerCase(),
  );
  return new URL(page.url());
}

// ---------------------------------------------------------------------------------------------------
// Accessibility and screenshots

const axeSource = () => fs.readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
let axeCache: string | undefined;

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation, listing them.
 * Minor and moderate ones are returned (and written next to the screenshots) but do not fail.
 */
export async function checkAccessibility(
  page: Page,
  label: string,
  options: {
    /** CSS selectors of parts to leave out (say why at the call site). */
    exclude?: string[];
    /**
     * Rule ids that fail at any impact on this page, on top of every serious or critical one: e.g.
     * the moderate `region` and `landmark-one-main` on pages whose landmarks have been fixed.
     */
    failOn?: string[];
    /** Rules to run besides axe's defaults, e.g. the experimental `label-content-name-mismatch`. */
    enable?: string[];
  } = {},
): Promise<AxeViolation[]> {
  await settle(page);
  const hasAxe = () =>
    page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!(await hasAxe())) {
    axeCache ??= axeSource();
    try {
      await page.addScriptTag({ content: axeCache });
    } catch {
      // A Content-Security-Policy may refuse inline scripts: evaluate it instead (CDP is not bound by CSP).
    }
    if (!(await hasAxe())) await page.evaluate(axeCache);
  }
  const violations = (await page.evaluate(
    async ({ exclude, enable }) => {
      const axe = (
        window as unknown as {
          axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> };
        }
      ).axe;
      const context =
        exclude.length > 0
          ? { include: [document], exclude: exclude.map((selector) => [selector]) }
          : document;
      const rules = Object.fromEntries(enable.map((rule) => [rule, { enabled: true }]));
      const results = await axe.run(context, { resultTypes: ['violations'], rules });
      return results.violations;
    },
    { exclude: options.exclude ?? [], enable: options.enable ?? [] },
  )) as AxeViolation[];

  if (violations.length > 0) {
    const dir = path.join(ARTIFACTS_DIR, 'axe');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, `${fileName(label)}.json`),
      JSON.stringify({ url: page.url(), violations }, null, 2),
    );
  }
  const failOn = options.failOn ?? [];
  const blocking = violations.filter(
    (violation) =>
      violation.impact === 'serious' || violation.impact === 'critical' || failOn.includes(violation.id),
  );
  if (blocking.length > 0) {
    const listing = blocking
      .map((violation) => {
        const nodes = violation.nodes
          .slice(0, 5)
          .map((node) => `      ${JSON.stringify(node.target)} ${node.html.slice(0, 160)}`)
          .join('\n');
        const more = violation.nodes.length > 5 ? `\n      … and ${violation.nodes.length - 5} more` : '';
        return `  - ${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.helpUrl}\n${nodes}${more}`;
      })
      .join('\n');
    expect.fail(
      `Accessibility check "${label}" (${page.url()}): ${blocking.length} serious/critical${failOn.length ? ` or ${failOn.join('/')}` : ''} violation(s):\n${listing}`,
    );
  }
  return violations;
}

/**
 * Lets the page come to rest before a check or a screenshot: the load event, the document title (after
 * a client-side navigation Next streams the new page's metadata a moment after its content), and
 * finite animations. Each wait is bounded: a page that never gets a title is then reported by axe.
 */
export async function settle(page: Page) {
  await page.waitForLoadState('load');
  await page
    .waitForFunction(() => document.title.trim() !== '', undefined, { timeout: 5_000 })
    .catch(() => undefined);
  await settleAnimations(page);
}

/**
 * Waits (up to `timeoutMs`) for the page's finite CSS animations and transitions to end, so that checks
 * and screenshots see the resting state (a toast fading in has a lower contrast than it will have).
 */
export async function settleAnimations(page: Page, timeoutMs = 3_000) {
  await page
    .evaluate(async (timeout) => {
      const finite = document
        .getAnimations()
        .filter(
          (animation) =>
            animation.playState === 'running' && animation.effect?.getComputedTiming().endTime !== Infinity,
        );
      await Promise.race([
        Promise.all(finite.map((animation) => animation.finished.catch(() => undefined))),
        new Promise((resolve) => setTimeout(resolve, timeout)),
      ]);
    }, timeoutMs)
    .catch(() => undefined);
}

function fileName(name: string): string {
  return (
    name
      .replace(/[^a-zA-Z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 120) || 'page'
  );
}

/** A full-page PNG at .artifacts/e2e/screenshots/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${fileName(name)}.png`);
  await settleAnimations(page, 1_000);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** The last lines of the server's log, to attach to a failure message. */
export function serverLogTail(lines = 60): string {
  try {
    return fs.readFileSync(inject('serverLogFile'), 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}
