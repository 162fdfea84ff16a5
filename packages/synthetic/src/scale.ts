import { dayOf } from './calendar.ts';

/**
 * The tiers of the data set. A region is the issue's: 60 districts, about 1,500 agencies, 1,200
 * curators and 12,000 families registered over five years, about 2,000 of them on the register on
 * the as-of date; the country is fifty regions. `tiny` is for tests.
 */
export type ScaleName = 'tiny' | 'region' | 'national';

export interface Scale {
  name: ScaleName;
  regions: number;
  districtsPerRegion: number;
  /** Per district of average size: families registered over the five years. */
  familiesPerDistrict: number;
  curatorsPerDistrict: number;
  agenciesPerDistrict: number;
}

export const scales = {
  tiny: {
    name: 'tiny',
    regions: 1,
    districtsPerRegion: 3,
    familiesPerDistrict: 40,
    curatorsPerDistrict: 6,
    agenciesPerDistrict: 14,
  },
  region: {
    name: 'region',
    regions: 1,
    districtsPerRegion: 60,
    familiesPerDistrict: 200,
    curatorsPerDistrict: 20,
    agenciesPerDistrict: 25,
  },
  national: {
    name: 'national',
    regions: 50,
    districtsPerRegion: 60,
    familiesPerDistrict: 200,
    curatorsPerDistrict: 20,
    agenciesPerDistrict: 25,
  },
} as const satisfies Record<ScaleName, Scale>;

export function isScaleName(name: string): name is ScaleName {
  return name in scales;
}

/** The day the figures are asked about: the last day of the five years of history. */
export const asOfIso = '2026-10-31';
export const asOf = dayOf(asOfIso);
/** The first day of the history. */
export const historyStart = dayOf('2021-11-01');
