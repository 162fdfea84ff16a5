import { graphql, graphqlData, signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDistrict, registryRowCounts } from '../fixtures.ts';
import { type Stack, startStack } from '../stack.ts';

let stack: Stack;
let commissionId: string;
let otherCommissionId: string;

beforeAll(async () => {
  stack = await startStack();
  ({
    commission: { id: commissionId },
  } = await createDistrict(stack.agencies.db.client, 'north'));
  ({
    commission: { id: otherCommissionId },
  } = await createDistrict(stack.agencies.db.client, 'south'));
});
afterAll(() => stack?.stop());

const registerFamily = `mutation ($input: RegisterFamilyInput!) {
  registerFamily(input: $input) {
    id address composition
    socialPassport { children riskFactors version }
    minors { id fullName birthDate }
    registrations {
      id version openedOn open grounds
      resolution { number date }
      commission { name }
      district { name }
      minors { addedOn minor { firstName } }
    }
  }
}`;

function validInput(overrides: Record<string, unknown> = {}) {
  return {
    districtCode: 'north',
    commissionId,
    resolution: { number: '17/3', date: '2011-04-12' },
    grounds: 'Мать злоупотребляет спиртными напитками, не занимается воспитанием детей',
    address: 'ул. Лесная, д. 5, кв. 12',
    composition: 'SINGLE_MOTHER',
    socialPassport: {
      adults: 1,
      children: 2,
      housing: 'UNSATISFACTORY',
      monthlyIncome: 9800,
      incomeLevel: 'BELOW_SUBSISTENCE',
      riskFactors: ['PARENTAL_ALCOHOL_ABUSE', 'NEGLECT'],
    },
    minors: [
      {
        lastName: 'Соколова',
        firstName: 'Дарья',
        patronymic: 'Игоревна',
        sex: 'FEMALE',
        birthDate: '2001-09-03',
      },
      {
        lastName: 'Соколов',
        firstName: 'Максим',
        patronymic: 'Игоревич',
        sex: 'MALE',
        birthDate: '2005-02-17',
      },
    ],
    ...overrides,
  };
}

let familiesRegistered = 0;

/** A valid input for a family the registry does not know yet: its minors born on days no other family's were. */
function newFamilyInput(overrides: Record<string, unknown> = {}) {
  familiesRegistered += 1;
  const dayAfter = (day: string) =>
    new Date(Date.parse(day) + familiesRegistered * 86_400_000).toISOString().slice(0, 10);
  const minors = validInput().minors.map((minor) => ({ ...minor, birthDate: dayAfter(minor.birthDate) }));
  return validInput({ minors, ...overrides });
}

interface RegisteredFamily {
  registerFamily: {
    id: string;
    socialPassport: { version: number };
    registrations: Array<{
      id: string;
      version: number;
      commission: { name: string };
      district: { name: string };
    }>;
  };
}

async function register(overrides: Record<string, unknown> = {}) {
  const data = await graphqlData<RegisteredFamily>(stack.gateway, registerFamily, {
    input: newFamilyInput(overrides),
  });
  return data.registerFamily;
}

describe('registering a family', () => {
  test('writes the family, its passport, minors and registration, and joins the agencies subgraph', async () => {
    const { data, errors } = await graphql(stack.gateway, registerFamily, { input: validInput() });
    expect(errors).toBeUndefined();
    expect(data).toMatchObject({
      registerFamily: {
        address: 'ул. Лесная, д. 5, кв. 12',
        composition: 'SINGLE_MOTHER',
        socialPassport: { children: 2, riskFactors: ['PARENTAL_ALCOHOL_ABUSE', 'NEGLECT'], version: 1 },
        minors: [
          { fullName: 'Соколова Дарья Игоревна', birthDate: '2001-09-03' },
          { fullName: 'Соколов Максим Игоревич', birthDate: '2005-02-17' },
        ],
        registrations: [
          {
            openedOn: '2011-04-12',
            open: true,
            resolution: { number: '17/3', date: '2011-04-12' },
            commission: { name: 'КДН и ЗП района north' },
            district: { name: 'Район north' },
            minors: [{ addedOn: '2011-04-12' }, { addedOn: '2011-04-12' }],
          },
        ],
      },
    });
  });

  const minors = validInput().minors;
  test.each([
    [
      'a resolution in the future',
      { resolution: { number: '1', date: '2999-01-01' } },
      'input.resolution.date',
    ],
    ['no minors', { minors: [] }, 'input.minors'],
    [
      'a minor born after the registration',
      { minors: [minors[0], { ...minors[1], birthDate: '2011-05-01' }] },
      'input.minors[1].birthDate',
    ],
    ['a minor of 18', { minors: [{ ...minors[0], birthDate: '1993-04-12' }] }, 'input.minors[0].birthDate'],
    ['a blank address', { address: '   ' }, 'input.address'],
    ['a blank minor name', { minors: [{ ...minors[0], firstName: '' }] }, 'input.minors[0].firstName'],
    [
      'fewer children in the passport than minors named',
      { socialPassport: { ...validInput().socialPassport, children: 1 } },
      'input.socialPassport.children',
    ],
    [
      'a risk factor twice',
      { socialPassport: { ...validInput().socialPassport, riskFactors: ['NEGLECT', 'NEGLECT'] } },
      'input.socialPassport.riskFactors',
    ],
    ['an unknown district', { districtCode: 'atlantis' }, 'input.districtCode'],
    ['an unknown commission', { commissionId: '0190a000-0000-7000-8000-000000000000' }, 'input.commissionId'],
    ['a commission id that is no id', { commissionId: 'kdn-1' }, 'input.commissionId'],
  ])('with %s is refused, naming the field, and writes nothing', async (_case, overrides, field) => {
    const before = await registryRowCounts(stack.registry.db.client);
    const { data, errors } = await graphql(stack.gateway, registerFamily, { input: validInput(overrides) });
    expect(data?.registerFamily ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(errors?.[0]?.message).toContain(field);
    expect(await registryRowCounts(stack.registry.db.client)).toEqual(before);
  });

  test('with the commission of another district is refused', async () => {
    const { errors } = await graphql(stack.gateway, registerFamily, {
      input: validInput({ commissionId: otherCommissionId }),
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.commissionId' });
    expect(errors?.[0]?.message).toContain('another district (south)');
  });

  test('with an impossible calendar date is refused before any resolver runs', async () => {
    const before = await registryRowCounts(stack.registry.db.client);
    const { errors } = await graphql(stack.gateway, registerFamily, {
      input: validInput({ resolution: { number: '1', date: '2011-02-30' } }),
    });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain('resolution');
    expect(await registryRowCounts(stack.registry.db.client)).toEqual(before);
  });

  test('is one transaction: a failure at its last statement leaves no family, minor or passport behind', async () => {
    const db = stack.registry.db.client;
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_registration() RETURNS trigger AS $$
      BEGIN IF NEW.grounds = 'refuse me' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$
      LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(
      'CREATE TRIGGER refuse_registration BEFORE INSERT ON "Registration" FOR EACH ROW EXECUTE FUNCTION refuse_registration()',
    );
    try {
      const before = await registryRowCounts(db);
      const { errors } = await graphql(stack.gateway, registerFamily, {
        input: newFamilyInput({ grounds: 'refuse me' }),
      });
      expect(errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(errors?.[0]?.message).not.toContain('refused by the test');
      expect(await registryRowCounts(db)).toEqual(before);
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER refuse_registration ON "Registration"');
      await db.$executeRawUnsafe('DROP FUNCTION refuse_registration');
    }
  });
});

const updatePassport = `mutation ($input: UpdateSocialPassportInput!) {
  updateSocialPassport(input: $input) { socialPassport { housing monthlyIncome version } }
}`;

describe('updating a social passport', () => {
  test('changes the named fields and the version', async () => {
    const family = await register();
    const data = await graphqlData<{ updateSocialPassport: { socialPassport: unknown } }>(
      stack.gateway,
      updatePassport,
      {
        input: { familyId: family.id, version: 1, housing: 'SATISFACTORY', monthlyIncome: 15000 },
      },
    );
    expect(data.updateSocialPassport.socialPassport).toEqual({
      housing: 'SATISFACTORY',
      monthlyIncome: 15000,
      version: 2,
    });
  });

  test('from a stale version is a conflict and changes nothing', async () => {
    const family = await register();
    await graphqlData(stack.gateway, updatePassport, {
      input: { familyId: family.id, version: 1, monthlyIncome: 1 },
    });
    const { errors } = await graphql(stack.gateway, updatePassport, {
      input: { familyId: family.id, version: 1, monthlyIncome: 2 },
    });
    expect(errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const passport = await stack.registry.db.client.socialPassport.findUniqueOrThrow({
      where: { familyId: family.id },
    });
    expect(passport).toMatchObject({ monthlyIncome: 1, version: 2 });
  });

  test('twice at once from the same version: one wins, the other gets a conflict, no update is lost silently', async () => {
    const family = await register();
    const results = await Promise.all(
      [101, 202, 303, 404].map((monthlyIncome) =>
        graphql(stack.gateway, updatePassport, { input: { familyId: family.id, version: 1, monthlyIncome } }),
      ),
    );
    const winners = results.filter((result) => !result.errors);
    const losers = results.filter((result) => result.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(3);
    const passport = await stack.registry.db.client.socialPassport.findUniqueOrThrow({
      where: { familyId: family.id },
    });
    expect(passport.version).toBe(2);
    expect(winners[0]?.data).toMatchObject({
      updateSocialPassport: { socialPassport: { monthlyIncome: passport.monthlyIncome } },
    });
  });

  test('of an unknown family is refused', async () => {
    const { errors } = await graphql(stack.gateway, updatePassport, {
      input: { familyId: '0190a000-0000-7000-8000-000000000000', version: 1, notes: 'x' },
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.familyId' });
  });
});

const addMinor = `mutation ($input: AddMinorToRegistrationInput!) {
  addMinorToRegistration(input: $input) { version minors { addedOn minor { fullName } } }
}`;
const closeRegistration = `mutation ($input: CloseRegistrationInput!) {
  closeRegistration(input: $input) { open closedOn closingReason closingResolution { number date } version }
}`;
const newborn = { lastName: 'Соколова', firstName: 'Алиса', sex: 'FEMALE', birthDate: '2011-06-01' };

describe('adding a minor to an open registration', () => {
  test('names the minor from that day on', async () => {
    const { registrations } = await register();
    const registration = registrations[0];
    const data = await graphqlData<{ addMinorToRegistration: { version: number; minors: unknown[] } }>(
      stack.gateway,
      addMinor,
      {
        input: {
          registrationId: registration?.id,
          version: registration?.version,
          addedOn: '2011-06-10',
          minor: newborn,
        },
      },
    );
    expect(data.addMinorToRegistration.version).toBe(2);
    expect(data.addMinorToRegistration.minors).toContainEqual({
      addedOn: '2011-06-10',
      minor: { fullName: 'Соколова Алиса' },
    });
  });

  test.each([
    [
      'before the registration opened',
      { addedOn: '2011-01-01', minor: { ...newborn, birthDate: '2010-06-01' } },
      'input.addedOn',
    ],
    ['before the minor was born', { addedOn: '2011-05-01' }, 'input.minor.birthDate'],
    ['in the future', { addedOn: '2999-01-01' }, 'input.addedOn'],
    [
      'to an unknown registration',
      { registrationId: '0190a000-0000-7000-8000-000000000000' },
      'input.registrationId',
    ],
  ])('%s is refused and writes nothing', async (_case, overrides, field) => {
    const { registrations } = await register();
    const before = await registryRowCounts(stack.registry.db.client);
    const { errors } = await graphql(stack.gateway, addMinor, {
      input: {
        registrationId: registrations[0]?.id,
        version: 1,
        addedOn: '2011-06-10',
        minor: newborn,
        ...overrides,
      },
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await registryRowCounts(stack.registry.db.client)).toEqual(before);
  });

  test('to a closed registration is refused', async () => {
    const { registrations } = await register();
    const id = registrations[0]?.id;
    await graphqlData(stack.gateway, closeRegistration, {
      input: {
        registrationId: id,
        version: 1,
        reason: 'SITUATION_IMPROVED',
        resolution: { number: '40/1', date: '2011-11-20' },
      },
    });
    const { errors } = await graphql(stack.gateway, addMinor, {
      input: { registrationId: id, version: 2, addedOn: '2011-12-01', minor: newborn },
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.registrationId' });
    expect(errors?.[0]?.message).toContain('closed on 2011-11-20');
  });
});

describe('closing a registration', () => {
  test('takes the family off the register from that day', async () => {
    const { registrations } = await register({ districtCode: 'south', commissionId: otherCommissionId });
    const registerOn = async (day: string) =>
      (
        await graphqlData<{ district: { register: { families: number; minors: number } } }>(
          stack.gateway,
          `{ district(code: "south") { register(asOf: "${day}") { families minors } } }`,
        )
      ).district.register;
    const before = await registerOn('2011-10-01');
    const data = await graphqlData(stack.gateway, closeRegistration, {
      input: {
        registrationId: registrations[0]?.id,
        version: 1,
        reason: 'MOVED_AWAY',
        resolution: { number: '52/2', date: '2011-10-15' },
      },
    });
    expect(data).toEqual({
      closeRegistration: {
        open: false,
        closedOn: '2011-10-15',
        closingReason: 'MOVED_AWAY',
        closingResolution: { number: '52/2', date: '2011-10-15' },
        version: 2,
      },
    });
    expect(await registerOn('2011-10-14')).toEqual(before);
    expect(await registerOn('2011-10-15')).toEqual({
      families: before.families - 1,
      minors: before.minors - 2,
    });
  });

  test.each([
    ['before it opened', { resolution: { number: '1', date: '2011-04-01' } }, 'input.resolution.date'],
    ['on the day it opened', { resolution: { number: '1', date: '2011-04-12' } }, 'input.resolution.date'],
    ['for another reason without a note', { reason: 'OTHER' }, 'input.note'],
    ['with a stale version', { version: 7 }, 'input.version'],
  ])('%s is refused and changes nothing', async (_case, overrides, field) => {
    const { registrations } = await register();
    const { errors } = await graphql(stack.gateway, closeRegistration, {
      input: {
        registrationId: registrations[0]?.id,
        version: 1,
        reason: 'SITUATION_IMPROVED',
        resolution: { number: '60/1', date: '2011-12-01' },
        ...overrides,
      },
    });
    expect(errors?.[0]?.extensions?.field).toBe(field);
    const registration = await stack.registry.db.client.registration.findUniqueOrThrow({
      where: { id: registrations[0]?.id ?? '' },
    });
    expect(registration).toMatchObject({ closedOn: null, version: 1 });
  });
});

describe('who may write the register (clause 3.1 of the curator regulation)', () => {
  const commissionOf = (district: string) =>
    signedIn({ sub: `commission-${district}`, role: 'COMMISSION', district });
  const writeRecords = async () => {
    const [row] = await stack.registry.db.client.$queryRawUnsafe<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM "AuditRecord" WHERE action = 'WRITE'`,
    );
    return row?.count ?? 0;
  };

  test('the commission of another district is refused before anything is written, its audit included', async () => {
    const { registrations } = await register();
    const south = await commissionOf('south');
    const before = { rows: await registryRowCounts(stack.registry.db.client), audit: await writeRecords() };
    const attempts = [
      await graphql(stack.gateway, registerFamily, { input: validInput() }, south),
      await graphql(
        stack.registry.url,
        closeRegistration,
        {
          input: {
            registrationId: registrations[0]?.id,
            version: 1,
            reason: 'SITUATION_IMPROVED',
            resolution: { number: '60/1', date: '2011-12-01' },
          },
        },
        south,
      ),
      await graphql(
        stack.gateway,
        addMinor,
        {
          input: { registrationId: registrations[0]?.id, version: 1, addedOn: '2011-06-10', minor: newborn },
        },
        south,
      ),
    ];
    for (const { errors } of attempts) expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect({ rows: await registryRowCounts(stack.registry.db.client), audit: await writeRecords() }).toEqual(
      before,
    );
  });

  test('the district’s commission writes, and each write leaves one audit record in its transaction', async () => {
    const north = await commissionOf('north');
    const before = await writeRecords();
    const data = await graphqlData<{ registerFamily: { id: string; address: string } }>(
      stack.gateway,
      'mutation ($input: RegisterFamilyInput!) { registerFamily(input: $input) { id address } }',
      { input: newFamilyInput() },
      north,
    );
    expect(data.registerFamily.address).toBe(validInput().address);
    expect(await writeRecords()).toBe(before + 1);
    const records = await stack.registry.db.client.$queryRawUnsafe<
      Array<{ operation: string; userId: string }>
    >(
      `SELECT operation, "userId" FROM "AuditRecord" WHERE action = 'WRITE' AND "familyIds" @> ARRAY[$1]::uuid[]`,
      data.registerFamily.id,
    );
    expect(records).toEqual([{ operation: 'registerFamily', userId: 'commission-north' }]);
  });

  test('a family of another district is as if there were none', async () => {
    const family = await register();
    const south = await commissionOf('south');
    for (const url of [stack.gateway, stack.registry.url]) {
      const data = await graphqlData<{ family: unknown }>(
        url,
        'query ($id: ID!) { family(id: $id) { id } }',
        { id: family.id },
        south,
      );
      expect(data.family).toBeNull();
    }
  });
});
