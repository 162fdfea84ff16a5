/** The value at `share` (0–1) of sorted figures, nearest rank, to 0.1; NaN for none. */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return Math.round((sorted[index] as number) * 10) / 10;
}

export interface Spread {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

/** p50, p95 and the largest of some figures, in any order. */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max: percentile(sorted, 1),
  };
}

/** `count` per second over `ms` milliseconds, to 0.1; NaN when no time passed. */
export function perSecond(count: number, ms: number): number {
  return ms > 0 ? Math.round((count / ms) * 10_000) / 10 : Number.NaN;
}
