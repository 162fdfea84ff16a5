import { calendarDate, comingOfAge } from '@kdn/platform';
import type { AssignmentEnd, Prisma, PrismaClient, ReplacementReason } from '@kdn/prisma/curation';
import { agencies } from './agencies.ts';
import { replacements } from './curation-replacements.ts';
import { type Episode, visitsOf } from './curation-visits.ts';
import { families } from './families.ts';
import type { CuratorSpec, FamilySpec } from './family-spec.ts';
import { agencyId, curatorAssignmentId, curatorId, familyId, minorId, registrationId } from './ids.ts';

export interface CurationRows {
  /** The register as curation learns it from the registry's events. */
  registerEntries: Prisma.RegisterEntryCreateManyInput[];
  curators: Prisma.CuratorCreateManyInput[];
  wards: Prisma.WardCreateManyInput[];
  assignments: Prisma.CuratorAssignmentCreateManyInput[];
  assignedMinors: Prisma.AssignedMinorCreateManyInput[];
  visits: Prisma.VisitCreateManyInput[];
}

interface Stretch {
  curator: CuratorSpec;
  startedOn: string;
  resolutionNumber: string;
  endedOn: string | null;
  endKind: AssignmentEnd | null;
  replacementReason: ReplacementReason | null;
  endNote: string | null;
}

/**
 * Who curated each family and when: the curator is assigned by the registration's own resolution
 * (clause 1.2); some were replaced (clause 1.9, `replacements`); a registration's closing ends the
 * last assignment that day, the curator having presented the results (clause 6.4).
 */
function stretchesOf(family: FamilySpec): Stretch[] {
  const { registration } = family;
  const closing = registration.closing;
  const last = {
    endedOn: closing?.closedOn ?? null,
    endKind: closing ? ('WORK_COMPLETED' as const) : null,
    replacementReason: null,
    endNote: closing ? `Итоги работы представлены комиссии: ${closing.note}` : null,
  };
  const replacement = replacements.find((r) => r.district === family.district && r.family === family.key);
  if (!replacement) {
    return [
      {
        curator: family.curator,
        startedOn: registration.openedOn,
        resolutionNumber: registration.resolutionNumber,
        ...last,
      },
    ];
  }
  return [
    {
      curator: replacement.former,
      startedOn: registration.openedOn,
      resolutionNumber: registration.resolutionNumber,
      endedOn: replacement.replacedOn,
      endKind: 'REPLACED',
      replacementReason: replacement.reason,
      endNote: replacement.note,
    },
    {
      curator: family.curator,
      startedOn: replacement.replacedOn,
      resolutionNumber: replacement.resolutionNumber,
      ...last,
    },
  ];
}

const curatorIdOf = ({ agency, curator }: CuratorSpec) => curatorId(agency, curator.fullName);

export function curationRows(specs: readonly FamilySpec[]): CurationRows {
  const rows: CurationRows = {
    registerEntries: [],
    curators: [],
    wards: [],
    assignments: [],
    assignedMinors: [],
    visits: [],
  };
  const curators = new Map<string, Prisma.CuratorCreateManyInput>();
  const leavers = new Set(replacements.filter((r) => !r.formerStaysActive).map((r) => curatorIdOf(r.former)));
  for (const family of specs) {
    const { district, key, registration } = family;
    const wardId = familyId(district, key);
    rows.registerEntries.push({
      registrationId: registrationId(district, key, registration.openedOn),
      familyId: wardId,
      districtCode: district,
      openedOn: calendarDate(registration.openedOn),
      closedOn: registration.closing ? calendarDate(registration.closing.closedOn) : null,
    });
    const stretches = stretchesOf(family);
    rows.wards.push({ familyId: wardId, version: stretches.length + (registration.closing ? 1 : 0) });
    for (const stretch of stretches) {
      const id = curatorIdOf(stretch.curator);
      const agency = agencies.get(stretch.curator.agency);
      if (!agency) throw new Error(`no agency ${stretch.curator.agency}`);
      curators.set(id, {
        id,
        agencyId: agencyId(stretch.curator.agency),
        agencyKind: agency.kind,
        districtCode: agency.districtCode,
        fullName: stretch.curator.curator.fullName,
        position: stretch.curator.curator.position,
        active: !leavers.has(id),
      });
      const assignmentId = curatorAssignmentId(district, key, stretch.startedOn);
      const { curator: _curator, startedOn, endedOn, resolutionNumber, ...end } = stretch;
      rows.assignments.push({
        id: assignmentId,
        familyId: wardId,
        registrationId: registrationId(district, key, registration.openedOn),
        curatorId: id,
        districtCode: district,
        resolutionNumber,
        resolutionDate: calendarDate(startedOn),
        startedOn: calendarDate(startedOn),
        endedOn: endedOn ? calendarDate(endedOn) : null,
        ...end,
      });
      for (const minor of family.minors) {
        rows.assignedMinors.push({
          assignmentId,
          minorId: minorId(district, key, minor.firstName),
          addedOn: calendarDate(minor.addedOn ?? registration.openedOn),
          countedUntil: comingOfAge(calendarDate(minor.birthDate)),
        });
      }
      const episode: Episode = {
        assignmentId,
        curatorId: id,
        curatorAgency: stretch.curator.agency,
        familyId: wardId,
        district,
        familyKey: key,
        startedOn,
        endedOn,
      };
      rows.visits.push(...visitsOf(episode));
    }
  }
  rows.curators = [...curators.values()];
  return rows;
}

/** The curators of the demo families, their assignments, replacements and visits up to January 2012. */
export async function loadCuration(db: PrismaClient): Promise<void> {
  const rows = curationRows(families);
  await db.$transaction([
    db.registerEntry.createMany({ data: rows.registerEntries }),
    db.curator.createMany({ data: rows.curators }),
    db.ward.createMany({ data: rows.wards }),
    db.curatorAssignment.createMany({ data: rows.assignments }),
    db.assignedMinor.createMany({ data: rows.assignedMinors }),
    db.visit.createMany({ data: rows.visits }),
  ]);
}
