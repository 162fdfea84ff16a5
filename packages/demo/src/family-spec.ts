import type {
  ClosingReason,
  FamilyComposition,
  HousingCondition,
  IncomeLevel,
  RiskFactor,
  Sex,
} from '@kdn/prisma/registry';
import type { DistrictCode } from './agencies.ts';

export interface PassportSpec {
  adults: number;
  children: number;
  housing: HousingCondition;
  monthlyIncome: number;
  incomeLevel: IncomeLevel;
  riskFactors: RiskFactor[];
  notes: string;
}

export interface MinorSpec {
  lastName: string;
  firstName: string;
  patronymic: string;
  sex: Sex;
  birthDate: string;
  /** The day the minor was named in the registration; the registration's opening day when absent. */
  addedOn?: string;
}

export interface ClosingSpec {
  closedOn: string;
  reason: ClosingReason;
  resolutionNumber: string;
  note: string;
}

/** Opened and closed by resolutions of the district's commission, dated the day they take effect. */
export interface RegistrationSpec {
  openedOn: string;
  resolutionNumber: string;
  grounds: string;
  closing?: ClosingSpec;
}

export interface CuratorSpec {
  agency: string;
  curator: { fullName: string; position: string };
}

export interface FamilySpec {
  district: DistrictCode;
  key: string;
  /** Street, house and flat in Krasnoyarsk. */
  address: string;
  composition: FamilyComposition;
  passport: PassportSpec;
  minors: MinorSpec[];
  registration: RegistrationSpec;
  /** Not loaded yet: the specialist who curates the family from its registration on. */
  curator: CuratorSpec;
}

export function minor(fullName: string, sex: 'F' | 'M', birthDate: string, addedOn?: string): MinorSpec {
  const [lastName = '', firstName = '', patronymic = ''] = fullName.split(' ');
  return {
    lastName,
    firstName,
    patronymic,
    sex: sex === 'F' ? 'FEMALE' : 'MALE',
    birthDate,
    ...(addedOn ? { addedOn } : {}),
  };
}

export const curator = (agency: string, fullName: string, position: string): CuratorSpec => ({
  agency,
  curator: { fullName, position },
});

export const inDistrict = (district: DistrictCode, specs: Omit<FamilySpec, 'district'>[]): FamilySpec[] =>
  specs.map((spec) => ({ district, ...spec }));

export const grounds = {
  alcohol:
    'Родители злоупотребляют спиртными напитками, не исполняют обязанности по воспитанию и содержанию детей',
  neglect:
    'Ненадлежащее исполнение родительских обязанностей: дети без присмотра, не обеспечены питанием и уходом',
  violence: 'Жестокое обращение с детьми в семье, конфликтные детско-родительские отношения',
  offences: 'Совершение несовершеннолетним правонарушения при отсутствии контроля со стороны родителей',
  truancy:
    'Систематические пропуски учебных занятий без уважительной причины, родители не контролируют обучение',
  runaway: 'Самовольные уходы несовершеннолетнего из дома, родители не принимают мер к его возвращению',
  guardian: 'Ненадлежащее исполнение опекуном обязанностей по воспитанию и содержанию подопечного',
};
