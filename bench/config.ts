// One benchmark run's settings: the command line (--quick, --skip-build, --build), the sizes and
// durations of the full and the quick form, where the figures and logs go, and the progress log.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { root } from '../tests/support/next-server';

export const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
  },
});
export const quick = flags.quick;

const full = {
  small: { members: 100, invitations: 10 },
  large: { members: 10_000, invitations: 1_000 },
  connections: 10,
  warmupS: 5,
  // Each page's 15 s of load, in 5 windows of 3 s taken in turn with every other page's, one round per
  // page so that each takes every place in the order once (bench/pages.ts).
  durationS: 3,
  rounds: 5,
  bulkSize: 1_000,
  bulkRepeats: 5,
  inviteSize: 100,
  inviteRepeats: 3,
  drainSize: 10_000,
  viewSamples: 3,
  exportRuns: 3,
};

/** The quick form (CI): the same steps on a small organization, once each (autocannon works in whole seconds). */
const quickForm: Partial<typeof full> = {
  small: { members: 20, invitations: 2 },
  large: { members: 200, invitations: 20 },
  ...{ warmupS: 1, durationS: 1, rounds: 1, bulkSize: 25, bulkRepeats: 3, inviteRepeats: 1 },
  ...{ drainSize: 1_000, viewSamples: 2, exportRuns: 2 },
};

export const config: typeof full = quick ? { ...full, ...quickForm } : full;

export const outDir = path.join(root, '.bench');
export const stamp = new Date().toISOString().replace(/[:.]/g, '-');
export const logDir = path.join(outDir, `${stamp}${quick ? '-quick' : ''}`);

const startedAt = Date.now();
export function log(message: string) {
  process.stdout.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
}

/** The benchmark could not run (a missed target is no error: it is reported in the table). */
export class CouldNotRun extends Error {}

/** Runs a benchmark's `main`: exits 0 when it ran (a missed target included), 1 when it could not, saying why. */
export function runBench(main: () => Promise<void>) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `\n[bench] could not run: ${error instanceof CouldNotRun ? error.message : ((error as Error).stack ?? String(error))}\n`,
      );
      process.exit(1);
    },
  );
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
