import { describe, expect, test } from 'vitest';
import { figuresByKey } from './loaders.ts';

describe('figuresByKey', () => {
  const asked: Array<{ keys: string[]; asOf: string }> = [];
  const figures = () =>
    figuresByKey(async (keys: string[], params: { asOf: Date; from: Date }) => {
      asked.push({ keys, asOf: params.asOf.toISOString().slice(0, 10) });
      return new Map(keys.map((key) => [key, `${key}@${params.asOf.toISOString().slice(0, 10)}`]));
    }, 'none');
  const on = (asOf: string) => ({ asOf: new Date(asOf), from: new Date('2026-01-01') });

  test('answers equal params, each load its own object, with one query; other dates with their own', async () => {
    asked.length = 0;
    const loader = figures();
    const answers = await Promise.all([
      loader.load({ key: 'a', params: on('2026-10-01') }),
      loader.load({ key: 'b', params: on('2026-10-01') }),
      loader.load({ key: 'a', params: on('2026-10-02') }),
    ]);
    expect(answers).toEqual(['a@2026-10-01', 'b@2026-10-01', 'a@2026-10-02']);
    expect(asked).toEqual([
      { keys: ['a', 'b'], asOf: '2026-10-01' },
      { keys: ['a'], asOf: '2026-10-02' },
    ]);
  });

  test('takes a date as the params themselves, by its day', async () => {
    const loader = figuresByKey(
      async (keys: string[], day: Date) => new Map(keys.map((key) => [key, day.getUTCDate()])),
      0,
    );
    const answers = await Promise.all([
      loader.load({ key: 'a', params: new Date('2026-10-01') }),
      loader.load({ key: 'a', params: new Date('2026-10-02') }),
    ]);
    expect(answers).toEqual([1, 2]);
  });
});
