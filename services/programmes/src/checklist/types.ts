import { isUuid, period } from '@kdn/platform';
import { builder } from '../builder.ts';
import type { ProgrammesContext } from '../context.ts';
import { ResourceCentre } from '../shared/refs.ts';
import { type Checklist, emptyChecklist } from './figures.ts';

const ResourceCentreChecklist = builder.objectRef<Checklist>('ResourceCentreChecklist').implement({
  description:
    'The indicators of the Kachinsky checklist (Resolution No. 2) the programmes show for a resource centre: ' +
    'events in the period, both days included, and their state at the end of `asOf`.',
  fields: (t) => ({
    meetingsHeld: t.exposeInt('meetingsHeld', {
      figure: true,
      description: 'Working-group meetings held in the period, each recorded with its protocol.',
    }),
    programmesReviewed: t.exposeInt('programmesReviewed', {
      figure: true,
      description: 'Distinct programmes reviewed at those meetings.',
    }),
    reportsDue: t.exposeInt('reportsDue', {
      figure: true,
      description: 'Progress reports due in the period, of programmes approved by `asOf`.',
    }),
    reportsOnTime: t.exposeInt('reportsOnTime', {
      figure: true,
      description: 'Of those, the reports submitted on or before the due day, and by `asOf`.',
    }),
    reportsWeighingChange: t.exposeInt('reportsWeighingChange', {
      figure: true,
      description:
        'Reports submitted in the period that assess at least one area of the family’s life: analytic reports ' +
        'that weigh qualitative change in the family.',
    }),
    programmesCorrected: t.exposeInt('programmesCorrected', {
      figure: true,
      description: 'Programmes with a change accepted at a meeting held in the period (clause 3.4).',
    }),
    priorityMeasuresDue: t.exposeInt('priorityMeasuresDue', {
      figure: true,
      description:
        'Measures of the priority plans due in the period, of programmes approved by `asOf`; excluded ones left out.',
    }),
    priorityMeasuresDone: t.exposeInt('priorityMeasuresDone', {
      figure: true,
      description: 'Of those, the measures done by `asOf`, on time or late.',
    }),
  }),
});

builder.objectField(ResourceCentre, 'checklist', (t) =>
  t.field({
    type: ResourceCentreChecklist,
    nullable: true,
    description:
      'The Kachinsky checklist (Resolution No. 2) for the centre: events in [from, to], state on asOf.',
    args: {
      asOf: t.arg({ type: 'Date', description: 'The day the state is taken on.' }),
      from: t.arg({ type: 'Date', description: 'First day of the period.' }),
      to: t.arg({ type: 'Date', description: 'Last day of the period.' }),
    },
    resolve: async (centre, { asOf, from, to }, { loaders, access }: ProgrammesContext) => {
      const params = { asOf, ...period(from, to) };
      if (!isUuid(centre.id)) return emptyChecklist;
      const checklist = await loaders.checklist.load({ key: centre.id, params });
      // A centre with no programme or meeting on record has nothing of a district's to show.
      if (checklist.districtCode !== null) {
        access.require(access.readsAggregatesOf(checklist.districtCode), 'the figures of another district');
      }
      return checklist;
    },
  }),
);
