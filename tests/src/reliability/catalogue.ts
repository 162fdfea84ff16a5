import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { supergraphPath } from '@kdn/gateway/supergraph-path';
import type { Claims, SubgraphName } from '@kdn/platform';
import { graphql, graphqlData, signedIn } from '@kdn/platform/testing';
import { buildSchema, type GraphQLField, Kind } from 'graphql';
import { assignCurator } from '../curation/world.ts';
import { createDistrict } from '../fixtures.ts';
import {
  approvedProgramme,
  createWorld,
  draft,
  familiesOneByOne,
  holdMeeting,
  meetingInput,
  programmeInput,
  reportInput,
  type World,
} from '../programmes/world.ts';
import type { Stack } from '../stack.ts';

export type Input = Record<string, unknown>;
export type Path = Array<string | number>;

const future = '2999-01-01';

const dayAfter = (day: string, days: number) =>
  new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);

/** One mutation of the API, with a way to make a valid input for it that has not been applied yet. */
export interface MutationCase {
  name: string;
  /** Who sends it, when not the test integrator (every scope): the events' administration is ADMIN's. */
  principal?: Claims;
  /** The fields asked back (none for a scalar answer): a retry must answer them exactly as the first request did. */
  selection: string;
  /** A valid input on records no other input touched (prerequisites are created on the way). */
  fresh(): Promise<Input>;
  /**
   * Dates that break the mutation's rules in a fresh input: reversed, before what they follow, or in
   * the future where only the past is allowed. Each is set at its path, one at a time.
   */
  datesOutOfOrder?: Array<[path: Path, date: string]>;
  /** For mutations of versioned records: parallel edits of one record, all from the version read. */
  versioned?: {
    /** `count` inputs that each change the record differently, all sending the same version. */
    variants(input: Input, count: number): Promise<Input[]>;
    /** What the record holds now, straight from its database… */
    readBack(input: Input): Promise<unknown>;
    /** …which must be what the winning input wrote. */
    expected(input: Input): unknown;
  };
}

interface MutationShape {
  /** The subgraph that resolves it. */
  owner: SubgraphName;
  field: GraphQLField<unknown, unknown>;
}

const supergraph = buildSchema(readFileSync(supergraphPath, 'utf8'), { assumeValidSDL: true });

/** Every mutation of the API, read from the supergraph with the subgraph that owns it: none can be forgotten. */
export const mutationsOfSchema: Map<string, MutationShape> = new Map(
  Object.values(supergraph.getMutationType()?.getFields() ?? {}).map((field) => {
    const join = field.astNode?.directives?.find((directive) => directive.name.value === 'join__field');
    const graph = join?.arguments?.find((argument) => argument.name.value === 'graph')?.value;
    if (graph?.kind !== Kind.ENUM) throw new Error(`no owner for the mutation ${field.name}`);
    return [field.name, { owner: graph.value.toLowerCase() as SubgraphName, field }] as const;
  }),
);

/** The operation that sends `input` (and a client request id, when given) to a mutation. */
export function documentOf(name: string, selection: string): string {
  const shape = mutationsOfSchema.get(name);
  if (!shape) throw new Error(`no mutation ${name}`);
  const inputType = shape.field.args.find((arg) => arg.name === 'input')?.type;
  if (!inputType) throw new Error(`${name} has no input argument`);
  // A mutation answering a scalar (a count) is asked for no fields.
  return `mutation ($input: ${String(inputType)}, $clientRequestId: ID) {
    ${name}(input: $input, clientRequestId: $clientRequestId) ${selection ? `{ ${selection} }` : ''}
  }`;
}

export async function send(stack: Stack, mutation: MutationCase, input: unknown, clientRequestId?: unknown) {
  return graphql<Record<string, unknown>>(
    stack.gateway,
    documentOf(mutation.name, mutation.selection),
    { input, ...(clientRequestId === undefined ? {} : { clientRequestId }) },
    await headersOf(mutation),
  );
}

/** The headers a mutation is sent with: its own principal's token, or none (the test integrator). */
export async function headersOf(mutation: MutationCase): Promise<Record<string, string>> {
  return mutation.principal ? signedIn(mutation.principal) : {};
}

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

/**
 * A district with what every mutation needs, and a valid fresh input for each mutation of the API.
 * The families of the district are handed out one per input, so inputs never interfere.
 */
export async function createCatalogue(stack: Stack, code: string) {
  const world: World = await createWorld(stack, code, { families: 90 });
  const nextFamily = familiesOneByOne(world);
  let serial = 0;
  const next = () => {
    serial += 1;
    return serial;
  };
  const agencies = stack.agencies.db.client;
  const registry = stack.registry.db.client;
  const curation = stack.curation.db.client;
  const programmes = stack.programmes.db.client;

  const newCurator = async () =>
    (
      await curation.curator.create({
        data: {
          agencyId: world.agencies.centre,
          agencyKind: 'SOCIAL_SERVICE_CENTRE',
          districtCode: code,
          fullName: `Куратор № ${next()}`,
          position: 'специалист по социальной работе',
        },
      })
    ).id;
  const assigned = async () => {
    const family = nextFamily();
    const assignment = await assignCurator(stack, family.familyId, world.curatorId, '2011-03-02');
    return { family, assignment };
  };
  const minor = (firstName: string) => ({
    lastName: 'Новикова',
    firstName,
    sex: 'FEMALE',
    birthDate: '2006-02-02',
  });
  const registerFamilyInput = () => ({
    districtCode: code,
    commissionId: world.commissionId,
    resolution: { number: `Р-${next()}`, date: '2011-03-01' },
    grounds: 'Ненадлежащее исполнение родительских обязанностей',
    address: `ул. Новая, д. ${next()}`,
    composition: 'SINGLE_MOTHER',
    socialPassport: {
      adults: 1,
      children: 2,
      housing: 'SATISFACTORY',
      monthlyIncome: 15000,
      incomeLevel: 'LOW',
      riskFactors: ['NEGLECT'],
      notes: 'Мать не работает',
    },
    // Born on days of their own: the registry refuses a second family with the same minors.
    minors: [
      { ...minor('Анна'), birthDate: dayAfter('2006-02-02', next()) },
      { ...minor('Пётр'), sex: 'MALE', birthDate: dayAfter('2004-01-01', next()) },
    ],
  });
  const priorityMeasure = (programme: Awaited<ReturnType<typeof approvedProgramme>>) => {
    const measure = programme.measures.find((m) => m.priority);
    if (!measure) throw new Error('the programme has no priority measure');
    return measure;
  };
  const proposal = async () => {
    const programme = await approvedProgramme(stack, world, nextFamily());
    return {
      programme,
      input: {
        programmeId: programme.id,
        kind: 'PRIORITY_CHANGED',
        proposedOn: '2011-04-01',
        rationale: 'Мать прошла консультацию: контроль посещаемости важнее',
        measureId: priorityMeasure(programme).id,
        priority: false,
      },
    };
  };
  /** Takes a family off the register through the gateway and lets every consumer apply the closing. */
  const closedAndSettled = async (registrationId: string) => {
    await graphqlData(
      stack.gateway,
      `mutation ($input: CloseRegistrationInput!) { closeRegistration(input: $input) { id } }`,
      {
        input: {
          registrationId,
          version: 1,
          reason: 'SITUATION_IMPROVED',
          resolution: { number: `З-${next()}`, date: '2011-11-01' },
        },
      },
    );
    await stack.settle();
  };
  const wardSelection = 'id startedOn endedOn ward { version } curator { id }';
  const wardVersion = async (input: Input) =>
    (await curation.ward.findUniqueOrThrow({ where: { familyId: String(input.familyId) } })).version;

  const cases: MutationCase[] = [
    {
      name: 'createAgency',
      selection: 'id name kind version',
      fresh: async () => ({ districtCode: code, name: `МБОУ СОШ № ${next()}`, kind: 'EDUCATION' }),
    },
    {
      name: 'updateAgency',
      selection: 'id name version',
      fresh: async () => {
        const agency = await agencies.agency.create({
          data: { districtCode: code, name: `Поликлиника № ${next()}`, kind: 'HEALTH' },
        });
        return { id: agency.id, version: agency.version, name: `${agency.name} (филиал)` };
      },
      versioned: {
        variants: async (input, count) =>
          range(count).map((i) => ({ ...input, name: `Поликлиника, вариант ${i}` })),
        readBack: async (input) =>
          (await agencies.agency.findUniqueOrThrow({ where: { id: String(input.id) } })).name,
        expected: (input) => input.name,
      },
    },
    {
      name: 'createResourceCentre',
      selection: 'id headAppointed staffFilled staffVacant version',
      fresh: async () => {
        const { district, centre } = await createDistrict(agencies, `${code}-rc${next()}`);
        return {
          districtCode: district.code,
          agencyId: centre.id,
          headAppointed: true,
          secretaryAppointed: false,
          staffPositions: [{ title: 'Психолог', filled: 1, vacant: 0.5 }],
        };
      },
    },
    {
      name: 'updateResourceCentre',
      selection: 'id headAppointed staffPositions { title filled vacant } version',
      fresh: async () => {
        const { district, centre } = await createDistrict(agencies, `${code}-rc${next()}`);
        const resourceCentre = await agencies.resourceCentre.create({
          data: {
            districtCode: district.code,
            agencyId: centre.id,
            headAppointed: true,
            secretaryAppointed: true,
          },
        });
        return {
          id: resourceCentre.id,
          version: resourceCentre.version,
          headAppointed: false,
          staffPositions: [{ title: 'Юрист', filled: 1 }],
        };
      },
      versioned: {
        variants: async (input, count) =>
          range(count).map((i) => ({ ...input, staffPositions: [{ title: `Педагог ${i}`, filled: 1 }] })),
        readBack: async (input) =>
          (await agencies.staffPosition.findMany({ where: { resourceCentreId: String(input.id) } })).map(
            (position) => position.title,
          ),
        expected: (input) => (input.staffPositions as Array<{ title: string }>).map((line) => line.title),
      },
    },
    {
      name: 'registerFamily',
      selection: 'id address version socialPassport { adults version } minors { firstName }',
      datesOutOfOrder: [
        [['resolution', 'date'], future],
        [['minors', 0, 'birthDate'], '2011-03-02'],
        [['minors', 1, 'birthDate'], '1980-01-01'],
      ],
      fresh: async () => registerFamilyInput(),
    },
    {
      name: 'updateSocialPassport',
      selection: 'id socialPassport { adults notes version }',
      fresh: async () => {
        const { registerFamily } = await graphqlData<{ registerFamily: { id: string } }>(
          stack.gateway,
          documentOf('registerFamily', 'id'),
          { input: registerFamilyInput() },
        );
        return { familyId: registerFamily.id, version: 1, adults: 2, notes: 'Отец вернулся в семью' };
      },
      versioned: {
        variants: async (input, count) => range(count).map((i) => ({ ...input, notes: `Наблюдение ${i}` })),
        readBack: async (input) =>
          (await registry.socialPassport.findUniqueOrThrow({ where: { familyId: String(input.familyId) } }))
            .notes,
        expected: (input) => input.notes,
      },
    },
    {
      name: 'addMinorToRegistration',
      selection: 'id version minors { addedOn minor { firstName } }',
      datesOutOfOrder: [
        [['addedOn'], '2011-02-28'],
        [['addedOn'], future],
        [['minor', 'birthDate'], '2011-04-02'],
      ],
      fresh: async () => {
        const { registrationId } = nextFamily();
        return { registrationId, version: 1, addedOn: '2011-04-01', minor: minor('Вера') };
      },
      versioned: {
        variants: async (input, count) => range(count).map((i) => ({ ...input, minor: minor(`Вера${i}`) })),
        readBack: async (input) =>
          (
            await registry.registeredMinor.findMany({
              where: { registrationId: String(input.registrationId), addedOn: new Date('2011-04-01') },
              include: { minor: true },
            })
          ).map((entry) => entry.minor.firstName),
        expected: (input) => [(input.minor as { firstName: string }).firstName],
      },
    },
    {
      name: 'closeRegistration',
      selection: 'id closedOn closingReason version',
      datesOutOfOrder: [
        [['resolution', 'date'], '2011-02-28'],
        [['resolution', 'date'], '2011-03-01'],
        [['resolution', 'date'], future],
      ],
      fresh: async () => ({
        registrationId: nextFamily().registrationId,
        version: 1,
        reason: 'SITUATION_IMPROVED',
        resolution: { number: `С-${next()}`, date: '2011-11-01' },
      }),
      versioned: {
        variants: async (input, count) =>
          range(count).map((i) => ({
            ...input,
            resolution: { number: `С-вариант-${i}`, date: '2011-11-01' },
          })),
        readBack: async (input) =>
          (await registry.registration.findUniqueOrThrow({ where: { id: String(input.registrationId) } }))
            .closingResolutionNumber,
        expected: (input) => (input.resolution as { number: string }).number,
      },
    },
    {
      name: 'takeMinorOffRegister',
      selection:
        'id version minors { minor { id } leftOn leftReason leftResolution { number } countedUntil }',
      datesOutOfOrder: [
        [['leftOn'], '2011-02-28'],
        [['leftOn'], future],
        [['resolution', 'date'], '2011-06-02'],
      ],
      fresh: async () => {
        const { registerFamily } = await graphqlData<{
          registerFamily: {
            registrations: Array<{ id: string; version: number; minors: Array<{ minor: { id: string } }> }>;
          };
        }>(
          stack.gateway,
          documentOf('registerFamily', 'registrations { id version minors { minor { id } } }'),
          {
            input: registerFamilyInput(),
          },
        );
        const [registration] = registerFamily.registrations;
        return {
          registrationId: registration?.id,
          version: registration?.version,
          minorId: registration?.minors[0]?.minor.id,
          leftOn: '2011-06-01',
          reason: 'OTHER',
          resolution: { number: `В-${next()}`, date: '2011-06-01' },
          note: 'Передана на воспитание отцу',
        };
      },
      versioned: {
        variants: async (input, count) =>
          range(count).map((i) => ({
            ...input,
            resolution: { number: `В-вариант-${i}`, date: '2011-06-01' },
          })),
        readBack: async (input) =>
          (
            await registry.registeredMinor.findUniqueOrThrow({
              where: {
                registrationId_minorId: {
                  registrationId: String(input.registrationId),
                  minorId: String(input.minorId),
                },
              },
            })
          ).leftResolutionNumber,
        expected: (input) => (input.resolution as { number: string }).number,
      },
    },
    {
      name: 'createCurator',
      selection: 'id fullName agencyKind version',
      fresh: async () => ({
        agencyId: world.agencies.school,
        fullName: `Учителева Мария № ${next()}`,
        position: 'социальный педагог',
      }),
    },
    {
      name: 'updateCurator',
      selection: 'id fullName version',
      fresh: async () => ({ id: await newCurator(), version: 1, fullName: 'Смирнова Ольга Ивановна' }),
      versioned: {
        variants: async (input, count) => range(count).map((i) => ({ ...input, fullName: `Смирнова ${i}` })),
        readBack: async (input) =>
          (await curation.curator.findUniqueOrThrow({ where: { id: String(input.id) } })).fullName,
        expected: (input) => input.fullName,
      },
    },
    {
      name: 'assignCurator',
      selection: wardSelection,
      datesOutOfOrder: [
        [['resolution', 'date'], '2011-02-28'],
        [['resolution', 'date'], future],
      ],
      fresh: async () => ({
        familyId: nextFamily().familyId,
        curatorId: world.curatorId,
        resolution: { number: `К-${next()}`, date: '2011-03-02' },
      }),
    },
    {
      name: 'replaceCurator',
      selection: wardSelection,
      datesOutOfOrder: [
        [['resolution', 'date'], '2011-03-02'],
        [['resolution', 'date'], '2011-03-01'],
        [['resolution', 'date'], future],
      ],
      fresh: async () => {
        const { family, assignment } = await assigned();
        return {
          familyId: family.familyId,
          version: assignment.ward.version,
          curatorId: await newCurator(),
          reason: 'STAFF_CHANGE',
          resolution: { number: `З-${next()}`, date: '2011-05-01' },
        };
      },
      versioned: {
        variants: async (input, count) =>
          Promise.all(range(count).map(async () => ({ ...input, curatorId: await newCurator() }))),
        readBack: async (input) =>
          (
            await curation.curatorAssignment.findFirstOrThrow({
              where: { familyId: String(input.familyId), endedOn: null },
            })
          ).curatorId,
        expected: (input) => input.curatorId,
      },
    },
    {
      name: 'syncAssignedMinors',
      selection: wardSelection,
      fresh: async () => {
        const { family, assignment } = await assigned();
        return { familyId: family.familyId, version: assignment.ward.version };
      },
      versioned: {
        variants: async (input, count) => range(count).map(() => ({ ...input })),
        readBack: wardVersion,
        expected: (input) => Number(input.version) + 1,
      },
    },
    {
      name: 'endCuratorAssignment',
      selection: wardSelection,
      datesOutOfOrder: [
        [['endedOn'], '2011-03-02'],
        [['endedOn'], '2011-03-01'],
        [['endedOn'], future],
      ],
      fresh: async () => {
        const { family, assignment } = await assigned();
        return {
          familyId: family.familyId,
          version: assignment.ward.version,
          endedOn: '2011-10-01',
          results: 'Семья вышла из социально опасного положения',
        };
      },
      versioned: {
        variants: async (input, count) =>
          range(count).map((i) => ({ ...input, results: `Итоги, вариант ${i}` })),
        readBack: async (input) =>
          (
            await curation.curatorAssignment.findMany({
              where: { familyId: String(input.familyId), endKind: 'WORK_COMPLETED' },
            })
          ).map((assignment) => assignment.endNote),
        expected: (input) => [input.results],
      },
    },
    {
      name: 'recordVisit',
      selection: 'id visitedOn kind',
      datesOutOfOrder: [
        [['visitedOn'], '2011-03-01'],
        [['visitedOn'], future],
      ],
      fresh: async () => {
        const { assignment } = await assigned();
        return {
          assignmentId: assignment.id,
          curatorId: world.curatorId,
          visitedOn: '2011-04-10',
          kind: 'INTERAGENCY',
          participatingAgencyIds: [world.agencies.school],
          discussed: 'Посещаемость школы и занятость во второй половине дня',
        };
      },
    },
    {
      name: 'createProgramme',
      selection: 'id number status version',
      datesOutOfOrder: [
        [['periodFrom'], '2012-01-01'],
        [['periodTo'], '2011-03-14'],
        [['periodFrom'], '2011-02-28'],
        [['reportDueDates', 0], '2011-10-01'],
        [['reportDueDates', 1], '2012-02-01'],
        [['measures', 0, 'deadline'], '2012-02-01'],
        [['measures', 0, 'deadline'], '2011-03-01'],
      ],
      fresh: async () => programmeInput(world, nextFamily()),
    },
    {
      name: 'recordWorkingGroupMeeting',
      selection: 'id protocolNumber heldOn',
      datesOutOfOrder: [[['heldOn'], future]],
      fresh: async () => {
        const programme = await draft(stack, programmeInput(world, nextFamily()));
        return meetingInput(world, [programme.id]);
      },
    },
    {
      name: 'approveProgramme',
      selection: 'id status version approvedAt { id }',
      fresh: async () => {
        const programme = await draft(stack, programmeInput(world, nextFamily()));
        const meeting = await holdMeeting(stack, world, [programme.id]);
        return { programmeId: programme.id, version: programme.version, meetingId: meeting.id };
      },
      versioned: {
        variants: async (input, count) =>
          Promise.all(
            range(count).map(async () => ({
              ...input,
              meetingId: (await holdMeeting(stack, world, [String(input.programmeId)])).id,
            })),
          ),
        readBack: async (input) =>
          (await programmes.programme.findUniqueOrThrow({ where: { id: String(input.programmeId) } }))
            .approvedAtId,
        expected: (input) => input.meetingId,
      },
    },
    {
      name: 'updateMeasure',
      selection: 'id status version executedOn',
      datesOutOfOrder: [
        [['executedOn'], '2011-03-01'],
        [['executedOn'], future],
      ],
      fresh: async () => {
        const measure = priorityMeasure(await approvedProgramme(stack, world, nextFamily()));
        return {
          id: measure.id,
          version: measure.version,
          status: 'DONE',
          executedOn: measure.deadline,
          executionReport: 'Выполнено, акт приложен',
        };
      },
      versioned: {
        variants: async (input, count) =>
          range(count).map((i) => ({ ...input, executionReport: `Акт № ${i} приложен` })),
        readBack: async (input) =>
          (await programmes.measure.findUniqueOrThrow({ where: { id: String(input.id) } })).executionReport,
        expected: (input) => input.executionReport,
      },
    },
    {
      name: 'submitProgressReport',
      selection: 'id submittedOn version',
      datesOutOfOrder: [
        [['submittedOn'], '2011-03-01'],
        [['submittedOn'], future],
      ],
      fresh: async () => {
        const programme = await approvedProgramme(stack, world, nextFamily());
        const report = programme.reports.find((r) => r.kind === 'INTERIM');
        if (!report) throw new Error('the programme has no interim report');
        return reportInput(report);
      },
      versioned: {
        variants: async (input, count) =>
          range(count).map((i) => ({ ...input, summary: `Динамика, вариант ${i}` })),
        readBack: async (input) =>
          (await programmes.progressReport.findUniqueOrThrow({ where: { id: String(input.id) } })).summary,
        expected: (input) => input.summary,
      },
    },
    {
      name: 'proposeProgrammeChange',
      selection: 'id kind decision',
      datesOutOfOrder: [
        [['proposedOn'], '2011-03-01'],
        [['proposedOn'], future],
      ],
      fresh: async () => (await proposal()).input,
    },
    {
      name: 'decideProgrammeChange',
      selection: 'id decision meeting { id }',
      fresh: async () => {
        const { programme, input } = await proposal();
        const { proposeProgrammeChange } = await graphqlData<{ proposeProgrammeChange: { id: string } }>(
          stack.gateway,
          documentOf('proposeProgrammeChange', 'id'),
          { input },
        );
        const meeting = await holdMeeting(stack, world, [programme.id], { heldOn: '2011-04-10' });
        return { changeId: proposeProgrammeChange.id, meetingId: meeting.id, decision: 'REJECTED' };
      },
    },
    {
      name: 'replayCurationEvents',
      principal: { sub: 'test-admin', role: 'ADMIN' },
      selection: '',
      // A family taken off the register whose assignment drifted back to active in curation's table:
      // replaying the registry's events for it ends the assignment again.
      fresh: async () => {
        const { family } = await assigned();
        await closedAndSettled(family.registrationId);
        await curation.curatorAssignment.updateMany({
          where: { familyId: family.familyId },
          data: { endedOn: null, endKind: null, endResolutionNumber: null, endResolutionDate: null },
        });
        return { producer: 'registry', familyIds: [family.familyId] };
      },
    },
    {
      name: 'replayProgrammesEvents',
      principal: { sub: 'test-admin', role: 'ADMIN' },
      selection: '',
      // A programme ended off the register that drifted back into force in programmes' table:
      // replaying the registry's events for its family ends it again.
      fresh: async () => {
        const family = nextFamily();
        const programme = await approvedProgramme(stack, world, family);
        await closedAndSettled(family.registrationId);
        await programmes.programme.update({
          where: { id: programme.id },
          data: {
            status: 'APPROVED',
            endedOn: null,
            endReason: null,
            endResolutionNumber: null,
            endResolutionDate: null,
          },
        });
        return { producer: 'registry', familyIds: [family.familyId] };
      },
    },
    ...(['curation', 'programmes'] as const).map(
      (service): MutationCase => ({
        name: `replay${service === 'curation' ? 'Curation' : 'Programmes'}DeadEvent`,
        principal: { sub: 'test-admin', role: 'ADMIN' },
        selection: 'replayed error',
        // A dead event whose reaction applies now: a closing of a registration the consumer has no record of.
        fresh: async () => {
          const id = randomUUID();
          const event = {
            id,
            producer: 'registry',
            type: 'RegistrationClosed',
            version: 1,
            position: '1-1',
            effectiveOn: '2011-11-01',
            occurredAt: '2011-11-01T10:00:00.000Z',
            familyId: randomUUID(),
            agencyId: null,
            districtCode: code,
            requestId: null,
            userId: null,
            payload: {
              registrationId: randomUUID(),
              districtCode: code,
              closedOn: '2011-11-01',
              reason: 'SITUATION_IMPROVED',
              resolution: { number: `М-${next()}`, date: '2011-11-01' },
            },
          };
          await stack[service].db.client.$executeRawUnsafe(
            `INSERT INTO "DeadEvent" (id, producer, type, "familyId", event, error, attempts, "failedAt")
             VALUES ($1::uuid, 'registry', 'RegistrationClosed', $2::uuid, $3::jsonb, 'planted by the test', 3, now())`,
            id,
            event.familyId,
            JSON.stringify(event),
          );
          return { id };
        },
      }),
    ),
  ];
  return { world, cases };
}

export type Catalogue = Awaited<ReturnType<typeof createCatalogue>>;
