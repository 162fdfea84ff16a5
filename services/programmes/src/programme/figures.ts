import { loaderByKey, loaderOfLists, present } from '@kdn/platform';
import type {
  Prisma,
  PrismaClient,
  Programme as ProgrammeRecord,
  ProgrammeStatus,
} from '@kdn/prisma/programmes';

/** The `where` clause of the rows a list may hold, as the access policy gives it; null when it may hold none. */
export type VisibleRows<Where> = () => Promise<Where | null>;

/** The key of a row found by a nullable column it was filtered on, which is never null in the rows found. */
export function filteredOn(key: string | null): string {
  return key ?? '';
}

/**
 * The programmes' loaders of a request, each one statement per fetch. The lists a request starts
 * from (a family's, a curator's) hold only the `visible` rows, filtered in the statement; the rest
 * are reached from a record already allowed.
 */
export function programmeLoaders(db: PrismaClient, visible: VisibleRows<Prisma.ProgrammeWhereInput>) {
  const programme = loaderByKey(
    (ids: string[]) => db.programme.findMany({ where: { id: { in: ids } } }),
    (programme: ProgrammeRecord) => programme.id,
  );
  /** Programmes found in a list are at hand for their goals', measures' and reports' policy checks. */
  const known = (programmes: ProgrammeRecord[]) => {
    for (const found of programmes) programme.prime(found.id, found);
    return programmes;
  };
  const allowedProgrammes = async (where: Prisma.ProgrammeWhereInput) => {
    const rows = await visible();
    return rows
      ? known(await db.programme.findMany({ where: { AND: [rows, where] }, orderBy: { periodFrom: 'desc' } }))
      : [];
  };
  return {
    programme,
    programmesOfFamily: loaderOfLists(
      (familyIds: string[]) => allowedProgrammes({ familyId: { in: familyIds } }),
      (programme) => programme.familyId,
    ),
    programmesOfCurator: loaderOfLists(
      (curatorIds: string[]) => allowedProgrammes({ curatorId: { in: curatorIds } }),
      (programme) => programme.curatorId,
    ),
    programmesApprovedAt: loaderOfLists(
      async (meetingIds: string[]) =>
        known(
          await db.programme.findMany({
            where: { approvedAtId: { in: meetingIds } },
            orderBy: { number: 'asc' },
          }),
        ),
      (programme) => filteredOn(programme.approvedAtId),
    ),
    /** The district of a family's newest programme, for the audit: whose commission may read it. */
    districtOfFamily: loaderByKey(
      (familyIds: string[]) =>
        db.programme.findMany({
          where: { familyId: { in: familyIds } },
          distinct: ['familyId'],
          orderBy: [{ familyId: 'asc' }, { periodFrom: 'desc' }],
          select: { familyId: true, districtCode: true },
        }),
      (programme) => programme.familyId,
    ),
    curatorTermsOfProgramme: loaderOfLists(
      (programmeIds: string[]) => curatorTermsOf(db, programmeIds),
      (term) => term.programmeId,
    ),
  };
}

export type ProgrammeLoaders = ReturnType<typeof programmeLoaders>;

/** The programme a goal, measure, change, review or report belongs to. */
export function programmeOf(record: { programmeId: string }, loaders: Pick<ProgrammeLoaders, 'programme'>) {
  return present(loaders.programme.load(record.programmeId), 'programme');
}

/** The `where` clause of a list's filter. */
export function programmeWhere(
  filter: { districtCode?: string | null; status?: ProgrammeStatus | null } | null | undefined,
): Prisma.ProgrammeWhereInput {
  return {
    ...(filter?.districtCode ? { districtCode: filter.districtCode } : {}),
    ...(filter?.status ? { status: filter.status } : {}),
  };
}

/** One curator's term on a programme, its end derived from the next term's start. */
export interface CuratorTerm {
  programmeId: string;
  curatorId: string;
  startedOn: Date;
  endedOn: Date | null;
}

/** The curator terms of some programmes, oldest first: one statement. */
function curatorTermsOf(db: PrismaClient, programmeIds: string[]): Promise<CuratorTerm[]> {
  return db.$queryRaw<CuratorTerm[]>`
    SELECT "programmeId", "curatorId", "startedOn",
           lead("startedOn") OVER (PARTITION BY "programmeId" ORDER BY "startedOn") AS "endedOn"
      FROM "ProgrammeCuratorTerm"
     WHERE "programmeId" = ANY(${programmeIds}::uuid[])
     ORDER BY "programmeId", "startedOn"`;
}

/**
 * The programme's curator on a day (clause 1.9): who reports and proposes changes then. The first
 * term's curator before it, the programme's own when it has no terms. The programme is locked first,
 * as a replacement's reaction locks it: a replacement applied meanwhile either commits before this
 * reads the terms, or waits and then finds what this transaction recorded.
 */
export async function curatorOn(
  tx: Prisma.TransactionClient,
  programme: { id: string; curatorId: string },
  day: Date,
): Promise<string> {
  await tx.$queryRaw`SELECT 1 FROM "Programme" WHERE id = ${programme.id}::uuid FOR UPDATE`;
  const [term] = await tx.programmeCuratorTerm.findMany({
    where: { programmeId: programme.id, startedOn: { lte: day } },
    orderBy: { startedOn: 'desc' },
    take: 1,
    select: { curatorId: true },
  });
  return term?.curatorId ?? programme.curatorId;
}

/** The first term of a programme drafted for a curator: from the programme's first day. */
export function firstTerm(programme: { id: string; curatorId: string; periodFrom: Date }) {
  return { programmeId: programme.id, curatorId: programme.curatorId, startedOn: programme.periodFrom };
}

/**
 * The families an agency serves: those with a programme in force (approved, under review or not)
 * holding a measure assigned to the agency and not excluded. Nothing is carried out under a draft,
 * and a completed programme is over, so an agency reads a family's minimum (the minors' names and
 * ages) while it has something to carry out for the family, and no longer. One statement.
 */
export async function familiesServedBy(db: PrismaClient, agencyId: string): Promise<ReadonlySet<string>> {
  const rows = await db.$queryRaw<Array<{ familyId: string }>>`
    SELECT DISTINCT p."familyId"
      FROM "Programme" p
     WHERE p.status IN ('APPROVED', 'UNDER_REVIEW')
       AND EXISTS (
         SELECT 1 FROM "Measure" m
          WHERE m."programmeId" = p.id AND m."agencyId" = ${agencyId}::uuid AND m."excludedOn" IS NULL
       )`;
  return new Set(rows.map((row) => row.familyId));
}
