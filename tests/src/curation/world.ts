import type { AgenciesDatabase } from '@kdn/agencies/context';
import type { CurationDatabase } from '@kdn/curation/context';
import { graphql, graphqlData } from '@kdn/platform/testing';
import { createDistrict, createFamilies } from '../fixtures.ts';
import type { Stack } from '../stack.ts';

/** A district with a school and a police unit besides its social service centre, and families on its register. */
export async function createDistrictWithFamilies(
  stack: Stack,
  code: string,
  { families = 4, openedOn = new Date('2011-03-01') } = {},
) {
  const { commission, centre } = await createDistrict(stack.agencies.db.client, code);
  const school = await createAgency(stack.agencies.db.client, code, 'EDUCATION', `МБОУ СОШ района ${code}`);
  const police = await createAgency(
    stack.agencies.db.client,
    code,
    'POLICE_JUVENILE_UNIT',
    `ОДН района ${code}`,
  );
  const registered = await createFamilies(stack.registry.db.client, {
    districtCode: code,
    commissionId: commission.id,
    count: families,
    openedOn,
  });
  return { code, commission, centre, school, police, families: registered.map((family) => family.id) };
}

function createAgency(
  db: AgenciesDatabase['client'],
  districtCode: string,
  kind: 'EDUCATION' | 'POLICE_JUVENILE_UNIT',
  name: string,
) {
  return db.agency.create({ data: { districtCode, kind, name } });
}

export const mutations = {
  createCurator: `mutation ($input: CreateCuratorInput!) {
    createCurator(input: $input) { id fullName position agencyKind active version agency { name } district { code } }
  }`,
  updateCurator: `mutation ($input: UpdateCuratorInput!) {
    updateCurator(input: $input) { id fullName position active version }
  }`,
  assignCurator: `mutation ($input: AssignCuratorInput!) {
    assignCurator(input: $input) {
      id startedOn endedOn ward { version } curator { id } minors { addedOn minor { id } }
    }
  }`,
  replaceCurator: `mutation ($input: ReplaceCuratorInput!) {
    replaceCurator(input: $input) { id startedOn ward { version } curator { id } }
  }`,
  endCuratorAssignment: `mutation ($input: EndCuratorAssignmentInput!) {
    endCuratorAssignment(input: $input) { id endedOn endKind endNote ward { version } }
  }`,
  recordVisit: `mutation ($input: RecordVisitInput!) {
    recordVisit(input: $input) { id visitedOn kind participatingAgencies { id } }
  }`,
};

export async function createCurator(stack: Stack, agencyId: string, fullName: string) {
  const data = await graphqlData<{ createCurator: { id: string } }>(stack.gateway, mutations.createCurator, {
    input: { agencyId, fullName, position: 'социальный педагог' },
  });
  return data.createCurator.id;
}

export interface Assignment {
  id: string;
  startedOn: string;
  ward: { version: number };
  curator: { id: string };
}

export async function assignCurator(stack: Stack, familyId: string, curatorId: string, date: string) {
  const data = await graphqlData<{ assignCurator: Assignment }>(stack.gateway, mutations.assignCurator, {
    input: { familyId, curatorId, resolution: { number: '1/1', date } },
  });
  return data.assignCurator;
}

export function replaceCurator(
  stack: Stack,
  input: { familyId: string; version: number; curatorId: string; date: string; reason?: string },
) {
  return graphql<{ replaceCurator: Assignment }>(stack.gateway, mutations.replaceCurator, {
    input: {
      familyId: input.familyId,
      version: input.version,
      curatorId: input.curatorId,
      reason: input.reason ?? 'STAFF_CHANGE',
      resolution: { number: '9/9', date: input.date },
    },
  });
}

export async function recordVisit(
  stack: Stack,
  assignment: Assignment,
  visitedOn: string,
  kind: 'HOME' | 'INTERAGENCY' | 'OTHER' = 'HOME',
  participatingAgencyIds: string[] = [],
) {
  return graphqlData(stack.gateway, mutations.recordVisit, {
    input: {
      assignmentId: assignment.id,
      curatorId: assignment.curator.id,
      visitedOn,
      kind,
      participatingAgencyIds,
      discussed: 'Беседа с матерью о посещении школы',
    },
  });
}

/** Rows in every curation table: a refused mutation must leave these unchanged. */
export async function curationRowCounts(db: CurationDatabase['client']) {
  const [curators, wards, assignments, assignedMinors, visits] = await Promise.all([
    db.curator.count(),
    db.ward.count(),
    db.curatorAssignment.count(),
    db.assignedMinor.count(),
    db.visit.count(),
  ]);
  return { curators, wards, assignments, assignedMinors, visits };
}

/** How many assignments of each of the families are active (not ended), straight from the database. */
export async function activeAssignmentsPerFamily(db: CurationDatabase['client'], familyIds: string[]) {
  const rows = await db.curatorAssignment.groupBy({
    by: ['familyId'],
    where: { familyId: { in: familyIds }, endedOn: null },
    _count: true,
  });
  return Object.fromEntries(
    familyIds.map((id) => [id, rows.find((row) => row.familyId === id)?._count ?? 0]),
  );
}
