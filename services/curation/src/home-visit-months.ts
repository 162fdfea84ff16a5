import { isoDate, type Period, period } from '@kdn/platform';
import { Prisma, type PrismaClient } from '@kdn/prisma/curation';
import { builder } from './builder.ts';
import { homeVisitKinds } from './home-visits.ts';
import { District } from './references.ts';

/**
 * Clause 2.3 over a period, as a share of ward-months: a ward-month is a calendar month in which the
 * ward had an active assignment on at least one day of the period; it complies when a home visit to
 * the ward was recorded in that month, within the period. Months cut by the period's ends count the
 * days inside it only. Replacing the curator mid-month leaves one ward-month.
 */
export interface HomeVisitMonthCount {
  wardMonths: number;
  withHomeVisit: number;
}

export function countHomeVisitMonths(
  db: PrismaClient,
  districtCodes: string[],
  { from, to }: Period,
): Promise<Array<HomeVisitMonthCount & { districtCode: string }>> {
  const first = Prisma.sql`${isoDate(from)}::date`;
  const last = Prisma.sql`${isoDate(to)}::date`;
  return db.$queryRaw`
    WITH ward_months AS (
      SELECT DISTINCT a."districtCode", a."familyId", m.month::date AS month
        FROM "CuratorAssignment" a
       CROSS JOIN LATERAL generate_series(
               date_trunc('month', GREATEST(a."startedOn", ${first})::timestamp),
               date_trunc('month', LEAST(COALESCE(a."endedOn" - 1, ${last}), ${last})::timestamp),
               interval '1 month') AS m(month)
       WHERE a."districtCode" = ANY(${districtCodes})
         AND a."startedOn" <= ${last}
         AND (a."endedOn" IS NULL OR a."endedOn" > ${first})
    )
    SELECT w."districtCode",
           count(*)::int AS "wardMonths",
           count(*) FILTER (WHERE EXISTS (
             SELECT 1
               FROM "Visit" v
              WHERE v."familyId" = w."familyId"
                AND v.kind::text = ANY(${homeVisitKinds})
                AND v."visitedOn" >= GREATEST(w.month, ${first})
                AND v."visitedOn" < w.month + interval '1 month'
                AND v."visitedOn" <= ${last}
           ))::int AS "withHomeVisit"
      FROM ward_months w
     GROUP BY 1`;
}

const HomeVisitMonths = builder.objectRef<HomeVisitMonthCount>('HomeVisitMonths').implement({
  description:
    'Home-visit compliance over a period (clause 2.3: a home visit at least once a month), by ward-month: a ' +
    'calendar month in which a ward had a curator on at least one day of the period.',
  fields: (t) => ({
    wardMonths: t.exposeInt('wardMonths', { figure: true, description: 'Ward-months in the period.' }),
    withHomeVisit: t.exposeInt('withHomeVisit', {
      figure: true,
      description: 'Of those, the ward-months in which a home visit to the ward was recorded.',
    }),
    share: t.float({
      nullable: true,
      description:
        '`withHomeVisit` / `wardMonths`; null when there are no ward-months, and for methodologists when either is below 3.',
      resolve: ({ wardMonths, withHomeVisit }, _args, { access }) => {
        if (wardMonths === 0) return null;
        // A share of suppressed counts would give them away.
        if (access.figure(wardMonths) === null || access.figure(withHomeVisit) === null) return null;
        return withHomeVisit / wardMonths;
      },
    }),
  }),
});

builder.objectField(District, 'homeVisitMonths', (t) =>
  t.field({
    type: HomeVisitMonths,
    nullable: true,
    description: 'Home-visit compliance by ward-month in [from, to], both days included.',
    args: {
      from: t.arg({ type: 'Date', description: 'First day of the period.' }),
      to: t.arg({ type: 'Date', description: 'Last day of the period.' }),
    },
    resolve: (district, { from, to }, { access, loaders }) => {
      const params = period(from, to);
      access.require(access.readsAggregatesOf(district.code), `the figures of district ${district.code}`);
      return loaders.homeVisitMonthCounts.load({ districtCode: district.code, params });
    },
  }),
);
