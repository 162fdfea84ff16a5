import { describe, expect, test } from 'vitest';
import { percentile, perSecond, spreadOf } from './stats.ts';

describe('the figures of a sample', () => {
  test('a percentile is the nearest rank: the smallest value with at least that share at or below it', () => {
    const sorted = Array.from({ length: 20 }, (_, index) => index + 1);
    expect(percentile(sorted, 0.5)).toBe(10);
    expect(percentile(sorted, 0.95)).toBe(19);
    expect(percentile(sorted, 1)).toBe(20);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
    expect(percentile([1.234, 2], 0.5)).toBe(1.2);
  });

  test('the spread sorts first, and its max is the largest', () => {
    expect(spreadOf([30, 10, 20, 40])).toEqual({ count: 4, p50: 20, p95: 40, max: 40 });
    expect(spreadOf([]).count).toBe(0);
  });

  test('a rate per second from milliseconds', () => {
    expect(perSecond(2000, 4000)).toBe(500);
    expect(perSecond(1, 3000)).toBe(0.3);
    expect(perSecond(5, 0)).toBeNaN();
  });
});
