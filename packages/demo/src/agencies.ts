import type { AgencyKind, Prisma } from '@kdn/prisma/agencies';
import { agencyId, commissionId, resourceCentreId, staffPositionId } from './ids.ts';

export type DistrictCode = 'kirovsky' | 'zheleznodorozhny';

export interface AgencySpec {
  key: string;
  kind: AgencyKind;
  name: string;
}

export interface StaffLine {
  title: string;
  filled: number;
  vacant: number;
}

export interface ResourceCentreSpec {
  agency: string;
  headAppointed: boolean;
  secretaryAppointed: boolean;
  staff: StaffLine[];
}

export interface DistrictSpec {
  code: DistrictCode;
  name: string;
  city: string;
  commission: string;
  agencies: AgencySpec[];
  resourceCentre: ResourceCentreSpec;
}

const city = 'Красноярск';

const schools = (district: DistrictCode, numbers: number[]): AgencySpec[] =>
  numbers.map((number) => ({
    key: `${district}/school-${number}`,
    kind: 'EDUCATION',
    name: `МБОУ СОШ № ${number}`,
  }));

const staff = (title: string, filled: number, vacant = 0): StaffLine => ({ title, filled, vacant });

export const districts: DistrictSpec[] = [
  {
    code: 'kirovsky',
    name: 'Кировский район',
    city,
    commission: 'КДН и ЗП администрации Кировского района в г. Красноярске',
    agencies: [
      ...schools('kirovsky', [8, 46, 55, 59, 63, 81, 90, 135]),
      {
        key: 'kirovsky/police',
        kind: 'POLICE_JUVENILE_UNIT',
        name: 'ОДН ОП № 3 МУ МВД России «Красноярское»',
      },
      {
        key: 'kirovsky/guardianship',
        kind: 'GUARDIANSHIP',
        name: 'Отдел опеки и попечительства РУО Кировского района',
      },
      {
        key: 'kirovsky/centre',
        kind: 'SOCIAL_SERVICE_CENTRE',
        name: 'МБУ «Центр социальной помощи семье и детям «Первомайский»',
      },
      {
        key: 'kirovsky/social-protection',
        kind: 'SOCIAL_PROTECTION',
        name: 'Управление социальной защиты населения администрации Кировского района в г. Красноярске',
      },
      { key: 'kirovsky/polyclinic', kind: 'HEALTH', name: 'МБУЗ «Городская детская поликлиника № 2»' },
      {
        key: 'kirovsky/sport',
        kind: 'CULTURE_SPORT',
        name: 'МАОУ ДОД «Детско-юношеская спортивная школа № 6»',
      },
      {
        key: 'kirovsky/employment',
        kind: 'EMPLOYMENT',
        name: 'КГКУ «Центр занятости населения г. Красноярска», отдел по Кировскому району',
      },
      { key: 'kirovsky/youth', kind: 'YOUTH', name: 'МБУ «Молодёжный центр Кировского района»' },
    ],
    resourceCentre: {
      agency: 'kirovsky/centre',
      headAppointed: true,
      secretaryAppointed: false,
      staff: [
        staff('заведующий отделением', 1),
        staff('специалист по социальной работе', 2),
        staff('юрисконсульт', 1),
        staff('педагог-психолог', 1),
        staff('социальный педагог', 2),
      ],
    },
  },
  {
    code: 'zheleznodorozhny',
    name: 'Железнодорожный район',
    city,
    commission: 'КДН и ЗП администрации Железнодорожного района в г. Красноярске',
    agencies: [
      ...schools('zheleznodorozhny', [10, 12, 14, 30, 32, 41, 86, 99]),
      {
        key: 'zheleznodorozhny/police',
        kind: 'POLICE_JUVENILE_UNIT',
        name: 'ОДН ОП № 7 МУ МВД России «Красноярское»',
      },
      {
        key: 'zheleznodorozhny/guardianship',
        kind: 'GUARDIANSHIP',
        name: 'Отдел опеки и попечительства РУО Железнодорожного района',
      },
      { key: 'zheleznodorozhny/centre', kind: 'SOCIAL_SERVICE_CENTRE', name: 'МБУ «ЦСПСиД «Качинский»' },
      {
        key: 'zheleznodorozhny/social-protection',
        kind: 'SOCIAL_PROTECTION',
        name: 'Управление социальной защиты населения администрации Железнодорожного района в г. Красноярске',
      },
      {
        key: 'zheleznodorozhny/polyclinic',
        kind: 'HEALTH',
        name: 'МБУЗ «Городская детская поликлиника № 5»',
      },
      {
        key: 'zheleznodorozhny/culture',
        kind: 'CULTURE_SPORT',
        name: 'МБУК «Районный дом культуры «Сибиряк»',
      },
      {
        key: 'zheleznodorozhny/employment',
        kind: 'EMPLOYMENT',
        name: 'КГКУ «Центр занятости населения г. Красноярска», отдел по Железнодорожному району',
      },
      {
        key: 'zheleznodorozhny/youth',
        kind: 'YOUTH',
        name: 'МБУ «Молодёжный центр Железнодорожного района»',
      },
    ],
    resourceCentre: {
      agency: 'zheleznodorozhny/centre',
      headAppointed: true,
      secretaryAppointed: true,
      staff: [
        staff('заведующий отделением дневного пребывания', 1),
        staff('психолог', 1),
        staff('специалист по социальной работе', 1, 1.5),
        staff('социальный педагог', 0, 1),
      ],
    },
  },
];

export const agencies: ReadonlyMap<string, AgencySpec & { districtCode: DistrictCode }> = new Map(
  districts.flatMap((district) =>
    district.agencies.map((agency) => [agency.key, { ...agency, districtCode: district.code }] as const),
  ),
);

export interface AgenciesRows {
  districts: Prisma.DistrictCreateManyInput[];
  commissions: Prisma.CommissionCreateManyInput[];
  agencies: Prisma.AgencyCreateManyInput[];
  resourceCentres: Prisma.ResourceCentreCreateManyInput[];
  staffPositions: Prisma.StaffPositionCreateManyInput[];
}

export function agenciesRows(): AgenciesRows {
  return {
    districts: districts.map(({ code, name, city }) => ({ code, name, city })),
    commissions: districts.map(({ code, commission }) => ({
      id: commissionId(code),
      districtCode: code,
      name: commission,
    })),
    agencies: districts.flatMap(({ code, agencies }) =>
      agencies.map(({ key, kind, name }) => ({ id: agencyId(key), districtCode: code, name, kind })),
    ),
    resourceCentres: districts.map(({ code, resourceCentre }) => ({
      id: resourceCentreId(code),
      districtCode: code,
      agencyId: agencyId(resourceCentre.agency),
      headAppointed: resourceCentre.headAppointed,
      secretaryAppointed: resourceCentre.secretaryAppointed,
    })),
    staffPositions: districts.flatMap(({ code, resourceCentre }) =>
      resourceCentre.staff.map(({ title, filled, vacant }, index) => ({
        id: staffPositionId(code, title),
        resourceCentreId: resourceCentreId(code),
        title,
        filled,
        vacant,
        ordinal: index + 1,
      })),
    ),
  };
}
