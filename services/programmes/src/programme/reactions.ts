/**
 * Programmes' reactions to the events of the services that own the case: the registry decides who is
 * on the register, curation who curates a family. Each reaction is a few statements over the
 * family's registration, and converges: applied again (a replay, `reconcile --repair`) it changes
 * nothing more.
 */
import { type DomainEvent, isoDate, type Reactions } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/programmes';

type Transaction = Prisma.TransactionClient;

/**
 * A programme is for a family on the register, and a registration closed on a day is not open that
 * day: every programme of the registration not completed (drafts included) ends on the closing day,
 * by the closing resolution, with its reason. Its undone measures and the reports not yet due then
 * stop falling due (`measure/rules.ts`), and the checklist's facts are rebuilt when this commits
 * (the `Programme` trigger of the read model).
 */
async function endProgrammesOnClosing(tx: Transaction, event: DomainEvent<'registry', 'RegistrationClosed'>) {
  const { registrationId, closedOn, reason, resolution } = event.payload;
  await tx.programme.updateMany({
    where: { registrationId, status: { in: ['DRAFT', 'APPROVED', 'UNDER_REVIEW'] } },
    data: {
      status: 'ENDED_OFF_REGISTER',
      endedOn: closedOn,
      endReason: reason,
      endResolutionNumber: resolution.number,
      endResolutionDate: resolution.date,
      version: { increment: 1 },
    },
  });
}

interface CuratorFrom {
  registrationId: string;
  curatorId: string;
  /** The day the curator took the family over: the assignment's start, or the replacement's day. */
  from: Date;
}

/**
 * A curator replaced (clause 1.9) hands the family over on the replacement's day, and so do the
 * programmes of its registration still running then. The curator's term starts that day (or on the
 * programme's first day, if later) and the previous one ends there; a term that only repeats the
 * previous curator is merged into it. The programme's curator is the latest term's, and the reports
 * and proposals recorded on or after the day belong to the curator of their day.
 */
async function followCurator(tx: Transaction, { registrationId, curatorId, from }: CuratorFrom) {
  const day = isoDate(from);
  const ofRegistration = `SELECT id FROM "Programme" WHERE "registrationId" = $1::uuid`;
  // Reports and proposals being recorded now wait, or are restamped below once they commit (`curatorOn`).
  await tx.$queryRawUnsafe(`${ofRegistration} ORDER BY id FOR UPDATE`, registrationId);
  await tx.$executeRawUnsafe(
    `INSERT INTO "ProgrammeCuratorTerm" ("programmeId", "startedOn", "curatorId")
     SELECT p.id, greatest(p."periodFrom", $2::date), $3::uuid
       FROM "Programme" p
      WHERE p."registrationId" = $1::uuid AND COALESCE(p."completedOn", p."endedOn", 'infinity') > $2::date
     ON CONFLICT ("programmeId", "startedOn")
     DO UPDATE SET "curatorId" = EXCLUDED."curatorId"`,
    registrationId,
    day,
    curatorId,
  );
  await tx.$executeRawUnsafe(
    `DELETE FROM "ProgrammeCuratorTerm" t
      USING (SELECT "programmeId", "startedOn", "curatorId",
                    lag("curatorId") OVER (PARTITION BY "programmeId" ORDER BY "startedOn") AS previous
               FROM "ProgrammeCuratorTerm" WHERE "programmeId" IN (${ofRegistration})) repeated
      WHERE t."programmeId" = repeated."programmeId" AND t."startedOn" = repeated."startedOn"
        AND repeated.previous = repeated."curatorId"`,
    registrationId,
  );
  await tx.$executeRawUnsafe(
    `UPDATE "Programme" p
        SET "curatorId" = latest."curatorId", version = p.version + 1, "updatedAt" = now()
       FROM (SELECT DISTINCT ON ("programmeId") "programmeId", "curatorId"
               FROM "ProgrammeCuratorTerm" WHERE "programmeId" IN (${ofRegistration})
              ORDER BY "programmeId", "startedOn" DESC) latest
      WHERE p.id = latest."programmeId" AND p."curatorId" <> latest."curatorId"`,
    registrationId,
  );
  const curatorOfDay = (record: string, day: string) => `(
    SELECT t."curatorId" FROM "ProgrammeCuratorTerm" t
     WHERE t."programmeId" = ${record}."programmeId" AND t."startedOn" <= ${record}."${day}"
     ORDER BY t."startedOn" DESC LIMIT 1)`;
  await tx.$executeRawUnsafe(
    `UPDATE "ProgressReport" r SET "curatorId" = of_day."curatorId"
       FROM (SELECT r.id, ${curatorOfDay('r', 'submittedOn')} AS "curatorId"
               FROM "ProgressReport" r
              WHERE r."programmeId" IN (${ofRegistration}) AND r."submittedOn" IS NOT NULL) of_day
      WHERE r.id = of_day.id AND of_day."curatorId" IS NOT NULL
        AND r."curatorId" IS DISTINCT FROM of_day."curatorId"`,
    registrationId,
  );
  await tx.$executeRawUnsafe(
    `UPDATE "ProgrammeChange" c SET "proposedById" = of_day."curatorId"
       FROM (SELECT c.id, ${curatorOfDay('c', 'proposedOn')} AS "curatorId"
               FROM "ProgrammeChange" c WHERE c."programmeId" IN (${ofRegistration})) of_day
      WHERE c.id = of_day.id AND of_day."curatorId" IS NOT NULL AND c."proposedById" <> of_day."curatorId"`,
    registrationId,
  );
}

export const registerReactions: Reactions<Transaction, 'registry'> = {
  RegistrationClosed: endProgrammesOnClosing,
};

/**
 * `AssignmentEnded` needs no reaction: ended by a closing, the registry's `RegistrationClosed` has
 * ended the programmes already; ended by the end of the work (clause 6.4), the programme is
 * completed by its own final report, here.
 */
export const curationReactions: Reactions<Transaction, 'curation'> = {
  CuratorAssigned: (tx, { payload }) =>
    followCurator(tx, {
      registrationId: payload.registrationId,
      curatorId: payload.curatorId,
      from: payload.startedOn,
    }),
  CuratorReplaced: (tx, { payload }) =>
    followCurator(tx, {
      registrationId: payload.registrationId,
      curatorId: payload.curatorId,
      from: payload.replacedOn,
    }),
};
