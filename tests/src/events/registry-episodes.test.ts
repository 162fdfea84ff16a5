import { graphql, graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDistrict, registryRowCounts } from '../fixtures.ts';
import { type Stack, startStack } from '../stack.ts';
import { closeRegistrationMutation } from './world.ts';

let stack: Stack;
let commissionId: string;
let otherCommissionId: string;

beforeAll(async () => {
  stack = await startStack();
  ({
    commission: { id: commissionId },
  } = await createDistrict(stack.agencies.db.client, 'west'));
  ({
    commission: { id: otherCommissionId },
  } = await createDistrict(stack.agencies.db.client, 'river'));
});
afterAll(() => stack?.stop());

interface MinorInput {
  lastName: string;
  firstName: string;
  patronymic?: string;
  sex: 'FEMALE' | 'MALE';
  birthDate: string;
}

interface RegisteredFamily {
  id: string;
  address: string;
  version: number;
  socialPassport: { adults: number; version: number };
  minors: Array<{ id: string; fullName: string }>;
  registrations: Array<{
    id: string;
    version: number;
    open: boolean;
    openedOn: string;
    minors: Array<{ addedOn: string; minor: { id: string; fullName: string } }>;
  }>;
}

const registerFamilyMutation = `mutation ($input: RegisterFamilyInput!) {
  registerFamily(input: $input) {
    id address version
    socialPassport { adults version }
    minors { id fullName }
    registrations { id version open openedOn minors { addedOn minor { id fullName } } }
  }
}`;

const takeMinorOffMutation = `mutation ($input: TakeMinorOffRegisterInput!) {
  takeMinorOffRegister(input: $input) {
    id version open
    minors {
      addedOn leftOn leftReason leftResolution { number date } leftNote countedUntil
      minor { id fullName }
    }
  }
}`;

let serial = 0;

function familyInput(minors: MinorInput[], overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    districtCode: 'west',
    commissionId,
    resolution: { number: `${serial}/2`, date: '2011-03-10' },
    grounds: 'Ненадлежащее исполнение родительских обязанностей',
    address: `ул. Западная, д. ${serial}`,
    composition: 'SINGLE_MOTHER',
    socialPassport: {
      adults: 1,
      children: minors.length,
      housing: 'UNSATISFACTORY',
      incomeLevel: 'LOW',
      riskFactors: ['NEGLECT'],
    },
    minors,
    ...overrides,
  };
}

async function registerFamily(input: Record<string, unknown>) {
  const data = await graphqlData<{ registerFamily: RegisteredFamily }>(
    stack.gateway,
    registerFamilyMutation,
    { input },
  );
  return data.registerFamily;
}

/** Three siblings of a family of their own (born on days no other family's minors were). */
function siblings(lastName: string): MinorInput[] {
  return [
    { lastName, firstName: 'Анна', patronymic: 'Петровна', sex: 'FEMALE', birthDate: '2000-04-05' },
    { lastName, firstName: 'Борис', patronymic: 'Петрович', sex: 'MALE', birthDate: '2003-08-19' },
    { lastName, firstName: 'Вера', patronymic: 'Петровна', sex: 'FEMALE', birthDate: '2007-01-30' },
  ];
}

async function registerOn(day: string, district = 'west') {
  const data = await graphqlData<{ district: { register: { families: number; minors: number } } }>(
    stack.gateway,
    'query ($code: String!, $day: Date!) { district(code: $code) { register(asOf: $day) { families minors } } }',
    { code: district, day },
  );
  return data.district.register;
}

async function minorsOnRegister(day: string, onRegister = true) {
  const data = await graphqlData<{ minors: { totalCount: number } }>(
    stack.gateway,
    'query ($filter: RegisterFilter) { minors(first: 1, filter: $filter) { totalCount } }',
    { filter: { districtCode: 'west', onRegister, asOf: day } },
  );
  return data.minors.totalCount;
}

async function registryEvents(familyId: string) {
  const { registryEvents } = await graphqlData<{
    registryEvents: {
      events: Array<{ type: string; effectiveOn: string; payload: Record<string, unknown> }>;
    };
  }>(
    stack.gateway,
    'query ($families: [ID!]) { registryEvents(familyIds: $families) { events { type effectiveOn payload } } }',
    { families: [familyId] },
  );
  return registryEvents.events;
}

/** Everything a refused mutation must leave as it was: rows, registrations' versions, minors' leaving, events. */
async function registryState() {
  const db = stack.registry.db.client;
  const [rows, versions, left, events] = await Promise.all([
    registryRowCounts(db),
    db.registration.aggregate({ _sum: { version: true } }),
    db.registeredMinor.count({ where: { leftOn: { not: null } } }),
    db.domainEvent.count(),
  ]);
  return { rows, versions: versions._sum.version, left, events };
}

function leaving(registration: RegisteredFamily['registrations'][number], minorId: string, day: string) {
  return {
    registrationId: registration.id,
    version: registration.version,
    minorId,
    leftOn: day,
    reason: 'CHILDREN_PLACED_IN_CARE',
    resolution: { number: '31/4', date: day },
  };
}

describe('a minor taken off an open registration (takeMinorOffRegister)', () => {
  test('leaves the register from that day while the siblings stay, and MinorLeftRegistration is written with it', async () => {
    const family = await registerFamily(familyInput(siblings('Уходова')));
    const [registration] = family.registrations;
    if (!registration) throw new Error('no registration');
    const vera = registration.minors.find((entry) => entry.minor.fullName.includes('Вера'))?.minor.id ?? '';
    const before = { dayBefore: await registerOn('2011-09-30'), onTheDay: await registerOn('2011-10-01') };
    const listedBefore = await minorsOnRegister('2011-10-01');

    const data = await graphqlData<{
      takeMinorOffRegister: { version: number; open: boolean; minors: Array<Record<string, unknown>> };
    }>(stack.gateway, takeMinorOffMutation, { input: leaving(registration, vera, '2011-10-01') });

    expect(data.takeMinorOffRegister).toMatchObject({ version: 2, open: true });
    expect(data.takeMinorOffRegister.minors).toContainEqual({
      addedOn: '2011-03-10',
      leftOn: '2011-10-01',
      leftReason: 'CHILDREN_PLACED_IN_CARE',
      leftResolution: { number: '31/4', date: '2011-10-01' },
      leftNote: null,
      countedUntil: '2011-10-01',
      minor: { id: vera, fullName: 'Уходова Вера Петровна' },
    });
    expect(data.takeMinorOffRegister.minors).toContainEqual(
      expect.objectContaining({ leftOn: null, countedUntil: '2021-08-19' }),
    );

    // A minor who left on a day is not on the register that day, as a closed registration.
    expect(await registerOn('2011-09-30')).toEqual(before.dayBefore);
    expect(await registerOn('2011-10-01')).toEqual({
      families: before.onTheDay.families,
      minors: before.onTheDay.minors - 1,
    });
    expect(await minorsOnRegister('2011-10-01')).toBe(listedBefore - 1);

    const events = await registryEvents(family.id);
    expect(events.map((event) => event.type)).toEqual(['FamilyRegistered', 'MinorLeftRegistration']);
    expect(events[1]).toEqual({
      type: 'MinorLeftRegistration',
      effectiveOn: '2011-10-01',
      payload: {
        registrationId: registration.id,
        districtCode: 'west',
        minorId: vera,
        leftOn: '2011-10-01',
        reason: 'CHILDREN_PLACED_IN_CARE',
      },
    });
  });

  test('the registration cannot close before a minor left it', async () => {
    const family = await registerFamily(familyInput(siblings('Раннева')));
    const [registration] = family.registrations;
    if (!registration) throw new Error('no registration');
    const minorId = registration.minors[0]?.minor.id ?? '';
    await graphqlData(stack.gateway, takeMinorOffMutation, {
      input: leaving(registration, minorId, '2011-10-01'),
    });
    const before = await registryState();
    const { errors } = await graphql(stack.gateway, closeRegistrationMutation, {
      input: {
        registrationId: registration.id,
        version: 2,
        reason: 'SITUATION_IMPROVED',
        resolution: { number: '40/1', date: '2011-09-01' },
      },
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.resolution.date' });
    expect(await registryState()).toEqual(before);
  });

  describe('is refused as BAD_USER_INPUT naming the field, and writes nothing, no event included', () => {
    let family: RegisteredFamily;
    let registration: RegisteredFamily['registrations'][number];
    let minorId: string;
    let otherMinorId: string;
    let closedRegistrationId: string;

    beforeAll(async () => {
      family = await registerFamily(familyInput(siblings('Отказова')));
      registration = family.registrations[0] as RegisteredFamily['registrations'][number];
      minorId = registration.minors.find((entry) => entry.minor.fullName.includes('Борис'))?.minor.id ?? '';
      const other = await registerFamily(familyInput(siblings('Соседова')));
      otherMinorId = other.minors[0]?.id ?? '';
      const closed = await registerFamily(familyInput(siblings('Закрытова')));
      closedRegistrationId = closed.registrations[0]?.id ?? '';
      await graphqlData(stack.gateway, closeRegistrationMutation, {
        input: {
          registrationId: closedRegistrationId,
          version: 1,
          reason: 'SITUATION_IMPROVED',
          resolution: { number: '50/1', date: '2011-09-01' },
        },
      });
    });

    const valid = () => leaving(registration, minorId, '2011-10-01');
    const cases: Array<[string, () => Record<string, unknown>, string]> = [
      [
        'an unknown registration',
        () => ({ registrationId: '0190a000-0000-7000-8000-000000000000' }),
        'input.registrationId',
      ],
      ['a registration id that is no id', () => ({ registrationId: 'reg-1' }), 'input.registrationId'],
      [
        'a closed registration',
        () => ({ registrationId: closedRegistrationId, version: 2 }),
        'input.registrationId',
      ],
      ['a version that was never read', () => ({ version: 0 }), 'input.version'],
      ['an unknown minor', () => ({ minorId: '0190a000-0000-7000-8000-000000000000' }), 'input.minorId'],
      ['a minor id that is no id', () => ({ minorId: 'minor-1' }), 'input.minorId'],
      ['a minor of another registration', () => ({ minorId: otherMinorId }), 'input.minorId'],
      [
        'a day before the minor was put on the register',
        () => ({ leftOn: '2011-03-09', resolution: { number: '31/4', date: '2011-03-09' } }),
        'input.leftOn',
      ],
      [
        'a day in the future',
        () => ({ leftOn: '2999-01-01', resolution: { number: '31/4', date: '2999-01-01' } }),
        'input.leftOn',
      ],
      ['a day other than the resolution’s', () => ({ leftOn: '2011-10-02' }), 'input.leftOn'],
      ['coming of age before the 18th birthday', () => ({ reason: 'CAME_OF_AGE' }), 'input.reason'],
      [
        'a resolution without a number',
        () => ({ resolution: { number: '  ', date: '2011-10-01' } }),
        'input.resolution.number',
      ],
      [
        'a resolution in the future',
        () => ({ resolution: { number: '31/4', date: '2999-01-01' } }),
        'input.resolution.date',
      ],
      ['another reason without a note', () => ({ reason: 'OTHER' }), 'input.note'],
      ['a blank note', () => ({ reason: 'OTHER', note: ' \n ' }), 'input.note'],
    ];

    test.each(cases)('%s', async (_case, overrides, field) => {
      const before = await registryState();
      const { data, errors } = await graphql<{ takeMinorOffRegister: unknown }>(
        stack.gateway,
        takeMinorOffMutation,
        { input: { ...valid(), ...overrides() } },
      );
      expect(data?.takeMinorOffRegister ?? null).toBeNull();
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(errors?.[0]?.message).toContain(field);
      expect(await registryState()).toEqual(before);
    });

    test('an unknown reason', async () => {
      const before = await registryState();
      const { errors } = await graphql(stack.gateway, takeMinorOffMutation, {
        input: { ...valid(), reason: 'GREW_UP' },
      });
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toContain('reason');
      expect(await registryState()).toEqual(before);
    });

    test('a minor who has left already, and the last minor remaining (close the registration instead)', async () => {
      const [first, second, third] = registration.minors.map((entry) => entry.minor.id);
      const left = await graphqlData<{ takeMinorOffRegister: { version: number } }>(
        stack.gateway,
        takeMinorOffMutation,
        { input: leaving(registration, first ?? '', '2011-10-01') },
      );
      const version = left.takeMinorOffRegister.version;
      await graphqlData(stack.gateway, takeMinorOffMutation, {
        input: { ...leaving(registration, second ?? '', '2011-10-01'), version },
      });
      const before = await registryState();
      for (const [minor, message] of [
        [first, 'taken off the register on 2011-10-01'],
        [third, 'last minor'],
      ] as const) {
        const { errors } = await graphql(stack.gateway, takeMinorOffMutation, {
          input: { ...leaving(registration, minor ?? '', '2011-10-05'), version: version + 1 },
        });
        expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.minorId' });
        expect(errors?.[0]?.message).toContain(message);
      }
      expect(await registryState()).toEqual(before);
    });
  });
});

describe('coming of age', () => {
  test('a minor who turns 18 leaves the register count on the birthday without any write', async () => {
    const family = await registerFamily(
      familyInput([
        { lastName: 'Взрослова', firstName: 'Ирина', sex: 'FEMALE', birthDate: '1993-11-15' },
        { lastName: 'Взрослов', firstName: 'Олег', sex: 'MALE', birthDate: '2004-06-02' },
      ]),
    );
    const eve = { register: await registerOn('2011-11-14'), listed: await minorsOnRegister('2011-11-14') };
    const state = await registryState();
    const birthday = {
      register: await registerOn('2011-11-15'),
      listed: await minorsOnRegister('2011-11-15'),
    };
    expect(birthday.register).toEqual({ families: eve.register.families, minors: eve.register.minors - 1 });
    expect(birthday.listed).toBe(eve.listed - 1);
    expect(await minorsOnRegister('2011-11-15', false)).toBeGreaterThan(
      await minorsOnRegister('2011-11-14', false),
    );
    expect(await registryState()).toEqual(state);

    const { family: read } = await graphqlData<{
      family: { registrations: Array<{ minors: Array<{ countedUntil: string; leftOn: string | null }> }> };
    }>(
      stack.gateway,
      'query ($id: ID!) { family(id: $id) { registrations { minors { countedUntil leftOn } } } }',
      {
        id: family.id,
      },
    );
    expect(read.registrations[0]?.minors).toHaveLength(2);
    expect(read.registrations[0]?.minors).toEqual(
      expect.arrayContaining([
        { countedUntil: '2011-11-15', leftOn: null },
        { countedUntil: '2022-06-02', leftOn: null },
      ]),
    );
  });

  test('a minor who came of age is taken off the register for it on the birthday or later, not before', async () => {
    const family = await registerFamily(
      familyInput([
        { lastName: 'Совершеннов', firstName: 'Глеб', sex: 'MALE', birthDate: '1993-07-20' },
        { lastName: 'Совершеннова', firstName: 'Яна', sex: 'FEMALE', birthDate: '2002-02-11' },
      ]),
    );
    const [registration] = family.registrations;
    if (!registration) throw new Error('no registration');
    const gleb = family.minors.find((minor) => minor.fullName.includes('Глеб'))?.id ?? '';
    const early = await graphql(stack.gateway, takeMinorOffMutation, {
      input: { ...leaving(registration, gleb, '2011-07-19'), reason: 'CAME_OF_AGE' },
    });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    const data = await graphqlData<{ takeMinorOffRegister: { minors: Array<Record<string, unknown>> } }>(
      stack.gateway,
      takeMinorOffMutation,
      { input: { ...leaving(registration, gleb, '2011-08-01'), reason: 'CAME_OF_AGE' } },
    );
    // Counted until the birthday, the earlier of the two.
    expect(data.takeMinorOffRegister.minors).toContainEqual(
      expect.objectContaining({
        leftOn: '2011-08-01',
        leftReason: 'CAME_OF_AGE',
        countedUntil: '2011-07-20',
      }),
    );
  });
});

describe('a family registered again after an earlier closing', () => {
  const minors = (): MinorInput[] => [
    {
      lastName: 'Повторова',
      firstName: 'Алла',
      patronymic: 'Ивановна',
      sex: 'FEMALE',
      birthDate: '2001-03-14',
    },
    {
      lastName: 'Повторов',
      firstName: 'Кирилл',
      patronymic: 'Иванович',
      sex: 'MALE',
      birthDate: '2005-10-27',
    },
  ];
  const newborn: MinorInput = {
    lastName: 'Повторова',
    firstName: 'Ксения',
    patronymic: 'Ивановна',
    sex: 'FEMALE',
    birthDate: '2011-08-01',
  };
  let family: RegisteredFamily;

  beforeAll(async () => {
    family = await registerFamily(
      familyInput(minors(), { resolution: { number: '3/1', date: '2011-02-01' } }),
    );
    await graphqlData(stack.gateway, closeRegistrationMutation, {
      input: {
        registrationId: family.registrations[0]?.id,
        version: 1,
        reason: 'SITUATION_IMPROVED',
        resolution: { number: '20/5', date: '2011-05-01' },
      },
    });
  });

  const again = (overrides: Record<string, unknown> = {}) =>
    familyInput([...minors(), newborn], {
      resolution: { number: '41/2', date: '2011-09-01' },
      address: 'ул. Новая Западная, д. 9',
      socialPassport: {
        adults: 2,
        children: 3,
        housing: 'SATISFACTORY',
        incomeLevel: 'BELOW_SUBSISTENCE',
        riskFactors: ['PARENTAL_ALCOHOL_ABUSE'],
      },
      ...overrides,
    });

  test('without familyId is refused, naming the family the registry knows; nothing and no event written', async () => {
    const before = await registryState();
    // Letter case aside, the same full name and birth date.
    const shouting = { ...again(), minors: [{ ...minors()[1], lastName: 'ПОВТОРОВ' }] };
    for (const input of [again(), shouting]) {
      const { data, errors } = await graphql<{ registerFamily: unknown }>(
        stack.gateway,
        registerFamilyMutation,
        {
          input,
        },
      );
      expect(data?.registerFamily ?? null).toBeNull();
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.familyId' });
      expect(errors?.[0]?.message).toContain(
        `the registry already knows this family (${family.id}): send input.familyId to register it again`,
      );
    }
    expect(await registryState()).toEqual(before);
  });

  test('with familyId opens a new registration on the same family, reusing its minors', async () => {
    const first = family.registrations[0]?.id;
    const before = {
      west: await registerOn('2011-09-01'),
      families: await stack.registry.db.client.family.count(),
    };
    const registered = await registerFamily(again({ familyId: family.id }));

    expect(registered.id).toBe(family.id);
    expect(await stack.registry.db.client.family.count()).toBe(before.families);
    expect(registered).toMatchObject({
      address: 'ул. Новая Западная, д. 9',
      version: 2,
      socialPassport: { adults: 2, version: 2 },
    });
    expect(registered.minors.map((minor) => minor.id)).toEqual(
      expect.arrayContaining(family.minors.map((minor) => minor.id)),
    );
    expect(registered.minors).toHaveLength(3);
    expect(
      registered.registrations.map((registration) => [registration.openedOn, registration.open]),
    ).toEqual([
      ['2011-09-01', true],
      ['2011-02-01', false],
    ]);
    const [opened] = registered.registrations;
    expect(opened?.minors.map((entry) => entry.minor.id).sort()).toEqual(
      registered.minors.map((minor) => minor.id).sort(),
    );
    expect(await registerOn('2011-09-01')).toEqual({
      families: before.west.families + 1,
      minors: before.west.minors + 3,
    });

    const events = await registryEvents(family.id);
    expect(events.map((event) => event.type)).toEqual([
      'FamilyRegistered',
      'RegistrationClosed',
      'FamilyRegistered',
    ]);
    expect(events[2]?.payload).toMatchObject({
      registrationId: opened?.id,
      previousRegistrationId: first,
      openedOn: '2011-09-01',
    });
    expect(events[0]?.payload).toMatchObject({ previousRegistrationId: null });
  });

  describe('with familyId is refused as BAD_USER_INPUT naming the field, and writes nothing, no event included', () => {
    let riverFamilyId: string;
    let reopenedId: string;
    let closedLateId: string;

    beforeAll(async () => {
      const river = await registerFamily(
        familyInput(siblings('Речнова'), { districtCode: 'river', commissionId: otherCommissionId }),
      );
      riverFamilyId = river.id;
      reopenedId = family.id;
      const late = await registerFamily(familyInput(siblings('Позднова')));
      closedLateId = late.id;
      await graphqlData(stack.gateway, closeRegistrationMutation, {
        input: {
          registrationId: late.registrations[0]?.id,
          version: 1,
          reason: 'SITUATION_IMPROVED',
          resolution: { number: '60/1', date: '2011-10-20' },
        },
      });
    });

    const cases: Array<[string, () => Record<string, unknown>, string, () => string]> = [
      [
        'a family on the register',
        () => again({ familyId: reopenedId }),
        'input.familyId',
        () => 'on the register since 2011-09-01',
      ],
      [
        'an unknown family',
        () => again({ familyId: '0190a000-0000-7000-8000-000000000000' }),
        'input.familyId',
        () => 'no family of district west',
      ],
      [
        'a family id that is no id',
        () => again({ familyId: 'family-1' }),
        'input.familyId',
        () => 'identifier',
      ],
      [
        'a family of another district, answered as if there were none',
        () => familyInput(siblings('Речнова'), { familyId: riverFamilyId }),
        'input.familyId',
        () => 'no family of district west',
      ],
      [
        'a registration before the family’s previous one closed',
        () => familyInput(siblings('Позднова'), { familyId: closedLateId }),
        'input.resolution.date',
        () => 'closed on 2011-10-20',
      ],
      [
        'a minor of another family',
        () =>
          familyInput([...siblings('Позднова'), minors()[0] as MinorInput], {
            familyId: closedLateId,
            resolution: { number: '70/1', date: '2011-11-01' },
          }),
        'input.minors[3]',
        () => `another family the registry knows (${family.id})`,
      ],
      [
        'the same minor named twice',
        () => {
          const twin: MinorInput = {
            lastName: 'Двойнова',
            firstName: 'Ольга',
            sex: 'FEMALE',
            birthDate: '2006-05-05',
          };
          return familyInput([twin, twin]);
        },
        'input.minors[1]',
        () => 'the same minor twice',
      ],
    ];

    test.each(cases)('%s', async (_case, input, field, message) => {
      const before = await registryState();
      const { data, errors } = await graphql<{ registerFamily: unknown }>(
        stack.gateway,
        registerFamilyMutation,
        {
          input: input(),
        },
      );
      expect(data?.registerFamily ?? null).toBeNull();
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(errors?.[0]?.message).toContain(message());
      expect(await registryState()).toEqual(before);
    });
  });
});
