// Signals between a request that has just queued emails and this process's email worker: the request
// wakes the worker at once (instead of at its next poll), and the worker says when it has recorded
// results, so that the request reads them at once (instead of at its next look). Both do nothing across
// processes: there the worker's polling and the request's own looks take over.
import 'server-only';
import { EventEmitter } from 'node:events';

const globalForNudge = globalThis as unknown as {
  __aiHubEmailNudge?: () => void;
  __aiHubEmailRecorded?: EventEmitter;
};

function recorded(): EventEmitter {
  globalForNudge.__aiHubEmailRecorded ??= new EventEmitter().setMaxListeners(0);
  return globalForNudge.__aiHubEmailRecorded;
}

/** Called by the worker once it works queue `email` in this process. */
export function setEmailNudge(nudge: (() => void) | undefined): void {
  globalForNudge.__aiHubEmailNudge = nudge;
}

export function nudgeEmailWorker(): void {
  globalForNudge.__aiHubEmailNudge?.();
}

/** The worker recorded results (of any messages). */
export function emailResultsRecorded(): void {
  recorded().emit('recorded');
}

/** Resolves when this process's worker next records results, or after `ms`, whichever comes first. */
export function nextRecordingOr(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      recorded().off('recorded', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    recorded().once('recorded', done);
  });
}
