// Raw HTTP against the `next start` server, for requests a browser (or fetch) will not send: a forged
// Host header among them. Also the server action ids of a build, and a `next start` that is expected to
// refuse to start.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { distDir, freePort, productionEnv, spawnNextStart } from '../../support/next-server';

/** The build the e2e global setup serves. */
export const mainDist = distDir();

/** Server action ids of a build, by exported name. */
export function actionIds(distDir = mainDist): Record<string, string> {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(distDir, 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as {
    node: Record<string, { exportedName: string }>;
  };
  return Object.fromEntries(Object.entries(manifest.node).map(([id, entry]) => [entry.exportedName, id]));
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * Sends one request to the server behind `base` (its address and port), with exactly these headers:
 * `Host` included, which fetch would replace with the real one (the base's host unless given).
 */
export function rawRequest(
  base: string,
  input: { method?: string; path: string; headers: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  const target = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: Number(target.port),
        method: input.method ?? 'GET',
        path: input.path,
        headers: {
          host: target.host,
          ...input.headers,
          ...(input.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(input.body)) }),
        },
        setHost: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(input.body);
  });
}

/** The `{ ok, data | error }` result a server action sent back in its RSC answer, or null if it did not run. */
export function actionResult(body: string): { ok: boolean; data?: unknown; error?: { code: string } } | null {
  const line = body.split('\n').find((l) => /^\d+:\{"ok":/.test(l));
  return line ? JSON.parse(line.slice(line.indexOf(':') + 1)) : null;
}

/** `name=value` of each Set-Cookie, with its attributes lower-cased. */
export function setCookies(
  headers: http.IncomingHttpHeaders,
): { name: string; value: string; attributes: string[] }[] {
  return (headers['set-cookie'] ?? []).map((header) => {
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    const at = pair.indexOf('=');
    return {
      name: pair.slice(0, at),
      value: pair.slice(at + 1),
      attributes: attributes.map((a) => a.toLowerCase()),
    };
  });
}

/**
 * Runs `next start` on the main build with `env` and waits for it to stop by itself. Resolves with its
 * exit code and output; if it answers HTTP instead (it started), it is stopped by its PID and the result
 * says so (`started: true`).
 */
export async function startExpectingRefusal(env: Record<string, string>, timeoutMs = 45_000) {
  const port = await freePort();
  const child = spawnNextStart(port, productionEnv(env), 'pipe');
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const code = await Promise.race([
      exited,
      new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 250)),
    ]);
    if (code !== 'running') return { started: false, code, output };
    const answered = await fetch(`http://127.0.0.1:${port}/login`, {
      signal: AbortSignal.timeout(2_000),
    }).then(
      () => true,
      () => false,
    );
    if (answered || Date.now() > deadline) {
      process.kill(child.pid!, 'SIGKILL');
      await exited;
      return { started: answered, code: null, output };
    }
  }
}
