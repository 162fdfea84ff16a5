/** A curator's visit to their ward (clauses 2.3, 4.2), recorded within the assignment it was made under. */
import { type Access, badInput, isoDate, transaction } from '@kdn/platform';
import type { PrismaClient, VisitKind } from '@kdn/prisma/curation';
import type { AgencyDirectory } from '../agency/remote.ts';
import { isCuratorItself, recordsVisit } from './access.ts';

export interface NewVisit {
  assignmentId: string;
  curatorId: string;
  visitedOn: Date;
  kind: VisitKind;
  participatingAgencyIds?: string[] | null;
  discussed: string;
  recommendations?: string | null;
  situationNote?: string | null;
}

export async function recordVisit(
  db: PrismaClient,
  agencies: AgencyDirectory,
  access: Access,
  { assignmentId, curatorId, participatingAgencyIds, ...visit }: NewVisit,
) {
  const agencyIds = participatingAgencyIds ?? [];
  access.require(
    access.writesCasesSomewhere() || isCuratorItself(access, curatorId),
    'recording a visit another curator made',
  );
  const participants = await agencies.lookUp(agencyIds);
  return transaction(db, async (tx) => {
    const found = await tx.curatorAssignment.findUnique({ where: { id: assignmentId } });
    if (!found) throw badInput('input.assignmentId', 'no assignment with this id');
    // A share lock on the ward: a replacement or end of the assignment waits for this visit, and then sees it.
    await tx.$queryRaw`SELECT 1 FROM "Ward" WHERE "familyId" = ${found.familyId}::uuid FOR SHARE`;
    const assignment = await tx.curatorAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
    access.require(recordsVisit(access, assignment, curatorId), 'recording a visit to a ward not your own');
    // A visit is the patronage of the assignment's curator over their ward (clause 2.3), while it lasts.
    if (curatorId !== assignment.curatorId) {
      throw badInput('input.curatorId', 'is not the curator of this assignment');
    }
    if (visit.visitedOn < assignment.startedOn) {
      throw badInput(
        'input.visitedOn',
        `must not be before the assignment started on ${isoDate(assignment.startedOn)}`,
      );
    }
    if (assignment.endedOn && visit.visitedOn >= assignment.endedOn) {
      throw badInput(
        'input.visitedOn',
        `must be before the assignment ended on ${isoDate(assignment.endedOn)}`,
      );
    }
    participants.forEach((agency, index) => {
      const path = `input.participatingAgencyIds[${index}]`;
      if (!agency) throw badInput(path, 'no agency with this id');
      if (agency.districtCode !== assignment.districtCode) {
        throw badInput(path, `is an agency of another district (${agency.districtCode})`);
      }
    });
    return tx.visit.create({
      data: {
        ...visit,
        assignmentId,
        curatorId,
        familyId: assignment.familyId,
        participatingAgencyIds: agencyIds,
        recommendations: visit.recommendations ?? null,
        situationNote: visit.situationNote ?? null,
      },
    });
  });
}
