import { defineResolution, field, idCursorConnection, isUuid } from '@kdn/platform';
import { ProgrammeEndReason } from '@kdn/prisma/programmes';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { ProgrammeChange } from '../change/refs.ts';
import type { ProgrammesContext } from '../context.ts';
import { ProgrammeGoal } from '../goal/refs.ts';
import { seesMeasure, visibleMeasures } from '../measure/access.ts';
import { Measure, measureInputFields, withPriorityDefault } from '../measure/refs.ts';
import { visibleMeeting } from '../meeting/access.ts';
import { MeetingReview, WorkingGroupMeeting } from '../meeting/refs.ts';
import { ProgressReport } from '../report/refs.ts';
import { Curator, District, Family, Registration, ResourceCentre } from '../shared/refs.ts';
import { familyRefOf, programmeRows, seesCaseOf } from './access.ts';
import { approveProgramme, draftProgramme } from './changes.ts';
import { type CuratorTerm, firstTerm, programmeWhere } from './figures.ts';
import { Programme, ProgrammeStatusEnum } from './refs.ts';
import { checkPlan, type Plan } from './rules.ts';

const ProgrammeEndReasonEnum = builder.enumType(ProgrammeEndReason, {
  name: 'ProgrammeEndReason',
  description:
    'Why the family’s registration was closed, which ended its programme (основание снятия с учёта).',
  values: {
    SITUATION_IMPROVED: {
      description: 'The situation improved: the work achieved its goals (исправление положения).',
    },
    MOVED_AWAY: { description: 'The family moved out of the district (смена места жительства).' },
    CAME_OF_AGE: { description: 'The minor came of age (достижение совершеннолетия).' },
    CHILDREN_PLACED_IN_CARE: {
      description: 'The children were removed from the family and placed in care.',
    },
    OTHER: { description: 'Another reason, stated in the registry’s closing note.' },
  },
});

const ProgrammeCuratorTerm = builder.objectRef<CuratorTerm>('ProgrammeCuratorTerm').implement({
  description:
    'A curator who accompanied the family through the programme, from the day they took it over until the next ' +
    'one did (a curator replaced under clause 1.9 hands over on the replacement’s day). Follows curation’s ' +
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
        'follows curation’s replacements (clause 1.9) from the replacement’s day. See `curatorHistory`.',
      resolve: (programme) => ({ id: programme.curatorId }),
    }),
    curatorHistory: t.field({
      type: [ProgrammeCuratorTerm],
      description:
        'Every curator who accompanied the family through the programme, oldest first, with the days they took ' +
        'over and handed over (replacements: clause 1.9); the reports and proposals of a day belong to that day’s curator.',
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

builder.queryField('servedFamilyIds', (t) =>
  t.idList({
    nullable: true,
    description:
      'For an agency’s user, the families it serves: a programme in force holds a measure assigned to the agency. ' +
      'Empty for every other role. The other subgraphs ask it to apply the same policy.',
    resolve: async (_root, _args, { access }) =>
      access.principal.role === 'AGENCY' ? [...(await access.servedFamilies())] : [],
  }),
);

const abstract = 'a goal without a measurable indicator and a target date is abstract and is refused';

/** A goal as its resolver receives it: with the indicator and the target date it was refused without. */
const ProgrammeGoalInput = builder
  .inputType('ProgrammeGoalInput', {
    description: 'A concrete goal of a new programme.',
    fields: (t) => ({
      title: t.string({ validate: field.text(300), description: 'What should change.' }),
      indicator: t.string({
        required: false,
        validate: field.text(500, `is required: ${abstract}`),
        description:
          'Required: how achievement is measured. Optional in the schema only so that a goal without it is ' +
          'refused with a message naming this field.',
      }),
      targetDate: t.field({
        type: 'Date',
        required: false,
        description:
          'Required: by when, inside the programme’s period. Optional in the schema only so that a goal ' +
          'without it is refused with a message naming this field.',
      }),
    }),
  })
  .validate(
    z
      .custom<{ title: string; indicator: string; targetDate: Date }>()
      .refine((goal) => goal.indicator != null, { path: ['indicator'], message: `is required: ${abstract}` })
      .refine((goal) => goal.targetDate != null, {
        path: ['targetDate'],
        message: `is required: ${abstract}`,
      }),
  );

const ProgrammeMeasureInput = withPriorityDefault(
  builder.inputType('ProgrammeMeasureInput', {
    description: 'A measure of a new programme.',
    fields: (t) => ({
      goal: t.int({ description: 'The goal it serves: its position in the programme’s `goals`, from 0.' }),
      ...measureInputFields(t),
    }),
  }),
);

const CreateProgrammeInput = builder.inputType('CreateProgrammeInput', {
  description:
    'A new programme (МИПСР) for a family’s registration, drafted whole: goals, measures, reporting dates.',
  fields: (t) => ({
    registrationId: t.id({ validate: field.id(), description: 'The family’s open registration.' }),
    familyId: t.id({ validate: field.id(), description: 'The family the registration is of.' }),
    districtCode: t.string({
      validate: field.text(64),
      description: 'The district whose commission keeps the registration.',
    }),
    number: t.string({
      validate: field.text(50),
      description: 'Number of the programme, not yet used in the district.',
    }),
    curatorId: t.id({ validate: field.id(), description: 'The family’s case curator.' }),
    periodFrom: t.field({ type: 'Date', description: 'First day; not before the family was registered.' }),
    periodTo: t.field({ type: 'Date', description: 'Last day; the final report is due then (clause 6.4).' }),
    goals: t.field({
      type: [ProgrammeGoalInput],
      validate: z
        .array(z.unknown())
        .min(1, 'must set at least one goal')
        .max(10, 'must set at most 10 goals'),
      description: 'Concrete goals, 1 to 10.',
    }),
    measures: t.field({
      type: [ProgrammeMeasureInput],
      validate: z
        .array(z.unknown())
        .min(1, 'must plan at least one measure')
        .max(50, 'must plan at most 50 measures'),
      description: 'Measures, 1 to 50; every goal served by one at least, one at least in the priority plan.',
    }),
    reportDueDates: t.field({
      type: ['Date'],
      validate: z.array(z.unknown()).max(12, 'must schedule at most 12 interim reports'),
      description: 'When the curator’s interim reports are due, inside the period and before its last day.',
    }),
  }),
  validate: z.custom<Plan>().superRefine(checkPlan),
});

builder.mutationField('createProgramme', (t) =>
  t.field({
    type: Programme,
    description: 'Drafts a programme for a family’s registration; a working-group meeting approves it.',
    args: { input: t.arg({ type: CreateProgrammeInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, references, access }) => draftProgramme(db, references, access, input),
  }),
);

const ApproveProgrammeInput = builder.inputType('ApproveProgrammeInput', {
  description: 'A working-group meeting’s approval of a draft, or of a programme again after its review.',
  fields: (t) => ({
    programmeId: t.id({
      validate: field.id(),
      description: 'The programme, DRAFT or UNDER_REVIEW with every change decided.',
    }),
    version: t.int({
      validate: field.version(),
      description: 'The version last read; a stale one is refused with `CONFLICT`.',
    }),
    meetingId: t.id({
      validate: field.id(),
      description: 'The meeting that approved it; it reviewed the programme, the family invited.',
    }),
  }),
});

builder.mutationField('approveProgramme', (t) =>
  t.field({
    type: Programme,
    description:
      'Approves a programme at a working-group meeting: the draft comes into force, or a reviewed one again.',
    args: { input: t.arg({ type: ApproveProgrammeInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, access }) => approveProgramme(db, access, input),
  }),
);
