import {
  addEventReplay,
  addReconciliationFacts,
  badInput,
  calendarDate,
  checkInvariants,
  type Discrepancy,
  type Invariant,
  type InvariantResult,
  invariantNames,
  invariants,
  isUuid,
  type ReconciliationReport,
} from '@kdn/platform';
import { builder } from '../builder.ts';
import { assignmentFacts, curatorFacts } from './figures.ts';

// Curation's facts served to the reconciliation of every service, and its events replayed to repair.
addReconciliationFacts(builder, {
  assignments: (context, query) => assignmentFacts(context.db, query),
  curators: (context, query) => curatorFacts(context.db, query),
});
addEventReplay(builder, { service: 'curation' });

/** The most families one request may check: the whole data set is `npm run reconcile`'s. */
const largestFamilyScope = 1000;

const InvariantEnum = builder.enumType('ReconciliationInvariant', {
  description: 'A cross-service invariant that reconciliation checks.',
  values: Object.fromEntries(
    invariantNames.map((name) => [name, { value: name, description: invariants[name] }]),
  ) as Record<Invariant, { value: Invariant; description: string }>,
});

const DiscrepancyRef = builder.objectRef<Discrepancy>('ReconciliationDiscrepancy').implement({
  description: 'Where an invariant does not hold: the keys of every record concerned and the days.',
  fields: (t) => ({
    invariant: t.field({ type: InvariantEnum, description: 'The invariant.', resolve: (d) => d.invariant }),
    familyId: t.exposeID('familyId', { nullable: true, description: 'The family concerned.' }),
    registrationId: t.exposeID('registrationId', {
      nullable: true,
      description: 'The registration concerned.',
    }),
    assignmentId: t.exposeID('assignmentId', {
      nullable: true,
      description: 'The curator assignment concerned.',
    }),
    programmeId: t.exposeID('programmeId', { nullable: true, description: 'The programme concerned.' }),
    curatorId: t.exposeID('curatorId', { nullable: true, description: 'The curator concerned.' }),
    agencyId: t.exposeID('agencyId', { nullable: true, description: 'The agency concerned.' }),
    minorId: t.exposeID('minorId', { nullable: true, description: 'The minor concerned.' }),
    from: t.field({
      type: 'Date',
      nullable: true,
      description: 'The first day concerned; null when no day is (a curator’s agency).',
      resolve: (d) => (d.from ? calendarDate(d.from) : null),
    }),
    until: t.field({
      type: 'Date',
      nullable: true,
      description: 'The first day no longer concerned; null when open-ended or when no day is.',
      resolve: (d) => (d.until ? calendarDate(d.until) : null),
    }),
    detail: t.exposeString('detail', { description: 'What each service has, in a sentence.' }),
  }),
});

const InvariantResultRef = builder.objectRef<InvariantResult>('ReconciliationInvariantResult').implement({
  description: 'One invariant checked: how many discrepancies, and the first ones with their keys.',
  fields: (t) => ({
    invariant: t.field({ type: InvariantEnum, description: 'The invariant.', resolve: (r) => r.invariant }),
    description: t.exposeString('description', { description: 'What the invariant says.' }),
    count: t.exposeInt('count', { description: 'How many discrepancies were found.' }),
    discrepancies: t.field({
      type: [DiscrepancyRef],
      description: 'The first discrepancies found (as many as `first` asked), with their keys.',
      resolve: (r) => r.discrepancies,
    }),
  }),
});

const ReportRef = builder.objectRef<ReconciliationReport>('Reconciliation').implement({
  description: 'The cross-service invariants checked over the facts each service serves through its API.',
  fields: (t) => ({
    checkedOn: t.field({
      type: 'Date',
      description: 'The day whose curator a programme in force must have.',
      resolve: (r) => calendarDate(r.checkedOn),
    }),
    discrepancies: t.exposeInt('discrepancies', { description: 'How many discrepancies in all.' }),
    invariants: t.field({
      type: [InvariantResultRef],
      description: 'Each invariant with its discrepancies.',
      resolve: (r) => r.results,
    }),
    registrations: t.int({ description: 'Registrations compared.', resolve: (r) => r.facts.registrations }),
    assignments: t.int({ description: 'Curator assignments compared.', resolve: (r) => r.facts.assignments }),
    programmes: t.int({ description: 'Programmes compared.', resolve: (r) => r.facts.programmes }),
    curators: t.int({ description: 'Curators compared.', resolve: (r) => r.facts.curators }),
    agencies: t.int({ description: 'Agencies compared.', resolve: (r) => r.facts.agencies }),
    durationMs: t.exposeInt('durationMs', { description: 'How long the check took, in milliseconds.' }),
  }),
});

builder.queryField('reconciliation', (t) =>
  t.field({
    type: ReportRef,
    nullable: true,
    description:
      'Checks the cross-service invariants (assignments while registered, assigned minors as registered, ' +
      'programmes while registered and with the curator of the day, curators as their agency) for some families ' +
      'or one district, reading every service’s facts through its API: administrators only. Bounded by ' +
      '`familyIds` or `districtCode` (one of them is required) so that it answers within the gateway’s timeout; ' +
      'the whole data set, and the repair by replaying events, is `npm run reconcile [-- --repair]`.',
    args: {
      familyIds: t.arg.idList({
        required: false,
        description: `Only these families (${largestFamilyScope} at most).`,
      }),
      districtCode: t.arg.string({
        required: false,
        description: 'Only the families of this district: of its registrations, assignments and programmes.',
      }),
      asOf: t.arg({
        type: 'Date',
        required: false,
        description: 'The day whose curator a programme in force must have; today when absent.',
      }),
      first: t.arg.int({
        required: false,
        description: 'How many discrepancies of each invariant to list: 100 by default, 1000 at most.',
      }),
    },
    resolve: async (_root, { familyIds, districtCode, asOf, first }, context) => {
      context.access.require(context.access.principal.role === 'ADMIN', 'reconciliation');
      if (!familyIds?.length && !districtCode) {
        throw badInput('familyIds', 'name some families, or a district (`districtCode`)');
      }
      if (familyIds && familyIds.length > largestFamilyScope) {
        throw badInput('familyIds', `at most ${largestFamilyScope} at once`);
      }
      if (familyIds?.some((id) => !isUuid(id))) throw badInput('familyIds', 'must be family identifiers');
      const keep = first ?? 100;
      if (keep < 0 || keep > 1000) throw badInput('first', 'must be from 0 to 1000');
      return checkInvariants(
        { urls: context.peers, authorization: context.authorization },
        {
          scope: { familyIds: familyIds ?? null, districtCode: districtCode ?? null },
          keep,
          ...(asOf ? { asOf } : {}),
        },
      );
    },
  }),
);
