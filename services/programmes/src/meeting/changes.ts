import { type Access, badInput, isoDate, transaction } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/programmes';
import { assertAgencyInCity } from '../measure/rules.ts';
import { unlessTaken } from '../shared/changes.ts';
import type { References } from '../shared/remote.ts';

/** A meeting's protocol as its input declares it, checked field by field. */
interface MeetingProtocol {
  resourceCentreId: string;
  heldOn: Date;
  protocolNumber: string;
  attendingAgencyIds: string[];
  decisions: string;
  reviews: Array<{
    programmeId: string;
    familyInvited: boolean;
    familyAttended: boolean;
    outcome?: string | null;
  }>;
}

/** Records a meeting from its protocol, with the programmes it reviewed. */
export async function recordMeeting(
  db: PrismaClient,
  references: References,
  access: Access,
  input: MeetingProtocol,
) {
  const { resourceCentre, agencies } = await references.agencies({
    resourceCentreId: input.resourceCentreId,
    agencyIds: input.attendingAgencyIds,
  });
  if (!resourceCentre) throw badInput('input.resourceCentreId', 'no resource centre with this id');
  access.require(
    access.writesCasesOf(resourceCentre.districtCode),
    'recording the working-group meetings of another district',
  );
  agencies.forEach((agency, index) => {
    assertAgencyInCity(agency, resourceCentre.city, `input.attendingAgencyIds[${index}]`);
  });
  const taken = 'a protocol with this number is already recorded at the resource centre';
  return unlessTaken(
    () =>
      transaction(db, async (tx) => {
        const [recorded, programmes] = await Promise.all([
          tx.workingGroupMeeting.findUnique({
            where: {
              resourceCentreId_protocolNumber: {
                resourceCentreId: input.resourceCentreId,
                protocolNumber: input.protocolNumber,
              },
            },
          }),
          tx.programme.findMany({ where: { id: { in: input.reviews.map((review) => review.programmeId) } } }),
        ]);
        if (recorded) throw badInput('input.protocolNumber', `${taken} (${isoDate(recorded.heldOn)})`);
        const byId = new Map(programmes.map((programme) => [programme.id, programme]));
        input.reviews.forEach((review, index) => {
          const programme = byId.get(review.programmeId);
          const path = `input.reviews[${index}].programmeId`;
          if (!programme) throw badInput(path, 'no programme with this id');
          if (programme.resourceCentreId !== input.resourceCentreId) {
            throw badInput(path, 'the programme is organised by another resource centre');
          }
          if (programme.completedOn) {
            throw badInput(path, `the programme was completed on ${isoDate(programme.completedOn)}`);
          }
        });
        const { reviews, ...meeting } = input;
        return tx.workingGroupMeeting.create({
          data: {
            ...meeting,
            districtCode: resourceCentre.districtCode,
            reviews: {
              createMany: {
                data: reviews.map(({ outcome, ...review }) => ({ ...review, outcome: outcome ?? null })),
              },
            },
          },
          // The families reviewed, for the write's audit record.
          include: { reviews: { select: { programme: { select: { familyId: true } } } } },
        });
      }),
    'input.protocolNumber',
    taken,
  );
}
