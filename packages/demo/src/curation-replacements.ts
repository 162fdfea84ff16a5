import type { ReplacementReason } from '@kdn/prisma/curation';
import type { DistrictCode } from './agencies.ts';
import { type CuratorSpec, curator } from './family-spec.ts';
import { kirovskyCurators } from './kirovsky-families.ts';
import { zheleznodorozhnyCurators } from './zheleznodorozhny-families.ts';

/**
 * Families whose first curator was replaced by a commission resolution (clause 1.9), one for each
 * of the five reasons. The curator a family spec names is the one after the replacement, so the
 * caseload at the end of 2011 is the resolution's.
 */
export interface ReplacementSpec {
  district: DistrictCode;
  family: string;
  /** The curator from the family's registration up to the replacement. */
  former: CuratorSpec;
  /** False when the former curator left and no longer takes wards. */
  formerStaysActive: boolean;
  replacedOn: string;
  resolutionNumber: string;
  reason: ReplacementReason;
  note: string;
}

export const replacements: ReplacementSpec[] = [
  {
    district: 'kirovsky',
    family: 'vlasov',
    former: kirovskyCurators.belousova,
    formerStaysActive: true,
    replacedOn: '2011-03-16',
    resolutionNumber: '5/6',
    reason: 'PROBLEM_CHANGED',
    note: 'Старший сын задержан за кражу; на первый план вышла профилактика правонарушений — куратором назначен инспектор ОДН.',
  },
  {
    district: 'kirovsky',
    family: 'gusev',
    former: curator('kirovsky/police', 'Кравченко Павел Сергеевич', 'инспектор ОДН'),
    formerStaysActive: false,
    replacedOn: '2011-04-27',
    resolutionNumber: '8/6',
    reason: 'STAFF_CHANGE',
    note: 'Инспектор переведён в другое подразделение МУ МВД России «Красноярское».',
  },
  {
    district: 'kirovsky',
    family: 'morozov',
    former: kirovskyCurators.tsvetkova,
    formerStaysActive: true,
    replacedOn: '2011-05-25',
    resolutionNumber: '10/6',
    reason: 'WARD_REQUEST',
    note: 'Бабушка ребёнка просит закрепить другого специалиста центра, с которым семья уже работала.',
  },
  {
    district: 'kirovsky',
    family: 'bykov',
    former: curator('kirovsky/school-55', 'Кирсанова Алла Борисовна', 'социальный педагог'),
    formerStaysActive: true,
    replacedOn: '2011-07-20',
    resolutionNumber: '14/6',
    reason: 'SOCIAL_PROTECTION_PETITION',
    note: 'Ходатайство ЦСПСиД «Первомайский»: куратор не установила контакт с подростком, посещения нерегулярны.',
  },
  {
    district: 'zheleznodorozhny',
    family: 'volkov',
    former: zheleznodorozhnyCurators.larionova,
    formerStaysActive: true,
    replacedOn: '2011-03-03',
    resolutionNumber: '4/6',
    reason: 'CURATOR_PETITION',
    note: 'Куратор просит о замене: сопровождает три семьи и не может обеспечить ежемесячный патронаж многодетной семьи.',
  },
];
