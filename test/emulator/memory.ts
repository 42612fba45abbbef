// Memory measurement for the huge-body tests: the peak while something runs, not what is left after.

/** heapUsed + arrayBuffers of this process, in bytes. */
export function memoryInUse(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * How far memory rose above its level before `run` (after a collection), sampled every 2 ms while it
 * runs, in MB.
 */
export async function peakGrowthMb(run: () => Promise<unknown>, collect: () => void): Promise<number> {
  collect();
  const baseline = memoryInUse();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, memoryInUse())), 2);
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  return (Math.max(peak, memoryInUse()) - baseline) / 2 ** 20;
}

/** V8's gc() even without --expose-gc on the command line (the extension host has none). */
export function garbageCollector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString('--expose-gc');
  return (require('node:vm') as typeof import('node:vm')).runInNewContext('gc') as () => void;
}
