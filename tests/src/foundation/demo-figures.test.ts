import { graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';

/** The figures of Resolution No. 2 of the Krasnoyarsk city commission, 7 Feb 2012, through the gateway. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ demo: true });
});
afterAll(() => stack?.stop());

interface DistrictFigures {
  district: {
    name: string;
    commission: { name: string };
    register: { families: number; minors: number };
    registeredDuring: { families: number; minors: number };
    agencies: Array<{ name: string; kind: string }>;
    resourceCentre: {
      agency: { name: string };
      headAppointed: boolean;
      secretaryAppointed: boolean;
      staffFilled: number;
      staffVacant: number;
    };
  };
}

const districtQuery = `query ($code: String!, $asOf: Date!) {
  district(code: $code) {
    name
    commission { name }
    register(asOf: $asOf) { families minors }
    registeredDuring(from: "2011-01-01", to: "2011-12-31") { families minors }
    agencies { name kind }
    resourceCentre { agency { name } headAppointed secretaryAppointed staffFilled staffVacant }
  }
}`;

describe('Kirovsky district on 31 Dec 2011', () => {
  test('25 families and 37 minors on the register; 25 families and 42 minors registered during 2011', async () => {
    const { district } = await graphqlData<DistrictFigures>(stack.gateway, districtQuery, {
      code: 'kirovsky',
      asOf: '2011-12-31',
    });
    expect(district.name).toBe('Кировский район');
    expect(district.register).toEqual({ families: 25, minors: 37 });
    expect(district.registeredDuring).toEqual({ families: 25, minors: 42 });
    const kinds = new Set(district.agencies.map((agency) => agency.kind));
    for (const kind of ['EDUCATION', 'POLICE_JUVENILE_UNIT', 'GUARDIANSHIP', 'SOCIAL_SERVICE_CENTRE']) {
      expect(kinds).toContain(kind);
    }
    expect(district.resourceCentre).toMatchObject({ staffFilled: 7, staffVacant: 0 });
    expect(district.resourceCentre.agency.name).toContain('Первомайский');
  });
});

describe('Zheleznodorozhny district', () => {
  test('24 families and 36 minors on the register on 1 Feb 2012; 19 families registered during 2011', async () => {
    const { district } = await graphqlData<DistrictFigures>(stack.gateway, districtQuery, {
      code: 'zheleznodorozhny',
      asOf: '2012-02-01',
    });
    expect(district.register).toEqual({ families: 24, minors: 36 });
    expect(district.registeredDuring.families).toBe(19);
    expect(district.resourceCentre).toMatchObject({
      headAppointed: true,
      secretaryAppointed: true,
      staffFilled: 3,
      staffVacant: 2.5,
    });
    expect(district.resourceCentre.agency.name).toContain('Качинский');
  });
});

test('a family comes back with its minors and registration, and fields from both subgraphs, in one request', async () => {
  const { families } = await graphqlData<{
    families: { edges: Array<{ node: { id: string } }> };
  }>(
    stack.gateway,
    '{ families(first: 1, filter: { districtCode: "kirovsky", onRegister: true, asOf: "2011-12-31" }) { edges { node { id } } } }',
  );
  const id = families.edges[0]?.node.id;
  const { family } = await graphqlData<{
    family: {
      address: string;
      district: { name: string; commission: { name: string } };
      socialPassport: { riskFactors: string[] };
      minors: Array<{ fullName: string; age: number }>;
      currentRegistration: {
        resolution: { number: string };
        commission: { name: string };
        minors: unknown[];
      };
    };
  }>(
    stack.gateway,
    `query ($id: ID!) { family(id: $id) {
      address
      district { name commission { name } }
      socialPassport { housing incomeLevel riskFactors }
      minors { fullName birthDate age(on: "2011-12-31") }
      currentRegistration(asOf: "2011-12-31") {
        openedOn resolution { number date } grounds
        commission { name }
        minors { addedOn minor { fullName } }
      }
    } }`,
    { id },
  );
  expect(family.district.name).toBe('Кировский район');
  expect(family.currentRegistration.commission.name).toBe(family.district.commission.name);
  expect(family.minors.length).toBeGreaterThan(0);
  expect(family.currentRegistration.minors.length).toBeGreaterThan(0);
  expect(family.socialPassport.riskFactors.length).toBeGreaterThan(0);
  for (const minor of family.minors) expect(minor.age).toBeLessThan(18);
});
