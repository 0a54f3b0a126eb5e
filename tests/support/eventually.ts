/** Waits until `check` holds, looking every 100 ms, up to `ms` (the job queue works in the background). */
export async function eventually(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the queue did not get there in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
