// `npm run dev`: the first run on a machine writes a random AUTH_SECRET to .env.local (git-ignored), so
// a fresh clone needs no set-up; then it runs `next dev`. Without DATABASE_URL the app uses the embedded
// database in .data/, and without RESEND_API_KEY the development mailbox at /dev/mailbox.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const envFile = path.resolve('.env.local');
const existing = fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : '';
if (!process.env.AUTH_SECRET && !/^AUTH_SECRET=/m.test(existing)) {
  const line = `AUTH_SECRET=${randomBytes(32).toString('base64url')}\n`;
  fs.writeFileSync(envFile, existing && !existing.endsWith('\n') ? `${existing}\n${line}` : existing + line);
  console.log('Wrote a new AUTH_SECRET to .env.local (kept out of git).');
}

process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const next = path.resolve('node_modules/next/dist/bin/next');
const child = spawn(process.execPath, [next, 'dev', ...process.argv.slice(2)], { stdio: 'inherit' });
const forward = (signal) => () => child.kill(signal);
process.on('SIGINT', forward('SIGINT'));
process.on('SIGTERM', forward('SIGTERM'));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
