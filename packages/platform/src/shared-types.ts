import type { AgencyKind } from './agency-kinds.ts';
import type { createSubgraphBuilder } from './builder.ts';
import type { SubgraphContext } from './context.ts';

/**
 * Types that more than one subgraph declares. Federation needs them identical in every subgraph
 * that has them, so they are defined once here and added to each builder that uses them.
 */
type SubgraphBuilder<Context extends SubgraphContext> = ReturnType<typeof createSubgraphBuilder<Context>>;

export function defineAgencyKind<Context extends SubgraphContext>(builder: SubgraphBuilder<Context>) {
  return builder.enumType('AgencyKind', {
    description: 'Kinds of agencies of the prevention system (органы и учреждения системы профилактики).',
    values: {
      EDUCATION: { description: 'Schools and other educational institutions (образовательные учреждения).' },
      POLICE_JUVENILE_UNIT: { description: 'Police juvenile affairs units (ОДН ОП).' },
      GUARDIANSHIP: { description: 'Guardianship and custody departments (отдел опеки и попечительства).' },
      SOCIAL_SERVICE_CENTRE: { description: 'Social service centres for families and children (ЦСПСиД).' },
      SOCIAL_PROTECTION: {
        description: 'Social protection departments (управление социальной защиты населения).',
      },
      HEALTH: { description: 'Health care institutions (учреждения здравоохранения).' },
      CULTURE_SPORT: { description: 'Culture and sport institutions (учреждения культуры и спорта).' },
      EMPLOYMENT: { description: 'Employment services (центр занятости населения).' },
      YOUTH: { description: 'Youth affairs bodies (органы по делам молодёжи).' },
      OTHER: { description: 'Any other subject of the prevention system.' },
    } satisfies Record<AgencyKind, { description: string }>,
  });
}

export interface ResolutionShape {
  number: string;
  date: Date;
}

export function defineResolution<Context extends SubgraphContext>(builder: SubgraphBuilder<Context>) {
  return builder.objectRef<ResolutionShape>('Resolution').implement({
    description: 'A numbered, dated resolution (постановление) of a commission for minors.',
    shareable: true,
    fields: (t) => ({
      number: t.exposeString('number', { description: 'Number of the resolution, e.g. «12/4».' }),
      date: t.field({ type: 'Date', description: 'Date of the resolution.', resolve: (r) => r.date }),
    }),
  });
}
