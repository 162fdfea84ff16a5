import { addReconciliationFacts, type FactsQuery, minorFactsOf, type RegistrationFact } from '@kdn/platform';
import { builder } from './builder.ts';
import type { RegistryContext } from './context.ts';

interface RegistrationRow extends Omit<RegistrationFact, 'minors'> {
  minors: unknown;
}

/**
 * The register as reconciliation compares it: each registration with its minors and the days each
 * counts, from being added up to the day they left it or their 18th birthday, whichever comes first
 * (one born on 29 February comes of age on 1 March, as `comingOfAge` says), in one statement per page.
 */
async function registrationFacts(context: RegistryContext, query: FactsQuery): Promise<RegistrationFact[]> {
  const rows = await context.db.$queryRawUnsafe<RegistrationRow[]>(
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

addReconciliationFacts(builder, { registrations: registrationFacts });
