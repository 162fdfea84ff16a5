import { defineResolution, idCursorConnection, isUuid, present } from '@kdn/platform';
import type { Prisma, Programme as ProgrammeRecord, ProgrammeStatus } from '@kdn/prisma/programmes';
import {
  familyRefOf,
  programmeRows,
  seesCaseOf,
  seesMeasure,
  seesMeeting,
  visibleMeasures,
} from './access.ts';
import { builder } from './builder.ts';
import { ProgrammeChange } from './change.ts';
import type { ProgrammesContext, ProgrammesLoaders } from './context.ts';
import { CuratorTermRef, firstTerm } from './curator-history.ts';
import { ProgrammeEndReasonEnum, ProgrammeStatusEnum } from './enums.ts';
import { Curator, District, Family, Registration, ResourceCentre } from './external.ts';
import { ProgrammeGoal } from './goal.ts';
import { Measure } from './measure.ts';
import { MeetingReview, WorkingGroupMeeting } from './meeting.ts';
import { ProgressReport } from './report.ts';

export const Programme = builder.objectRef<ProgrammeRecord>('Programme');

const ProgrammeEndResolution = defineResolution(builder);

Programme.implement({
  description:
    'An interagency individual programme of social rehabilitation (МИПСР) for a family on the register: ' +
    'its goals and the measures agencies carry out, organised by the district’s resource centre.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the programme.' }),
    number: t.exposeString('number', { description: 'Number of the programme, unique in its district.' }),
    family: t.field({
      type: Family,
      nullable: true,
      description: 'The family the programme is for.',
      resolve: (programme) => ({ id: programme.familyId }),
    }),
    registration: t.field({
      type: Registration,
      nullable: true,
      description: 'The family’s registration the programme belongs to.',
      resolve: (programme) => ({ id: programme.registrationId }),
    }),
    district: t.field({
      type: District,
      nullable: true,
      description: 'The district whose commission keeps the family on its register.',
      resolve: (programme) => ({ code: programme.districtCode }),
    }),
    resourceCentre: t.field({
      type: ResourceCentre,
      nullable: true,
      description: 'The district’s resource centre (РМЦ), which organises the work and hosts the meetings.',
      resolve: (programme) => ({ id: programme.resourceCentreId }),
    }),
    curator: t.field({
      type: Curator,
      nullable: true,
      description:
        'The case curator who accompanies the family through the programme now: the family’s curator, who ' +
        'follows curation’s replacements from the replacement’s day (clause 1.9). See `curatorHistory`.',
      resolve: (programme) => ({ id: programme.curatorId }),
    }),
    curatorHistory: t.field({
      type: [CuratorTermRef],
      description:
        'Every curator who accompanied the family through the programme, oldest first, with the days they took ' +
        'over and handed over (clause 1.9); the reports and proposals of a day belong to that day’s curator.',
      resolve: async (programme, _args, { loaders }) => {
        const terms = await loaders.curatorTermsOfProgramme.load(programme.id);
        return terms.length > 0 ? terms : [{ ...firstTerm(programme), endedOn: null }];
      },
    }),
    periodFrom: t.field({
      type: 'Date',
      description: 'First day of the programme.',
      resolve: (p) => p.periodFrom,
    }),
    periodTo: t.field({
      type: 'Date',
      description: 'Last day of the programme.',
      resolve: (p) => p.periodTo,
    }),
    status: t.field({
      type: ProgrammeStatusEnum,
      description: 'Where the programme stands.',
      resolve: (programme) => programme.status,
    }),
    approvedAt: t.field({
      type: WorkingGroupMeeting,
      nullable: true,
      description:
        'The working-group meeting that approved the programme last; null for a draft, and for those who do not ' +
        'see the district’s protocols.',
      resolve: (programme, _args, { loaders, access }) =>
        programme.approvedAtId ? visibleMeeting(loaders.meeting.load(programme.approvedAtId), access) : null,
    }),
    completedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day the final results were presented to the commission (clause 6.4).',
      resolve: (programme) => programme.completedOn,
    }),
    endedOn: t.field({
      type: 'Date',
      nullable: true,
      description:
        'The day the commission closed the family’s registration, which ended the programme before its results ' +
        'were presented (ENDED_OFF_REGISTER): from that day nothing of it falls due any more. Null otherwise.',
      resolve: (programme) => programme.endedOn,
    }),
    endReason: t.field({
      type: ProgrammeEndReasonEnum,
      nullable: true,
      description: 'Why the registration was closed, for a programme ENDED_OFF_REGISTER; null otherwise.',
      resolve: (programme) => programme.endReason,
    }),
    endResolution: t.field({
      type: ProgrammeEndResolution,
      nullable: true,
      description:
        'The commission’s resolution that closed the registration, for a programme ENDED_OFF_REGISTER; null otherwise.',
      resolve: (programme) =>
        programme.endResolutionNumber && programme.endResolutionDate
          ? { number: programme.endResolutionNumber, date: programme.endResolutionDate }
          : null,
    }),
    goals: t.field({
      type: [ProgrammeGoal],
      description: 'The programme’s goals, in the order they were set.',
      resolve: (programme, _args, { loaders }) => loaders.goalsOfProgramme.load(programme.id),
    }),
    measures: t.field({
      type: [Measure],
      description:
        'Every measure of the programme by deadline, excluded ones included (see `excludedOn`); for an agency, ' +
        'those assigned to it.',
      resolve: async (programme, _args, { loaders, access }) =>
        visibleMeasures(access, await loaders.measuresOfProgramme.load(programme.id)),
    }),
    priorityPlan: t.field({
      type: [Measure],
      description: 'The priority plan (план первоочередных мероприятий): priority measures not excluded.',
      resolve: async (programme, _args, { loaders, access }) =>
        visibleMeasures(access, await loaders.measuresOfProgramme.load(programme.id)).filter(
          (measure) => measure.priority && !measure.excludedOn,
        ),
    }),
    changes: t.field({
      type: [ProgrammeChange],
      description:
        'Changes the curator proposed (clause 3.4), with the working group’s decisions; for an agency, those ' +
        'concerning its measures.',
      resolve: async (programme, _args, { loaders, access }) => {
        const changes = await loaders.changesOfProgramme.load(programme.id);
        if (access.principal.role !== 'AGENCY') return changes;
        const own = new Set(
          visibleMeasures(access, await loaders.measuresOfProgramme.load(programme.id)).map(
            (measure) => measure.id,
          ),
        );
        return changes.filter(
          (change) =>
            (change.measureId !== null && own.has(change.measureId)) ||
            (change.agencyId !== null && seesMeasure(access, { agencyId: change.agencyId })),
        );
      },
    }),
    reviews: t.field({
      type: [MeetingReview],
      description: 'The working-group meetings that reviewed the programme, oldest first.',
      resolve: (programme, _args, { loaders }) => loaders.reviewsOfProgramme.load(programme.id),
    }),
    reports: t.field({
      type: [ProgressReport],
      description: 'The curator’s reports by due date: interim ones, then the final one.',
      resolve: (programme, _args, { loaders }) => loaders.reportsOfProgramme.load(programme.id),
    }),
    version: t.exposeInt('version', {
      description: 'Changes with every update; send it back to approve the programme.',
    }),
  }),
});

builder.asEntity(Programme, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, context) => visibleProgramme(id, context),
});

/** A programme by id, when the principal sees the family's case; null otherwise, as when there is none. */
async function visibleProgramme(id: string, { loaders, access }: ProgrammesContext) {
  if (!isUuid(id)) return null;
  const programme = await loaders.programme.load(id);
  return programme && (await seesCaseOf(access, familyRefOf(programme))) ? programme : null;
}

/** A meeting, when the principal sees the district's protocols (`seesMeeting`). */
export async function visibleMeeting<Meeting extends { districtCode: string }>(
  meeting: Promise<Meeting | null>,
  access: ProgrammesContext['access'],
): Promise<Meeting | null> {
  const found = await meeting;
  return found && (await seesMeeting(access, found)) ? found : null;
}

builder.objectField(Family, 'programmes', (t) =>
  t.field({
    type: [Programme],
    nullable: true,
    description:
      'The family’s rehabilitation programmes (МИПСР), newest first; none for those who do not see its case.',
    resolve: (family, _args, { loaders }) =>
      isUuid(family.id) ? loaders.programmesOfFamily.load(family.id) : [],
  }),
);

builder.objectField(Curator, 'programmes', (t) =>
  t.field({
    type: [Programme],
    nullable: true,
    description:
      'The programmes this curator accompanies, newest first: those of the families whose case you see.',
    resolve: (curator, _args, { loaders }) =>
      isUuid(curator.id) ? loaders.programmesOfCurator.load(curator.id) : [],
  }),
);

const ProgrammeFilter = builder.inputType('ProgrammeFilter', {
  description: 'Which programmes a list holds.',
  fields: (t) => ({
    districtCode: t.string({ required: false, description: 'Only those of this district.' }),
    status: t.field({
      type: ProgrammeStatusEnum,
      required: false,
      description: 'Only those in this status.',
    }),
  }),
});

function programmeWhere(
  filter: { districtCode?: string | null; status?: ProgrammeStatus | null } | null | undefined,
): Prisma.ProgrammeWhereInput {
  return {
    ...(filter?.districtCode ? { districtCode: filter.districtCode } : {}),
    ...(filter?.status ? { status: filter.status } : {}),
  };
}

builder.queryFields((t) => ({
  programmes: t.connection({
    type: Programme,
    nullable: true,
    description:
      'Programmes, oldest record first, a page at a time: those of the families whose case you see.',
    args: { filter: t.arg({ type: ProgrammeFilter, required: false, description: 'Which programmes.' }) },
    resolve: async (_root, args, { db, access, loaders }) => {
      const rows = programmeRows(await access.familyRows()) ?? { id: { in: [] } };
      const where = { AND: [rows, programmeWhere(args.filter)] };
      return idCursorConnection(
        args,
        async ({ after, before, take, direction }) => {
          const page = await db.programme.findMany({
            where: {
              ...where,
              id: { ...(after ? { gt: after } : {}), ...(before ? { lt: before } : {}) },
            },
            orderBy: { id: direction },
            take,
          });
          // At hand for the policy checks of the page's goals, measures and reports.
          for (const programme of page) loaders.programme.prime(programme.id, programme);
          return page;
        },
        () => db.programme.count({ where }),
      );
    },
  }),
  programme: t.field({
    type: Programme,
    nullable: true,
    description: 'One programme by identifier; null when there is none.',
    args: { id: t.arg.id({ description: 'The programme’s identifier.' }) },
    resolve: (_root, { id }, context) => visibleProgramme(id, context),
  }),
}));

/** The programme a goal, measure, change, review or report belongs to. */
export function programmeOf(record: { programmeId: string }, loaders: Pick<ProgrammesLoaders, 'programme'>) {
  return present(loaders.programme.load(record.programmeId), 'programme');
}

/** The family whose case record a goal, measure, change, review or report is: its programme's. */
export async function familyOfRecord(record: { programmeId: string }, { loaders }: ProgrammesContext) {
  return familyRefOf(await programmeOf(record, loaders));
}
