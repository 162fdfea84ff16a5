import { isUuid } from '@kdn/platform';
import { builder } from '../builder.ts';
import { type AgencyCaseloadFigures as AgencyCaseloadFiguresShape, noAgencyCaseload } from './figures.ts';
import { Agency } from './refs.ts';

const AgencyCaseloadFigures = builder
  .objectRef<AgencyCaseloadFiguresShape>('AgencyCaseloadFigures')
  .implement({
    description: 'The caseload of one agency’s curators on a day (нагрузка кураторов учреждения).',
    fields: (t) => ({
      curators: t.exposeInt('curators', {
        figure: true,
        description: 'The agency’s curators with at least one ward that day.',
      }),
      wards: t.exposeInt('wards', {
        figure: true,
        description: 'Wards they curate that day: one per family.',
      }),
      families: t.exposeInt('families', { figure: true, description: 'Families they curate.' }),
      minors: t.exposeInt('minors', {
        figure: true,
        description: 'Minors of those families on the register that day.',
      }),
    }),
  });

builder.objectField(Agency, 'caseload', (t) =>
  t.field({
    type: AgencyCaseloadFigures,
    nullable: true,
    description: 'The agency’s curators and their wards at the end of the day.',
    args: { asOf: t.arg({ type: 'Date', description: 'The day.' }) },
    resolve: async (agency, { asOf }, { access, loaders }) => {
      const { districtCode, figures } = isUuid(agency.id)
        ? await loaders.agencyCaseload.load({ key: agency.id, params: asOf })
        : noAgencyCaseload;
      // An agency without curators has no district here, and only zeros to show.
      const allowed = districtCode
        ? access.readsAggregatesOf(districtCode)
        : access.readsAggregatesSomewhere();
      access.require(allowed, 'the caseload of an agency outside your district');
      return figures;
    },
  }),
);
