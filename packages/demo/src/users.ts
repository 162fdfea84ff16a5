import type { Claims } from '@kdn/platform';
import { type DistrictCode, districts } from './agencies.ts';
import { kirovskyCurators } from './families.ts';
import { agencyId, curatorId } from './ids.ts';

/** A person of the demo who can sign in: the claims of their token and how the sign-in picker names them. */
export interface DemoUser {
  /** The token's subject, and the picker's key. */
  id: string;
  /** Who they are, in Russian, as the dashboard shows them. */
  title: string;
  claims: Claims;
}

const districtName = (code: DistrictCode) =>
  districts.find((district) => district.code === code)?.name ?? code;

const curatorUser = (key: keyof typeof kirovskyCurators): DemoUser => {
  const { agency, curator } = kirovskyCurators[key];
  return {
    id: `curator-${key}`,
    title: `Куратор: ${curator.fullName}, ${curator.position}`,
    claims: {
      sub: `curator-${key}`,
      role: 'CURATOR',
      district: 'kirovsky',
      agency: agencyId(agency),
      curator: curatorId(agency, curator.fullName),
    },
  };
};

/** One user of each role (a commission for each district), for the dashboard's picker, the README and the tests. */
export const demoUsers: DemoUser[] = [
  ...(['kirovsky', 'zheleznodorozhny'] as const).map((district) => ({
    id: `commission-${district}`,
    title: `Комиссия: ${districtName(district)}`,
    claims: { sub: `commission-${district}`, role: 'COMMISSION' as const, district },
  })),
  curatorUser('belousova'),
  curatorUser('sokolova'),
  {
    id: 'agency-kirovsky-centre',
    title: 'Учреждение: центр социального обслуживания, Кировский район',
    claims: {
      sub: 'agency-kirovsky-centre',
      role: 'AGENCY',
      district: 'kirovsky',
      agency: agencyId('kirovsky/centre'),
    },
  },
  {
    id: 'methodologist',
    title: 'Методист: сравнение ресурсных центров',
    claims: { sub: 'methodologist', role: 'METHODOLOGIST' },
  },
  {
    id: 'integrator-aggregates',
    title: 'Интеграция: только сводные показатели',
    claims: { sub: 'integrator-aggregates', role: 'INTEGRATOR', scope: 'aggregates:read' },
  },
  {
    id: 'admin',
    title: 'Администратор',
    claims: { sub: 'admin', role: 'ADMIN' },
  },
];

export function demoUser(id: string): DemoUser {
  const user = demoUsers.find((candidate) => candidate.id === id);
  if (!user) throw new Error(`no demo user ${id}`);
  return user;
}
