import { CuratorAssignment } from './assignment.ts';
import { builder } from './builder.ts';
import type {
  AgencyCaseload as AgencyCaseloadShape,
  CaseloadCount,
  CuratorCaseload as CuratorCaseloadShape,
  KindCaseload,
  WardsPerCuratorBucket as WardsPerCuratorBucketShape,
} from './caseload.ts';
import { Curator } from './curator.ts';
import type { AgencyWardsVisited, CuratorWardsVisited } from './home-visits.ts';
import { Agency, AgencyKindEnum, District, Family, Registration } from './references.ts';
import type { WaitingFamily as WaitingFamilyShape } from './waiting-families.ts';

/** A district on a day: what each figure below is asked about. */
interface DistrictDay {
  districtCode: string;
  asOf: Date;
}

const countFields = {
  curators: 'Curators with at least one ward that day.',
  families: 'Families they curate.',
  minors: 'Minors of those families on the register that day.',
};

const AgencyKindCaseload = builder.objectRef<KindCaseload>('AgencyKindCaseload').implement({
  description: 'The curators of one kind of agency and their wards: a line of the caseload table.',
  fields: (t) => ({
    kind: t.field({ type: AgencyKindEnum, description: 'The kind of agency.', resolve: (row) => row.kind }),
    curators: t.exposeInt('curators', { figure: true, description: countFields.curators }),
    families: t.exposeInt('families', { figure: true, description: countFields.families }),
    minors: t.exposeInt('minors', { figure: true, description: countFields.minors }),
  }),
});

const CaseloadTotal = builder.objectRef<CaseloadCount>('CaseloadTotal').implement({
  description: 'The caseload of all the district’s curators together.',
  fields: (t) => ({
    curators: t.exposeInt('curators', { figure: true, description: countFields.curators }),
    families: t.exposeInt('families', { figure: true, description: countFields.families }),
    minors: t.exposeInt('minors', { figure: true, description: countFields.minors }),
  }),
});

const AgencyCaseload = builder.objectRef<AgencyCaseloadShape>('AgencyCaseload').implement({
  description: 'The curators of one agency and their wards.',
  fields: (t) => ({
    agency: t.field({
      type: Agency,
      nullable: true,
      description: 'The agency.',
      resolve: (row) => ({ id: row.agencyId }),
    }),
    kind: t.field({ type: AgencyKindEnum, description: 'The kind of agency.', resolve: (row) => row.kind }),
    curators: t.exposeInt('curators', { figure: true, description: countFields.curators }),
    families: t.exposeInt('families', { figure: true, description: countFields.families }),
    minors: t.exposeInt('minors', { figure: true, description: countFields.minors }),
  }),
});

const CuratorCaseload = builder.objectRef<CuratorCaseloadShape>('CuratorCaseload').implement({
  description: 'One curator’s wards on the day.',
  fields: (t) => ({
    curator: t.field({
      type: Curator,
      nullable: true,
      description: 'The curator; null for those who may not see curators of the district (a methodologist).',
      resolve: (row, _args, { loaders }) => loaders.curator.load(row.curatorId),
    }),
    families: t.exposeInt('families', { figure: true, description: 'Families the curator curates.' }),
    minors: t.exposeInt('minors', {
      figure: true,
      description: 'Minors of those families on the register that day.',
    }),
  }),
});

const WardsPerCuratorBucket = builder
  .objectRef<WardsPerCuratorBucketShape>('WardsPerCuratorBucket')
  .implement({
    description: 'How many curators have a number of wards within a range: a bar of the load distribution.',
    fields: (t) => ({
      minWards: t.exposeInt('minWards', { description: 'The fewest wards in the range.' }),
      maxWards: t.exposeInt('maxWards', {
        nullable: true,
        description: 'The most wards in the range; null: no limit.',
      }),
      curators: t.exposeInt('curators', { figure: true, description: 'Curators with that many wards.' }),
    }),
  });

const Caseload = builder.objectRef<DistrictDay>('Caseload').implement({
  description:
    'The caseload of a district’s curators on a day (нагрузка кураторов), as the commission reports it: who ' +
    'curates how many families and minors, counting each minor from the day they were put on the register.',
  fields: (t) => ({
    asOf: t.field({ type: 'Date', description: 'The day.', resolve: (caseload) => caseload.asOf }),
    byAgencyKind: t.field({
      type: [AgencyKindCaseload],
      description: 'By kind of agency, in `AgencyKind` order; kinds with no curator that day are left out.',
      resolve: async ({ districtCode, asOf }, _args, { loaders }) =>
        (await loaders.caseloadByKind.load({ districtCode, params: asOf })).rows,
    }),
    total: t.field({
      type: CaseloadTotal,
      description: 'All kinds together.',
      resolve: ({ districtCode, asOf }, _args, { loaders }) =>
        loaders.caseloadTotal.load({ districtCode, params: asOf }),
    }),
    byAgency: t.field({
      type: [AgencyCaseload],
      description: 'By agency, in `AgencyKind` order; agencies with no curator that day are left out.',
      resolve: async ({ districtCode, asOf }, _args, { loaders }) =>
        (await loaders.caseloadByAgency.load({ districtCode, params: asOf })).rows,
    }),
    byCurator: t.field({
      type: [CuratorCaseload],
      description: 'By curator, the most loaded first.',
      resolve: async ({ districtCode, asOf }, _args, { loaders }) =>
        (await loaders.caseloadByCurator.load({ districtCode, params: asOf })).rows,
    }),
    wardsPerCurator: t.field({
      type: [WardsPerCuratorBucket],
      description: 'How many curators have 1, 2–3, 4–9, and 10 or more wards.',
      resolve: async ({ districtCode, asOf }, _args, { loaders }) =>
        (await loaders.wardsPerCurator.load({ districtCode, params: asOf })).rows,
    }),
  }),
});

const wardsFields = {
  activeWards: 'Wards with a curator that day.',
  overdueWards: 'Of those, the wards whose home visit was due before that day.',
};

const CuratorHomeVisits = builder.objectRef<CuratorWardsVisited>('CuratorHomeVisits').implement({
  description: 'One curator’s wards on the day and how many of them are overdue a home visit.',
  fields: (t) => ({
    curator: t.field({
      type: Curator,
      nullable: true,
      description: 'The curator; null for those who may not see curators of the district (a methodologist).',
      resolve: (row, _args, { loaders }) => loaders.curator.load(row.curatorId),
    }),
    activeWards: t.exposeInt('activeWards', { figure: true, description: wardsFields.activeWards }),
    overdueWards: t.exposeInt('overdueWards', { figure: true, description: wardsFields.overdueWards }),
  }),
});

const AgencyHomeVisits = builder.objectRef<AgencyWardsVisited>('AgencyHomeVisits').implement({
  description: 'The wards of one agency’s curators on the day and how many of them are overdue a home visit.',
  fields: (t) => ({
    agency: t.field({
      type: Agency,
      nullable: true,
      description: 'The agency.',
      resolve: (row) => ({ id: row.agencyId }),
    }),
    kind: t.field({
      type: AgencyKindEnum,
      description: 'The kind of agency.',
      resolve: (row) => row.kind,
    }),
    activeWards: t.exposeInt('activeWards', { figure: true, description: wardsFields.activeWards }),
    overdueWards: t.exposeInt('overdueWards', { figure: true, description: wardsFields.overdueWards }),
  }),
});

const HomeVisitCompliance = builder.objectRef<DistrictDay>('HomeVisitCompliance').implement({
  description:
    'Whether a district’s curators visit their wards at home at least once a month (clause 2.3), on a day: a ward ' +
    'is overdue when the last day its next home visit was due by has passed.',
  fields: (t) => ({
    asOf: t.field({ type: 'Date', description: 'The day.', resolve: (compliance) => compliance.asOf }),
    activeWards: t.int({
      figure: true,
      description: wardsFields.activeWards,
      resolve: async ({ districtCode, asOf }, _args, { loaders }) =>
        (await loaders.wardsVisited.load({ districtCode, params: asOf })).activeWards,
    }),
    overdueWards: t.int({
      figure: true,
      description: wardsFields.overdueWards,
      resolve: async ({ districtCode, asOf }, _args, { loaders }) =>
        (await loaders.wardsVisited.load({ districtCode, params: asOf })).overdueWards,
    }),
    byCurator: t.field({
      type: [CuratorHomeVisits],
      description: 'By curator with wards that day, the most overdue first.',
      resolve: async ({ districtCode, asOf }, _args, { loaders }) =>
        (await loaders.wardsVisitedByCurator.load({ districtCode, params: asOf })).rows,
    }),
    byAgency: t.field({
      type: [AgencyHomeVisits],
      description: 'By agency whose curators have wards that day, in `AgencyKind` order.',
      resolve: async ({ districtCode, asOf }, _args, { loaders }) =>
        (await loaders.wardsVisitedByAgency.load({ districtCode, params: asOf })).rows,
    }),
    overdue: t.field({
      type: [CuratorAssignment],
      description:
        'The overdue assignments, the longest overdue first: those whose case records you may read (none for a methodologist).',
      resolve: async ({ districtCode, asOf }, _args, { loaders }) =>
        (await loaders.overdueAssignments.load({ districtCode, params: asOf })).rows,
    }),
  }),
});

const WaitingFamily = builder.objectRef<WaitingFamilyShape>('FamilyWaitingForCurator').implement({
  description:
    'A family on the register with no curator on the day (clause 1.2: one is assigned at registration).',
  fields: (t) => ({
    family: t.field({ type: Family, description: 'The family.', resolve: (row) => ({ id: row.familyId }) }),
    registration: t.field({
      type: Registration,
      description: 'Its registration.',
      resolve: (row) => ({ id: row.registrationId }),
    }),
    registeredOn: t.field({
      type: 'Date',
      description: 'The day it was put on the register.',
      resolve: (row) => row.registeredOn,
    }),
    daysWaiting: t.exposeInt('daysWaiting', { description: 'Days on the register without a curator.' }),
  }),
});

const CuratorQueue = builder.objectRef<DistrictDay>('CuratorQueue').implement({
  description:
    'The district’s families on the register without a curator on a day (clause 1.2: a curator is assigned at ' +
    'registration), as curation learns of registrations from the registry’s events.',
  fields: (t) => ({
    asOf: t.field({ type: 'Date', description: 'The day.', resolve: (queue) => queue.asOf }),
    families: t.int({
      figure: true,
      description: 'How many families wait.',
      resolve: async ({ districtCode, asOf }, _args, { loaders }) =>
        (await loaders.waitingFamilyCount.load({ districtCode, params: asOf })).families,
    }),
    waiting: t.field({
      type: [WaitingFamily],
      description:
        'The families waiting, the longest first: those whose case records you may read (none for a methodologist).',
      resolve: async ({ districtCode, asOf }, _args, { loaders }) =>
        (await loaders.waitingFamilies.load({ districtCode, params: asOf })).rows,
    }),
  }),
});

builder.objectFields(District, (t) => ({
  curatorQueue: t.field({
    type: CuratorQueue,
    nullable: true,
    description: 'The families on the district’s register without a curator at the end of the given day.',
    args: { asOf: t.arg({ type: 'Date', description: 'The day.' }) },
    resolve: (district, { asOf }, { access }) => {
      access.require(access.readsAggregatesOf(district.code), `the figures of district ${district.code}`);
      return { districtCode: district.code, asOf };
    },
  }),
  caseload: t.field({
    type: Caseload,
    nullable: true,
    description: 'The caseload of the district’s curators at the end of the given day.',
    args: { asOf: t.arg({ type: 'Date', description: 'The day.' }) },
    resolve: (district, { asOf }, { access }) => {
      access.require(access.readsAggregatesOf(district.code), `the figures of district ${district.code}`);
      return { districtCode: district.code, asOf };
    },
  }),
  homeVisits: t.field({
    type: HomeVisitCompliance,
    nullable: true,
    description: 'The district’s wards and those overdue a home visit on the given day.',
    args: { asOf: t.arg({ type: 'Date', description: 'The day.' }) },
    resolve: (district, { asOf }, { access }) => {
      access.require(access.readsAggregatesOf(district.code), `the figures of district ${district.code}`);
      return { districtCode: district.code, asOf };
    },
  }),
}));
