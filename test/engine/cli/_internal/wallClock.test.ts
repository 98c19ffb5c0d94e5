import { describe, expect, it } from 'vitest';
import { wallClock } from '../../../../engine/cli/_internal/wallClock.ts';

describe('wallClock', () => {
  it('sleeps a wait longer than a timer holds without firing at once, and ends it when the signal aborts', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    const stop = new AbortController();
    let done = false;
    const sleeping = wallClock.sleep(2 ** 40, stop.signal).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(done).toBe(false); // a 2^40 ms timer would overflow and fire after 1 ms
    stop.abort();
    await sleeping;
    expect(done).toBe(true);
    process.off('warning', onWarning);
    expect(warnings).not.toContain('TimeoutOverflowWarning');
  });

  it('returns at once for a signal already aborted, and gives a request deadline that aborts', async () => {
    await wallClock.sleep(60_000, AbortSignal.abort());
    const deadline = wallClock.timeout(10);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(deadline.aborted).toBe(true);
  });
});
