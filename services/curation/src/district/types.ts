import { period } from '@kdn/platform';
import { Agency, AgencyKindEnum } from '../agency/refs.ts';
import { CuratorAssignment } from '../assignment/refs.ts';
import { builder } from '../builder.ts';
import type { CurationContext, CurationLoaders } from '../context.ts';
import { Curator } from '../curator/refs.ts';
import { Family, Registration } from '../register/refs.ts';
import type {
  AgencyWardsVisited,
  CuratorWardsVisited,
  HomeVisitMonthCount,
  WardsVisited,
} from '../visit/figures.ts';
import { requireFiguresOf } from './access.ts';
import type {
  AgencyCaseload as AgencyCaseloadShape,
  CaseloadCount,
  CuratorCaseload as CuratorCaseloadShape,
  KindCaseload,
  WaitingFamily as WaitingFamilyShape,
  WardsPerCuratorBucket as WardsPerCuratorBucketShape,
} from './figures.ts';
import { District } from './refs.ts';

/** A district on a day: what each figure below is asked about. */
interface DistrictDay {
  districtCode: string;
  asOf: Date;
}

type Fields<Shape> = PothosSchemaTypes.ObjectFieldBuilder<
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never,
  Shape
>;

interface DistrictFigure<Figure> {
  load(key: { districtCode: string; params: Date }): Promise<Figure>;
}

/** Resolves a district's figure on the day with the request's loader of that figure. */
const figureOn =
  <Figure>(figure: (loaders: CurationLoaders) => DistrictFigure<Figure>) =>
  ({ districtCode, asOf }: DistrictDay, _args: unknown, { loaders }: CurationContext) =>
    figure(loaders).load({ districtCode, params: asOf });

/** Resolves the rows of a district's figure on the day. */
const rowsOn =
  <Row>(figure: (loaders: CurationLoaders) => DistrictFigure<{ rows: Row[] }>) =>
  async (day: DistrictDay, args: unknown, context: CurationContext) =>
    (await figureOn(figure)(day, args, context)).rows;

/** The three counts of a line of the caseload table. */
function caseloadCounts<Row extends CaseloadCount>(t: Fields<Row>) {
  return {
    curators: t.int({
      figure: true,
      description: 'Curators with at least one ward that day.',
      resolve: (row) => row.curators,
    }),
    families: t.int({ figure: true, description: 'Families they curate.', resolve: (row) => row.families }),
    minors: t.int({
      figure: true,
      description: 'Minors of those families on the register that day.',
      resolve: (row) => row.minors,
    }),
  };
}

/** The wards with a curator on the day and those overdue a home visit, of what `wardsOf` reads. */
function wardsVisitedCounts<Row>(
  t: Fields<Row>,
  wardsOf: (row: Row, args: unknown, context: CurationContext) => WardsVisited | Promise<WardsVisited>,
) {
  return {
    activeWards: t.int({
      figure: true,
      description: 'Wards with a curator that day.',
      resolve: async (row, args, context) => (await wardsOf(row, args, context)).activeWards,
    }),
    overdueWards: t.int({
      figure: true,
      description: 'Of those, the wards whose home visit was due before that day.',
      resolve: async (row, args, context) => (await wardsOf(row, args, context)).overdueWards,
    }),
  };
}

/** The curator of a line of a table by curator. */
function curatorOfRow<Row extends { curatorId: string }>(t: Fields<Row>) {
  return t.field({
    type: Curator,
    nullable: true,
    description: 'The curator; null for those who may not see curators of the district (a methodologist).',
    resolve: (row, _args, { loaders }) => loaders.curator.load(row.curatorId),
  });
}

/** The agency and its kind of a line of a table by agency. */
function agencyOfRow<Row extends Pick<AgencyCaseloadShape, 'agencyId' | 'kind'>>(t: Fields<Row>) {
  return {
    agency: t.field({
      type: Agency,
      nullable: true,
      description: 'The agency.',
      resolve: (row) => ({ id: row.agencyId }),
    }),
    kind: t.field({ type: AgencyKindEnum, description: 'The kind of agency.', resolve: (row) => row.kind }),
  };
}

const AgencyKindCaseload = builder.objectRef<KindCaseload>('AgencyKindCaseload').implement({
  description: 'The curators of one kind of agency and their wards: a line of the caseload table.',
  fields: (t) => ({
    kind: t.field({ type: AgencyKindEnum, description: 'The kind of agency.', resolve: (row) => row.kind }),
    ...caseloadCounts(t),
  }),
});

const CaseloadTotal = builder.objectRef<CaseloadCount>('CaseloadTotal').implement({
  description: 'The caseload of all the district’s curators together.',
  fields: (t) => caseloadCounts(t),
});

const AgencyCaseload = builder.objectRef<AgencyCaseloadShape>('AgencyCaseload').implement({
  description: 'The curators of one agency and their wards.',
  fields: (t) => ({ ...agencyOfRow(t), ...caseloadCounts(t) }),
});

const CuratorCaseload = builder.objectRef<CuratorCaseloadShape>('CuratorCaseload').implement({
  description: 'One curator’s wards on the day.',
  fields: (t) => ({
    curator: curatorOfRow(t),
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
      resolve: rowsOn((loaders) => loaders.caseloadByKind),
    }),
    total: t.field({
      type: CaseloadTotal,
      description: 'All kinds together.',
      resolve: figureOn((loaders) => loaders.caseloadTotal),
    }),
    byAgency: t.field({
      type: [AgencyCaseload],
      description: 'By agency, in `AgencyKind` order; agencies with no curator that day are left out.',
      resolve: rowsOn((loaders) => loaders.caseloadByAgency),
    }),
    byCurator: t.field({
      type: [CuratorCaseload],
      description: 'By curator, the most loaded first.',
      resolve: rowsOn((loaders) => loaders.caseloadByCurator),
    }),
    wardsPerCurator: t.field({
      type: [WardsPerCuratorBucket],
      description: 'How many curators have 1, 2–3, 4–9, and 10 or more wards.',
      resolve: rowsOn((loaders) => loaders.wardsPerCurator),
    }),
  }),
});

const CuratorHomeVisits = builder.objectRef<CuratorWardsVisited>('CuratorHomeVisits').implement({
  description: 'One curator’s wards on the day and how many of them are overdue a home visit.',
  fields: (t) => ({ curator: curatorOfRow(t), ...wardsVisitedCounts(t, (row) => row) }),
});

const AgencyHomeVisits = builder.objectRef<AgencyWardsVisited>('AgencyHomeVisits').implement({
  description: 'The wards of one agency’s curators on the day and how many of them are overdue a home visit.',
  fields: (t) => ({ ...agencyOfRow(t), ...wardsVisitedCounts(t, (row) => row) }),
});

const HomeVisitCompliance = builder.objectRef<DistrictDay>('HomeVisitCompliance').implement({
  description:
    'Whether a district’s curators visit their wards at home at least once a month (clause 2.3), on a day: a ward ' +
    'is overdue when the last day its next home visit was due by has passed.',
  fields: (t) => ({
    asOf: t.field({ type: 'Date', description: 'The day.', resolve: (compliance) => compliance.asOf }),
    ...wardsVisitedCounts(
      t,
      figureOn((loaders) => loaders.wardsVisited),
    ),
    byCurator: t.field({
      type: [CuratorHomeVisits],
      description: 'By curator with wards that day, the most overdue first.',
      resolve: rowsOn((loaders) => loaders.wardsVisitedByCurator),
    }),
    byAgency: t.field({
      type: [AgencyHomeVisits],
      description: 'By agency whose curators have wards that day, in `AgencyKind` order.',
      resolve: rowsOn((loaders) => loaders.wardsVisitedByAgency),
    }),
    overdue: t.field({
      type: [CuratorAssignment],
      description:
        'The overdue assignments, the longest overdue first: those whose case records you may read (none for a methodologist).',
      resolve: rowsOn((loaders) => loaders.overdueAssignments),
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
      resolve: async (day, args, context) =>
        (await figureOn((loaders) => loaders.waitingFamilyCount)(day, args, context)).families,
    }),
    waiting: t.field({
      type: [WaitingFamily],
      description:
        'The families waiting, the longest first: those whose case records you may read (none for a methodologist).',
      resolve: rowsOn((loaders) => loaders.waitingFamilies),
    }),
  }),
});

const HomeVisitMonths = builder.objectRef<HomeVisitMonthCount>('HomeVisitMonths').implement({
  description:
    'Home-visit compliance over a period (clause 2.3: a home visit at least once a month), by ward-month: a ' +
    'calendar month in which a ward had a curator on at least one day of the period.',
  fields: (t) => ({
    wardMonths: t.exposeInt('wardMonths', { figure: true, description: 'Ward-months in the period.' }),
    withHomeVisit: t.exposeInt('withHomeVisit', {
      figure: true,
      description: 'Of those, the ward-months in which a home visit to the ward was recorded.',
    }),
    share: t.float({
      nullable: true,
      description:
        '`withHomeVisit` / `wardMonths`; null when there are no ward-months, and for methodologists when either is below 3.',
      resolve: ({ wardMonths, withHomeVisit }, _args, { access }) => {
        if (wardMonths === 0) return null;
        // A share of suppressed counts would give them away.
        if (access.figure(wardMonths) === null || access.figure(withHomeVisit) === null) return null;
        return withHomeVisit / wardMonths;
      },
    }),
  }),
});

/** A district's figures on the day asked: the day, once the user may read them. */
function districtOn(district: { code: string }, { asOf }: { asOf: Date }, { access }: CurationContext) {
  requireFiguresOf(access, district.code);
  return { districtCode: district.code, asOf };
}

builder.objectFields(District, (t) => {
  const onDay = () => ({ asOf: t.arg({ type: 'Date', description: 'The day.' }) });
  return {
    homeVisitMonths: t.field({
      type: HomeVisitMonths,
      nullable: true,
      description: 'Home-visit compliance by ward-month in [from, to], both days included.',
      args: {
        from: t.arg({ type: 'Date', description: 'First day of the period.' }),
        to: t.arg({ type: 'Date', description: 'Last day of the period.' }),
      },
      resolve: (district, { from, to }, { access, loaders }) => {
        const params = period(from, to);
        requireFiguresOf(access, district.code);
        return loaders.homeVisitMonthCounts.load({ districtCode: district.code, params });
      },
    }),
    curatorQueue: t.field({
      type: CuratorQueue,
      nullable: true,
      description: 'The families on the district’s register without a curator at the end of the given day.',
      args: onDay(),
      resolve: districtOn,
    }),
    caseload: t.field({
      type: Caseload,
      nullable: true,
      description: 'The caseload of the district’s curators at the end of the given day.',
      args: onDay(),
      resolve: districtOn,
    }),
    homeVisits: t.field({
      type: HomeVisitCompliance,
      nullable: true,
      description: 'The district’s wards and those overdue a home visit on the given day.',
      args: onDay(),
      resolve: districtOn,
    }),
  };
});
