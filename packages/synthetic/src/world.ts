import type { DistrictPlan } from './district.ts';
import { Random } from './random.ts';
import type { Scale } from './scale.ts';
import { districtNames, regionNames } from './vocabulary.ts';

const capitals = [
  'Северогорск',
  'Приреченск',
  'Лесногорск',
  'Степногорск',
  'Озёрск',
  'Горноуральск',
  'Приморск',
  'Заволжск',
  'Уральск',
  'Сибирск',
];

/** How many of a region's districts are districts of its capital city; the rest are municipal. */
const capitalDistricts = 8;

/**
 * The districts of the tier, region by region, each with a size: districts differ as real ones do,
 * from under half the average to twice it, and every region's sizes average one.
 */
export function districtPlans(scale: Scale, seed: number): DistrictPlan[] {
  const plans: DistrictPlan[] = [];
  for (let region = 0; region < scale.regions; region += 1) {
    const random = new Random(seed, 'region', region);
    const raw = Array.from({ length: scale.districtsPerRegion }, () => Math.exp(0.45 * normal(random)));
    const mean = raw.reduce((sum, value) => sum + value, 0) / raw.length;
    const round = Math.floor(region / capitals.length);
    const capital = `${capitals[region % capitals.length]}${round > 0 ? `-${round + 1}` : ''}`;
    raw.forEach((value, index) => {
      const base = districtNames[index % districtNames.length] as string;
      const name =
        index < districtNames.length ? base : `${base}-${Math.floor(index / districtNames.length) + 1}`;
      plans.push({
        code: `r${String(region + 1).padStart(2, '0')}-${String(index + 1).padStart(2, '0')}`,
        name,
        city:
          index < capitalDistricts
            ? capital
            : `${name} муниципальный округ (${regionNames[region % regionNames.length]} обл.)`,
        region,
        index,
        weight: value / mean,
      });
    });
  }
  return plans;
}

function normal(random: Random): number {
  const u = Math.max(random.next(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}
