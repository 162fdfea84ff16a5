import type { Prisma, PrismaClient } from '@kdn/prisma/programmes';
import { builder } from './builder.ts';
import { Curator } from './external.ts';

/** One curator's term on a programme, its end derived from the next term's start. */
export interface CuratorTerm {
  programmeId: string;
  curatorId: string;
  startedOn: Date;
  endedOn: Date | null;
}

/** The curator terms of some programmes, oldest first: one statement. */
export function curatorTermsOf(db: PrismaClient, programmeIds: string[]): Promise<CuratorTerm[]> {
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

export const CuratorTermRef = builder.objectRef<CuratorTerm>('ProgrammeCuratorTerm').implement({
  description:
    'A curator who accompanied the family through the programme, from the day they took it over until the next ' +
    'one did (clause 1.9: a replaced curator hands over on the replacement’s day). Follows curation’s ' +
    'assignments and replacements.',
  fields: (t) => ({
    curator: t.field({
      type: Curator,
      description: 'The curator.',
      resolve: (term) => ({ id: term.curatorId }),
    }),
    startedOn: t.field({
      type: 'Date',
      description:
        'The first day they curated the family in this programme: the programme’s first day, or the day they ' +
        'were assigned or replaced the former curator.',
      resolve: (term) => term.startedOn,
    }),
    endedOn: t.field({
      type: 'Date',
      nullable: true,
      description:
        'The day the next curator took over, from which the reports and proposals are theirs; null for the ' +
        'programme’s current curator.',
      resolve: (term) => term.endedOn,
    }),
  }),
});
