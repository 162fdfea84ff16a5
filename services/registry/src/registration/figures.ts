import {
  type FactsQuery,
  loaderByKey,
  loaderOfLists,
  minorFactsOf,
  type RegistrationFact,
  today,
} from '@kdn/platform';
import type { Prisma, PrismaClient } from '@kdn/prisma/registry';
import { withFamilyDistrict } from '../minor/figures.ts';

/** A registration that holds on a day: opened on or before it, not closed by then. */
export function registrationOpenOn(day: Date): Prisma.RegistrationWhereInput {
  return { openedOn: { lte: day }, OR: [{ closedOn: null }, { closedOn: { gt: day } }] };
}

export function isOpenOn(registration: { openedOn: Date; closedOn: Date | null }, day: Date): boolean {
  return registration.openedOn <= day && (registration.closedOn === null || registration.closedOn > day);
}

/**
 * The latest birth date of one who is 18 on the day: a minor is counted on the register only when
 * born after it, so their 18th birthday (`comingOfAge`) is the first day they are not counted. The
 * day's month and day in the year 18 years back, the last of the month when that year has no such
 * day (29 February).
 */
export function lastBirthDateOfAdultOn(day: Date): Date {
  const year = day.getUTCFullYear() - 18;
  const month = day.getUTCMonth();
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day.getUTCDate(), daysInMonth)));
}

/** A minor's place in a registration that holds on a day: added on or before it, not left by then. */
export function namedOn(day: Date): Prisma.RegisteredMinorWhereInput {
  return {
    addedOn: { lte: day },
    OR: [{ leftOn: null }, { leftOn: { gt: day } }],
    registration: registrationOpenOn(day),
  };
}

/** A minor counted on the register on a day: named in a registration that holds, and under 18. */
export function minorOnRegisterOn(day: Date): Prisma.MinorWhereInput {
  return { registrations: { some: namedOn(day) }, birthDate: { gt: lastBirthDateOfAdultOn(day) } };
}

/** Which families or minors a list holds (the `RegisterFilter` input). */
export interface RegisterFilterValue {
  districtCode?: string | null;
  onRegister?: boolean | null;
  asOf?: Date | null;
}

export function familyWhere(filter: RegisterFilterValue | null | undefined): Prisma.FamilyWhereInput {
  const holds = registrationOpenOn(filter?.asOf ?? today());
  return {
    ...(filter?.districtCode ? { districtCode: filter.districtCode } : {}),
    ...(filter?.onRegister === true ? { registrations: { some: holds } } : {}),
    ...(filter?.onRegister === false ? { registrations: { none: holds } } : {}),
  };
}

export function minorWhere(filter: RegisterFilterValue | null | undefined): Prisma.MinorWhereInput {
  const onRegister = minorOnRegisterOn(filter?.asOf ?? today());
  return {
    ...(filter?.districtCode ? { family: { districtCode: filter.districtCode } } : {}),
    ...(filter?.onRegister === true ? onRegister : {}),
    ...(filter?.onRegister === false ? { NOT: onRegister } : {}),
  };
}

/** A registration's batching loaders: by id, a family's or a minor's newest first, and the minors it names. */
export function registrationLoaders(db: PrismaClient) {
  return {
    registration: loaderByKey(
      (ids: string[]) => db.registration.findMany({ where: { id: { in: ids } } }),
      (registration) => registration.id,
    ),
    registrationsOfFamily: loaderOfLists(
      (familyIds: string[]) =>
        db.registration.findMany({ where: { familyId: { in: familyIds } }, orderBy: { openedOn: 'desc' } }),
      (registration) => registration.familyId,
    ),
    registrationsOfMinor: loaderOfLists(
      (minorIds: string[]) =>
        db.registeredMinor.findMany({
          where: { minorId: { in: minorIds } },
          include: { registration: true },
          orderBy: { addedOn: 'desc' },
        }),
      (entry) => entry.minorId,
    ),
    minorsOfRegistration: loaderOfLists(
      (registrationIds: string[]) =>
        db.registeredMinor.findMany({
          where: { registrationId: { in: registrationIds } },
          include: { minor: { include: withFamilyDistrict } },
          orderBy: [{ addedOn: 'asc' }, { minorId: 'asc' }],
        }),
      (entry) => entry.registrationId,
    ),
  };
}

interface RegistrationRow extends Omit<RegistrationFact, 'minors'> {
  minors: unknown;
}

/**
 * The register as reconciliation compares it: each registration with its minors and the days each
 * counts, from being added up to the day they left it or their 18th birthday, whichever comes first
 * (one born on 29 February comes of age on 1 March, as `comingOfAge` says), in one statement per page.
 */
export async function registrationFacts(db: PrismaClient, query: FactsQuery): Promise<RegistrationFact[]> {
  const rows = await db.$queryRawUnsafe<RegistrationRow[]>(
    `SELECT r.id, r."familyId", r."districtCode", r."openedOn", r."closedOn",
            (SELECT json_agg(json_build_object(
                      'minorId', m."minorId",
                      'addedOn', m."addedOn",
                      'countedUntil', LEAST(m."leftOn",
                                            (date_trunc('month', n."birthDate") + interval '18 years')::date
                                            + (extract(day FROM n."birthDate")::int - 1)))
                    ORDER BY m."minorId")
               FROM "RegisteredMinor" m JOIN "Minor" n ON n.id = m."minorId"
              WHERE m."registrationId" = r.id) AS minors
       FROM "Registration" r
      WHERE ($1::uuid IS NULL OR r.id > $1::uuid)
        AND ($2::uuid[] IS NULL OR r."familyId" = ANY($2::uuid[]))
        AND ($3::text IS NULL OR r."districtCode" = $3)
      ORDER BY r.id
      LIMIT $4`,
    query.after,
    query.familyIds,
    query.districtCode,
    query.limit,
  );
  return rows.map((row) => ({ ...row, minors: minorFactsOf(row.minors) }));
}
