// The domain's clock. Tests move it (expiry, cooldowns) without fake timers, which would stall the
// database drivers.
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Tests only: shift the domain's clock by `ms` (cumulative); `resetClock()` undoes it. */
export function advanceClock(ms: number) {
  offsetMs += ms;
}

export function resetClock() {
  offsetMs = 0;
}
