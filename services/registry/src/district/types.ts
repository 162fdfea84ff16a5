import { period } from '@kdn/platform';
import { builder } from '../builder.ts';
import { ClosingReasonEnum } from '../registration/refs.ts';
import { requireFigures } from './access.ts';
import type {
  RegisterClosures as RegisterClosuresShape,
  RegisterCount as RegisterCountShape,
} from './figures.ts';
import { District } from './refs.ts';

const RegisterCount = builder.objectRef<RegisterCountShape>('RegisterCount').implement({
  description:
    'How many families and minors in a socially dangerous situation (СОП) a figure of the register counts.',
  fields: (t) => ({
    families: t.exposeInt('families', { figure: true, description: 'Families.' }),
    minors: t.exposeInt('minors', { figure: true, description: 'Minors (несовершеннолетние).' }),
  }),
});

const ClosingReasonCount = builder
  .objectRef<RegisterClosuresShape['byReason'][number]>('ClosingReasonCount')
  .implement({
    description: 'Registrations closed for one reason.',
    fields: (t) => ({
      reason: t.field({
        type: ClosingReasonEnum,
        description: 'The closing reason.',
        resolve: (r) => r.reason,
      }),
      families: t.exposeInt('families', {
        figure: true,
        description: 'Families taken off the register for it.',
      }),
      minors: t.exposeInt('minors', { figure: true, description: 'Minors named in those registrations.' }),
    }),
  });

const RegisterClosures = builder.objectRef<RegisterClosuresShape>('RegisterClosures').implement({
  description: 'Families taken off the register (сняты с учёта) in a period: how many, why, after how long.',
  fields: (t) => ({
    families: t.exposeInt('families', {
      figure: true,
      description: 'Families whose registration closed in the period.',
    }),
    minors: t.exposeInt('minors', { figure: true, description: 'Minors named in those registrations.' }),
    meanDaysOnRegister: t.float({
      nullable: true,
      description:
        'Mean days from registration to closing of those registrations; null when none closed, and for ' +
        'methodologists when fewer than 3 families closed (a mean of one or two would single them out).',
      resolve: (closures, _args, { access }) =>
        access.figure(closures.families) === null ? null : closures.meanDaysOnRegister,
    }),
    byReason: t.field({
      type: [ClosingReasonCount],
      description: 'By closing reason, in the order of `ClosingReason`; reasons with none omitted.',
      resolve: (closures) => closures.byReason,
    }),
  }),
});

District.implement({
  description: 'A district (район), extended with the figures of its commission’s register.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable key of the district, e.g. `kirovsky`.' }),
    register: t.field({
      type: RegisterCount,
      nullable: true,
      description: 'Families and minors on the register (состоят на учёте) at the end of the given day.',
      args: { asOf: t.arg({ type: 'Date', description: 'The day.' }) },
      resolve: (district, { asOf }, { access, loaders }) => {
        requireFigures(access, district.code);
        return loaders.registerOn.load({ districtCode: district.code, params: asOf });
      },
    }),
    registeredDuring: t.field({
      type: RegisterCount,
      nullable: true,
      description:
        'Families and minors put on the register (поставлены на учёт) in the period, both days included.',
      args: {
        from: t.arg({ type: 'Date', description: 'First day of the period.' }),
        to: t.arg({ type: 'Date', description: 'Last day of the period.' }),
      },
      resolve: (district, { from, to }, { access, loaders }) => {
        requireFigures(access, district.code);
        return loaders.registeredDuring.load({ districtCode: district.code, params: period(from, to) });
      },
    }),
    takenOffDuring: t.field({
      type: RegisterClosures,
      nullable: true,
      description:
        'Families taken off the register (сняты с учёта) in the period, both days included, by reason.',
      args: {
        from: t.arg({ type: 'Date', description: 'First day of the period.' }),
        to: t.arg({ type: 'Date', description: 'Last day of the period.' }),
      },
      resolve: (district, { from, to }, { access, loaders }) => {
        requireFigures(access, district.code);
        return loaders.takenOffDuring.load({ districtCode: district.code, params: period(from, to) });
      },
    }),
  }),
});
