import type { AgencyKind } from '@kdn/prisma/agencies';
import type { LifeArea, MeasureCategory } from '@kdn/prisma/programmes';
import { type FamilySpec, grounds } from './family-spec.ts';

/**
 * What the demo programmes are made of: for each problem a family can have, a concrete goal (what
 * changes, how it is measured) and the measures that serve it, each by a kind of agency. Goals and
 * measures are written the way Resolution No. 2 says they became after the 2011 seminars: concrete
 * and feasible.
 */
export interface MeasureTemplate {
  title: string;
  category: MeasureCategory;
  agencyKind: AgencyKind;
  /** When it falls due, in months from the programme's start (scaled for programmes cut short). */
  months: number;
  priority?: boolean;
}

export interface GoalTemplate {
  title: string;
  indicator: string;
  area: LifeArea;
  measures: MeasureTemplate[];
}

export type Problem =
  | 'alcohol'
  | 'neglect'
  | 'violence'
  | 'offences'
  | 'truancy'
  | 'runaway'
  | 'leisure'
  | 'benefits'
  | 'unemployment'
  | 'housingDebts';

export const goals: Record<Problem, GoalTemplate> = {
  alcohol: {
    title: 'Родители не злоупотребляют алкоголем',
    indicator:
      'нет фактов опьянения при патронажах куратора и рейдах ОДН за квартал; пройдена консультация нарколога',
    area: 'HEALTH',
    measures: [
      {
        title: 'Консультация нарколога и направление на лечение',
        category: 'MEDICAL',
        agencyKind: 'HEALTH',
        months: 1,
        priority: true,
      },
      {
        title: 'Вечерние рейды по месту жительства не реже раза в месяц',
        category: 'LEGAL',
        agencyKind: 'POLICE_JUVENILE_UNIT',
        months: 6,
      },
      {
        title: 'Курс консультаций психолога по мотивации к трезвости, 5 встреч',
        category: 'PSYCHOLOGICAL',
        agencyKind: 'SOCIAL_SERVICE_CENTRE',
        months: 3,
      },
    ],
  },
  neglect: {
    title: 'Дети обеспечены питанием, уходом и присмотром',
    indicator:
      'акт обследования жилищно-бытовых условий: удовлетворительные; дети приходят в школу опрятными',
    area: 'CHILD_CARE',
    measures: [
      {
        title: 'Обследование жилищно-бытовых условий семьи с составлением акта',
        category: 'SOCIAL',
        agencyKind: 'GUARDIANSHIP',
        months: 1,
        priority: true,
      },
      {
        title: 'Обучение матери навыкам ухода за детьми и ведения хозяйства, 6 занятий',
        category: 'SOCIAL',
        agencyKind: 'SOCIAL_SERVICE_CENTRE',
        months: 4,
      },
    ],
  },
  violence: {
    title: 'Отношения в семье без насилия',
    indicator:
      'нет обращений в полицию и признаков насилия при осмотрах; заключение психолога о снижении конфликтности',
    area: 'FAMILY_RELATIONS',
    measures: [
      {
        title: 'Семейная психотерапия, курс из 8 занятий',
        category: 'PSYCHOLOGICAL',
        agencyKind: 'SOCIAL_SERVICE_CENTRE',
        months: 3,
        priority: true,
      },
      {
        title: 'Беседа с родителями об ответственности за жестокое обращение с детьми',
        category: 'LEGAL',
        agencyKind: 'POLICE_JUVENILE_UNIT',
        months: 1,
      },
      {
        title: 'Осмотр детей педиатром',
        category: 'MEDICAL',
        agencyKind: 'HEALTH',
        months: 2,
      },
    ],
  },
  offences: {
    title: 'Подросток не совершает правонарушений',
    indicator: 'ноль протоколов ОДН и сообщений о правонарушениях за квартал',
    area: 'LAW_ABIDANCE',
    measures: [
      {
        title: 'Ежемесячные профилактические беседы об ответственности несовершеннолетних',
        category: 'LEGAL',
        agencyKind: 'POLICE_JUVENILE_UNIT',
        months: 2,
        priority: true,
      },
      {
        title: 'Временное трудоустройство подростка на летний период',
        category: 'EMPLOYMENT',
        agencyKind: 'EMPLOYMENT',
        months: 5,
      },
      {
        title: 'Вовлечение в волонтёрский отряд молодёжного центра',
        category: 'LEISURE_SPORT',
        agencyKind: 'YOUTH',
        months: 4,
      },
    ],
  },
  truancy: {
    title: 'Регулярное посещение школы',
    indicator: 'пропуски уроков без уважительной причины: не более 2 дней в четверть',
    area: 'EDUCATION',
    measures: [
      {
        title: 'Ежедневный контроль посещаемости с еженедельным информированием куратора',
        category: 'EDUCATIONAL',
        agencyKind: 'EDUCATION',
        months: 1,
        priority: true,
      },
      {
        title: 'Индивидуальные занятия по отстающим предметам',
        category: 'EDUCATIONAL',
        agencyKind: 'EDUCATION',
        months: 4,
      },
    ],
  },
  runaway: {
    title: 'Подросток не уходит из дома',
    indicator: 'ноль самовольных уходов за квартал; подросток ночует дома по сведениям ОДН',
    area: 'FAMILY_RELATIONS',
    measures: [
      {
        title: 'Консультации психолога для подростка и матери, 6 встреч',
        category: 'PSYCHOLOGICAL',
        agencyKind: 'SOCIAL_SERVICE_CENTRE',
        months: 2,
        priority: true,
      },
      {
        title: 'Ежемесячная сверка сведений о самовольных уходах',
        category: 'LEGAL',
        agencyKind: 'POLICE_JUVENILE_UNIT',
        months: 6,
      },
    ],
  },
  leisure: {
    title: 'У подростка есть постоянное занятие после уроков',
    indicator: 'посещает секцию или кружок не реже двух раз в неделю',
    area: 'LEISURE',
    measures: [
      {
        title: 'Зачисление в секцию и сопровождение на первые занятия',
        category: 'LEISURE_SPORT',
        agencyKind: 'CULTURE_SPORT',
        months: 2,
      },
      {
        title: 'Участие во внеурочных мероприятиях школы',
        category: 'EDUCATIONAL',
        agencyKind: 'EDUCATION',
        months: 5,
      },
    ],
  },
  benefits: {
    title: 'Семья получает положенные меры социальной поддержки',
    indicator: 'назначены ежемесячное пособие на ребёнка и субсидия на оплату ЖКУ',
    area: 'HOUSING',
    measures: [
      {
        title: 'Помощь в сборе документов для оформления мер социальной поддержки',
        category: 'SOCIAL_SUPPORT_BENEFITS',
        agencyKind: 'SOCIAL_SERVICE_CENTRE',
        months: 1,
        priority: true,
      },
      {
        title: 'Назначение ежемесячного пособия на ребёнка и субсидии на ЖКУ',
        category: 'SOCIAL_SUPPORT_BENEFITS',
        agencyKind: 'SOCIAL_PROTECTION',
        months: 2,
      },
    ],
  },
  unemployment: {
    title: 'Родитель трудоустроен',
    indicator: 'заключён трудовой договор; доход семьи выше прожиточного минимума',
    area: 'EMPLOYMENT',
    measures: [
      {
        title: 'Постановка на учёт в центре занятости и подбор вакансий',
        category: 'EMPLOYMENT',
        agencyKind: 'EMPLOYMENT',
        months: 1,
        priority: true,
      },
      {
        title: 'Направление на профессиональное обучение',
        category: 'EMPLOYMENT',
        agencyKind: 'EMPLOYMENT',
        months: 5,
      },
    ],
  },
  housingDebts: {
    title: 'Долг за жильё и коммунальные услуги погашается',
    indicator: 'заключено соглашение о рассрочке; платежи вносятся ежемесячно',
    area: 'HOUSING',
    measures: [
      {
        title: 'Консультация юрисконсульта центра о рассрочке долга',
        category: 'LEGAL',
        agencyKind: 'SOCIAL_SERVICE_CENTRE',
        months: 2,
      },
      {
        title: 'Консультация по субсидии на оплату ЖКУ',
        category: 'SOCIAL_SUPPORT_BENEFITS',
        agencyKind: 'SOCIAL_PROTECTION',
        months: 3,
      },
    ],
  },
};

const fromGrounds: Array<[string, Problem]> = [
  [grounds.alcohol, 'alcohol'],
  [grounds.neglect, 'neglect'],
  [grounds.violence, 'violence'],
  [grounds.offences, 'offences'],
  [grounds.truancy, 'truancy'],
  [grounds.runaway, 'runaway'],
  [grounds.guardian, 'neglect'],
];

const fromRiskFactors: Partial<Record<FamilySpec['passport']['riskFactors'][number], Problem>> = {
  PARENTAL_ALCOHOL_ABUSE: 'alcohol',
  PARENTAL_DRUG_USE: 'alcohol',
  NEGLECT: 'neglect',
  DOMESTIC_VIOLENCE: 'violence',
  OFFENCES_BY_MINOR: 'offences',
  TRUANCY: 'truancy',
  RUNNING_AWAY: 'runaway',
  NO_LEISURE_INTERESTS: 'leisure',
  NO_SOCIAL_SUPPORT_DOCUMENTS: 'benefits',
  PARENTS_UNEMPLOYED: 'unemployment',
  DEBTS_FOR_HOUSING: 'housingDebts',
};

/**
 * A family's problems, the registration's grounds first, then its risk factors: two to four of them,
 * and enough for the programme to be interagency, with three agencies at least.
 */
export function problemsOf(family: FamilySpec): Problem[] {
  const problems = new Set<Problem>();
  for (const [text, problem] of fromGrounds) if (family.registration.grounds === text) problems.add(problem);
  for (const factor of family.passport.riskFactors) {
    const problem = fromRiskFactors[factor];
    if (problem) problems.add(problem);
  }
  const agencyKinds = () => new Set([...problems].flatMap((p) => goals[p].measures.map((m) => m.agencyKind)));
  for (const filler of ['benefits', 'leisure', 'violence'] as const) {
    if (problems.size >= 2 && agencyKinds().size >= 3) break;
    problems.add(filler);
  }
  return [...problems].slice(0, 4);
}

/**
 * Where a measure goes when its agency refused or failed it: the kind of agency the curator
 * proposes to bring in instead (clause 3.4).
 */
export const fallbackKind: Record<AgencyKind, 'SOCIAL_SERVICE_CENTRE' | 'YOUTH' | 'CULTURE_SPORT'> = {
  EDUCATION: 'SOCIAL_SERVICE_CENTRE',
  POLICE_JUVENILE_UNIT: 'SOCIAL_SERVICE_CENTRE',
  GUARDIANSHIP: 'SOCIAL_SERVICE_CENTRE',
  SOCIAL_SERVICE_CENTRE: 'YOUTH',
  SOCIAL_PROTECTION: 'SOCIAL_SERVICE_CENTRE',
  HEALTH: 'SOCIAL_SERVICE_CENTRE',
  CULTURE_SPORT: 'YOUTH',
  EMPLOYMENT: 'YOUTH',
  YOUTH: 'CULTURE_SPORT',
  OTHER: 'SOCIAL_SERVICE_CENTRE',
};

/** The measure the curator proposes when an agency of a kind is brought in instead of one that failed. */
export const replacementMeasure: Record<
  (typeof fallbackKind)[AgencyKind],
  { title: string; category: MeasureCategory }
> = {
  SOCIAL_SERVICE_CENTRE: {
    title: 'Сопровождение специалистом центра взамен неисполненного мероприятия',
    category: 'SOCIAL',
  },
  YOUTH: {
    title: 'Вовлечение подростка в клуб молодёжного центра по месту жительства',
    category: 'LEISURE_SPORT',
  },
  CULTURE_SPORT: { title: 'Зачисление в кружок учреждения культуры', category: 'LEISURE_SPORT' },
};

/** Why an agency of a kind did not carry out a measure, or refused to (clause 4.6). */
export const failureReasons: Record<AgencyKind, { notExecuted: string; refused: string }> = {
  EDUCATION: {
    notExecuted: 'Школа не организовала занятия: учитель на больничном, замена не назначена',
    refused: 'Администрация школы отказалась вести ежедневный учёт: нет свободного специалиста',
  },
  POLICE_JUVENILE_UNIT: {
    notExecuted: 'Рейды не проводились: некомплект инспекторов ОДН',
    refused: 'ОДН отказал: мероприятие вне компетенции подразделения',
  },
  GUARDIANSHIP: {
    notExecuted: 'Обследование не проведено в срок: специалист в отпуске',
    refused: 'Отдел опеки отказал: семья не относится к подопечным отдела',
  },
  SOCIAL_SERVICE_CENTRE: {
    notExecuted: 'Занятия не состоялись: семья не являлась, выезд специалиста не организован',
    refused: 'Центр отказал: группа укомплектована до конца года',
  },
  SOCIAL_PROTECTION: {
    notExecuted: 'Документы не рассмотрены в срок: очередь на приём',
    refused: 'Отказано в приёме документов без регистрации по месту жительства',
  },
  HEALTH: {
    notExecuted: 'Приём не состоялся: нарколог в поликлинике не ведёт приём',
    refused: 'Поликлиника отказала: нет направления по месту прикрепления',
  },
  CULTURE_SPORT: {
    notExecuted: 'Зачисление не состоялось: набор в секцию перенесён',
    refused: 'В секции нет мест, в зачислении отказано',
  },
  EMPLOYMENT: {
    notExecuted: 'Вакансии не подобраны в срок',
    refused: 'Центр занятости отказал в постановке на учёт без документа об образовании',
  },
  YOUTH: {
    notExecuted: 'Набор в отряд не проводился',
    refused: 'Молодёжный центр отказал: нет программ для подростков на учёте',
  },
  OTHER: { notExecuted: 'Не исполнено в срок', refused: 'Исполнитель отказал' },
};

/** What the responsible agency reported when a measure of a category was done. */
export const executionReports: Record<MeasureCategory, string> = {
  SOCIAL: 'Проведено, акт передан куратору',
  PSYCHOLOGICAL: 'Проведено, заключение психолога передано куратору',
  EDUCATIONAL: 'Исполнено, сведения о посещаемости и успеваемости переданы куратору',
  MEDICAL: 'Приём состоялся, рекомендации врача даны семье',
  LEGAL: 'Проведено, справка о проведении передана в РМЦ',
  LEISURE_SPORT: 'Подросток зачислен и посещает занятия',
  EMPLOYMENT: 'Направление выдано, трудоустройство состоялось',
  SOCIAL_SUPPORT_BENEFITS: 'Документы поданы, меры социальной поддержки назначены',
  OTHER: 'Исполнено',
};

/** The names of life areas as reports write them. */
export const areaNames: Record<LifeArea, string> = {
  FAMILY_RELATIONS: 'детско-родительские отношения',
  CHILD_CARE: 'уход и присмотр за детьми',
  EDUCATION: 'посещаемость и успеваемость',
  HEALTH: 'здоровье и отказ от алкоголя',
  EMPLOYMENT: 'занятость родителей',
  HOUSING: 'жилищно-бытовые условия',
  LEISURE: 'досуг подростка',
  LAW_ABIDANCE: 'правопорядок',
};
