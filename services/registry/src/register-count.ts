import type { PrismaClient } from '@kdn/prisma/registry';
import DataLoader from 'dataloader';

export interface RegisterCount {
  families: number;
  minors: number;
}

interface DistrictCount extends RegisterCount {
  districtCode: string;
}

/**
 * Families and minors on the register on a day: registrations opened on or before it and not yet
 * closed (a registration closed on a day no longer counts that day); minors from the day they were added.
 */
export function countOnRegister(
  db: PrismaClient,
  districtCodes: string[],
  asOf: Date,
): Promise<DistrictCount[]> {
  return db.$queryRaw<DistrictCount[]>`
    SELECT r."districtCode",
           count(DISTINCT r."familyId")::int AS families,
           count(DISTINCT rm."minorId")::int AS minors
      FROM "Registration" r
      LEFT JOIN "RegisteredMinor" rm ON rm."registrationId" = r.id AND rm."addedOn" <= ${asOf}
     WHERE r."districtCode" = ANY(${districtCodes})
       AND r."openedOn" <= ${asOf}
       AND (r."closedOn" IS NULL OR r."closedOn" > ${asOf})
     GROUP BY r."districtCode"`;
}

/** Families whose registration opened in the period, and minors put on the register in it (inclusive dates). */
export function countRegisteredDuring(
  db: PrismaClient,
  districtCodes: string[],
  { from, to }: { from: Date; to: Date },
): Promise<DistrictCount[]> {
  return db.$queryRaw<DistrictCount[]>`
    SELECT r."districtCode",
           count(DISTINCT r."familyId") FILTER (WHERE r."openedOn" BETWEEN ${from} AND ${to})::int AS families,
           count(DISTINCT rm."minorId") FILTER (WHERE rm."addedOn" BETWEEN ${from} AND ${to})::int AS minors
      FROM "Registration" r
      LEFT JOIN "RegisteredMinor" rm ON rm."registrationId" = r.id
     WHERE r."districtCode" = ANY(${districtCodes})
       AND r."openedOn" <= ${to}
       AND (r."closedOn" IS NULL OR r."closedOn" >= ${from})
     GROUP BY r."districtCode"`;
}

/**
 * Batches a per-district figure: every district asked for with the same parameters in one tick of a
 * request is answered by one SQL aggregate.
 */
export function districtFigures<Params>(
  query: (districtCodes: string[], params: Params) => Promise<DistrictCount[]>,
) {
  const cacheKey = ({ districtCode, params }: { districtCode: string; params: Params }) =>
    `${districtCode}|${JSON.stringify(params)}`;
  return new DataLoader<{ districtCode: string; params: Params }, RegisterCount, string>(
    async (keys) => {
      const groups = new Map<string, { params: Params; codes: string[] }>();
      for (const { districtCode, params } of keys) {
        const group = groups.get(JSON.stringify(params)) ?? { params, codes: [] };
        group.codes.push(districtCode);
        groups.set(JSON.stringify(params), group);
      }
      const counts = new Map<string, RegisterCount>();
      for (const { params, codes } of groups.values()) {
        for (const { districtCode, families, minors } of await query(codes, params)) {
          counts.set(cacheKey({ districtCode, params }), { families, minors });
        }
      }
      return keys.map((key) => counts.get(cacheKey(key)) ?? { families: 0, minors: 0 });
    },
    { cacheKeyFn: cacheKey },
  );
}
