import { graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assignCurator, createCurator, createDistrictWithFamilies } from '../curation/world.ts';
import { type Stack, startStack } from '../stack.ts';
import { registrationOf } from './world.ts';

let stack: Stack;
let south: Awaited<ReturnType<typeof createDistrictWithFamilies>>;
let schoolCurator: string;
let policeCurator: string;

beforeAll(async () => {
  stack = await startStack();
  south = await createDistrictWithFamilies(stack, 'south', { families: 2 });
  schoolCurator = await createCurator(stack, south.school.id, 'Школьная Анна Сергеевна');
  policeCurator = await createCurator(stack, south.police.id, 'Полицейский Иван Петрович');
});
afterAll(() => stack?.stop());

const registerFamily = `mutation ($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;

function registration(date: string, minors: Array<{ firstName: string; birthDate: string }>) {
  return {
    districtCode: 'south',
    commissionId: south.commission.id,
    resolution: { number: `${date}/1`, date },
    grounds: 'Ненадлежащее исполнение родительских обязанностей',
    address: 'ул. Южная, д. 1',
    composition: 'SINGLE_MOTHER',
    socialPassport: {
      adults: 1,
      children: minors.length,
      housing: 'SATISFACTORY',
      incomeLevel: 'LOW',
      riskFactors: ['NEGLECT'],
    },
    minors: minors.map(({ firstName, birthDate }) => ({
      lastName: 'Южная',
      firstName,
      sex: 'FEMALE',
      birthDate,
    })),
  };
}

async function register(date: string, minors: Array<{ firstName: string; birthDate: string }>) {
  const data = await graphqlData<{ registerFamily: { id: string } }>(stack.gateway, registerFamily, {
    input: registration(date, minors),
  });
  return data.registerFamily.id;
}

const queue = `query ($asOf: Date!) { district(code: "south") { curatorQueue(asOf: $asOf) {
  families waiting { family { id } registeredOn daysWaiting } } } }`;

interface Queue {
  district: {
    curatorQueue: {
      families: number;
      waiting: Array<{ family: { id: string }; registeredOn: string; daysWaiting: number }>;
    };
  };
}

const caseload = `query ($asOf: Date!) { district(code: "south") {
  register(asOf: $asOf) { families minors }
  caseload(asOf: $asOf) { total { families minors } byAgencyKind { kind curators families minors } } } }`;

interface Caseload {
  district: {
    register: { families: number; minors: number };
    caseload: {
      total: { families: number; minors: number };
      byAgencyKind: Array<{ kind: string; curators: number; families: number; minors: number }>;
    };
  };
}

describe('curation follows the register by itself', () => {
  test('a family registered waits in the curator queue, with the days it has waited, until assigned (clause 1.2)', async () => {
    const familyId = await register('2011-09-01', [{ firstName: 'Вера', birthDate: '2004-01-10' }]);
    await stack.settle();
    const waiting = await graphqlData<Queue>(stack.gateway, queue, { asOf: '2011-09-11' });
    expect(waiting.district.curatorQueue.waiting).toContainEqual({
      family: { id: familyId },
      registeredOn: '2011-09-01',
      daysWaiting: 10,
    });
    const before = waiting.district.curatorQueue.families;

    await assignCurator(stack, familyId, schoolCurator, '2011-09-12');
    const assigned = await graphqlData<Queue>(stack.gateway, queue, { asOf: '2011-09-12' });
    expect(assigned.district.curatorQueue.families).toBe(before - 1);
    expect(assigned.district.curatorQueue.waiting.map((row) => row.family.id)).not.toContain(familyId);
    // Not on the register yet the day before it was registered.
    const earlier = await graphqlData<Queue>(stack.gateway, queue, { asOf: '2011-08-31' });
    expect(earlier.district.curatorQueue.waiting.map((row) => row.family.id)).not.toContain(familyId);
  });

  test('a minor added to a registration counts in the curator’s caseload from the day added, as on the register', async () => {
    const familyId = south.families[0] as string;
    await assignCurator(stack, familyId, policeCurator, '2011-03-01');
    const before = await graphqlData<Caseload>(stack.gateway, caseload, { asOf: '2011-10-01' });
    const open = await registrationOf(stack, familyId);
    await graphqlData(
      stack.gateway,
      `mutation ($input: AddMinorToRegistrationInput!) { addMinorToRegistration(input: $input) { id } }`,
      {
        input: {
          registrationId: open.id,
          version: open.version,
          addedOn: '2011-10-01',
          minor: { lastName: 'Тестова', firstName: 'Нина', sex: 'FEMALE', birthDate: '2010-05-05' },
        },
      },
    );
    await stack.settle();
    const after = await graphqlData<Caseload>(stack.gateway, caseload, { asOf: '2011-10-01' });
    expect(after.district.caseload.total.minors).toBe(before.district.caseload.total.minors + 1);
    expect(after.district.register.minors).toBe(before.district.register.minors + 1);
    const dayBefore = await graphqlData<Caseload>(stack.gateway, caseload, { asOf: '2011-09-30' });
    expect(dayBefore.district.caseload.total.minors).toBe(before.district.caseload.total.minors);
  });

  test('a minor added then taken off the register, one after the other: the caseload ends with the right minors, as the register', async () => {
    const familyId = await register('2011-03-01', [
      { firstName: 'Первая', birthDate: '2005-01-01' },
      { firstName: 'Вторая', birthDate: '2006-01-01' },
    ]);
    await assignCurator(stack, familyId, schoolCurator, '2011-03-01');
    const figures = async (asOf: string) => {
      const { district } = await graphqlData<Caseload>(stack.gateway, caseload, { asOf });
      return { register: district.register.minors, caseload: district.caseload.total.minors };
    };
    const before = await figures('2011-12-01');
    const open = await registrationOf(stack, familyId);
    const added = await graphqlData<{
      addMinorToRegistration: { version: number; minors: Array<{ minor: { id: string } }> };
    }>(
      stack.gateway,
      `mutation ($input: AddMinorToRegistrationInput!) { addMinorToRegistration(input: $input) {
        version minors { minor { id } } } }`,
      {
        input: {
          registrationId: open.id,
          version: open.version,
          addedOn: '2011-10-05',
          minor: { lastName: 'Южная', firstName: 'Третья', sex: 'FEMALE', birthDate: '2009-09-09' },
        },
      },
    );
    const third = added.addMinorToRegistration.minors.at(-1)?.minor.id;
    // Written at once, applied later in the order written: the minor is added, then leaves.
    await graphqlData(
      stack.gateway,
      `mutation ($input: TakeMinorOffRegisterInput!) { takeMinorOffRegister(input: $input) { id } }`,
      {
        input: {
          registrationId: open.id,
          version: added.addMinorToRegistration.version,
          minorId: third,
          leftOn: '2011-11-01',
          reason: 'MOVED_AWAY',
          resolution: { number: '11/5', date: '2011-11-01' },
        },
      },
    );
    await stack.settle();
    expect(await figures('2011-12-01')).toEqual(before);
    const [eve, during] = [await figures('2011-10-04'), await figures('2011-10-15')];
    expect({ register: during.register - eve.register, caseload: during.caseload - eve.caseload }).toEqual({
      register: 1,
      caseload: 1,
    });
  });

  test('a minor who turns 18 leaves the caseload on the birthday, with no write at all', async () => {
    const familyId = await register('2011-03-01', [
      { firstName: 'Старшая', birthDate: '1993-11-15' },
      { firstName: 'Младшая', birthDate: '2003-02-02' },
    ]);
    await stack.settle();
    await assignCurator(stack, familyId, schoolCurator, '2011-03-02');
    const minorsOf = async (asOf: string) =>
      (await graphqlData<Caseload>(stack.gateway, caseload, { asOf })).district.caseload.total.minors;
    const onEve = await minorsOf('2011-11-14');
    expect(await minorsOf('2011-11-15')).toBe(onEve - 1);
  });

  test('an agency whose kind changes moves its curators’ caseload to the new kind from that day, not before', async () => {
    const familyId = south.families[1] as string;
    const curatorId = await createCurator(stack, south.centre.id, 'Центрова Ольга Игоревна');
    await assignCurator(stack, familyId, curatorId, '2011-03-01');
    const kinds = async (asOf: string) =>
      Object.fromEntries(
        (await graphqlData<Caseload>(stack.gateway, caseload, { asOf })).district.caseload.byAgencyKind.map(
          (row) => [row.kind, row.families],
        ),
      );
    const before = await kinds('2011-06-01');
    const { agency } = await graphqlData<{ agency: { version: number } }>(
      stack.gateway,
      'query ($id: ID!) { agency(id: $id) { version } }',
      { id: south.centre.id },
    );
    await graphqlData(
      stack.gateway,
      `mutation ($input: UpdateAgencyInput!) { updateAgency(input: $input) { kind } }`,
      {
        input: {
          id: south.centre.id,
          version: agency.version,
          kind: 'SOCIAL_PROTECTION',
          effectiveOn: '2011-06-01',
        },
      },
    );
    await stack.settle();
    expect(await kinds('2011-05-31')).toEqual(before);
    const after = await kinds('2011-06-01');
    expect(after.SOCIAL_SERVICE_CENTRE ?? 0).toBe((before.SOCIAL_SERVICE_CENTRE ?? 0) - 1);
    expect(after.SOCIAL_PROTECTION).toBe(1);
    const { curator } = await graphqlData<{ curator: { agencyKind: string } }>(
      stack.gateway,
      'query ($id: ID!) { curator(id: $id) { agencyKind } }',
      { id: curatorId },
    );
    expect(curator.agencyKind).toBe('SOCIAL_PROTECTION');
  });
});
